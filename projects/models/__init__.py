"""The registry: what the CCI signed, in which area, with whom, where and for how much."""

from projects.models.directory import Organization, Zone
from projects.models.figures import ReportedFigure
from projects.models.links import Milestone, ProjectParticipant
from projects.models.project import Project, next_public_id
from projects.models.reference import District, FocusArea, Scheme, Source

__all__ = [
    "District",
    "FocusArea",
    "Milestone",
    "Organization",
    "Project",
    "ProjectParticipant",
    "ReportedFigure",
    "Scheme",
    "Source",
    "Zone",
    "next_public_id",
]
