"""A project's change log as an Atom feed: one entry a day of changes to its published facts
(:mod:`projects.changelog`), newest first, in the reader's language (the URL's)."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.changelog import ChangeDay, project_change_log
from projects.models import Project


class ProjectHistoryAtom(Feed):
    """``/projects/<id>/history.atom``: the dated changes of a published project."""

    feed_type = Atom1Feed
    description_template = "projects/feeds/change_day.html"

    def get_object(self, request, public_id):
        return get_object_or_404(Project.objects.published(), public_id=public_id)

    def title(self, project: Project) -> str:
        return _("History of %(project)s") % {"project": project.title}

    def subtitle(self, project: Project) -> str:
        return _("The dated changes to the published facts of %(id)s: status, amount, dates and partners.") % {
            "id": project.public_id
        }

    def link(self, project: Project) -> str:
        return f"{project.get_absolute_url()}#history"

    def items(self, project: Project) -> list[ChangeDay]:
        self.project = project
        return project_change_log(project)

    def item_title(self, day: ChangeDay) -> str:
        return _("%(id)s on %(date)s") % {"id": self.project.public_id, "date": date_format(day.day, "DATE_FORMAT")}

    def item_link(self, day: ChangeDay) -> str:
        return f"{self.project.get_absolute_url()}#history-{day.day.isoformat()}"

    def item_pubdate(self, day: ChangeDay) -> datetime:
        return day.at

    def item_updateddate(self, day: ChangeDay) -> datetime:
        return day.at
