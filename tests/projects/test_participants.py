"""A project's participants have one writer, ``project_participants_set``: every row it adds,
moves or removes is in the history, with who did it; a list that did not change writes nothing."""

import pytest
import tablib
from django.core.exceptions import ValidationError

from projects.models import Project, ProjectParticipant
from projects.resources import ProjectResource
from projects.services import project_participants_set
from tests.factories import make_organization, make_project, make_staff

pytestmark = pytest.mark.django_db

COLUMNS = "public_id,slug,title_en,focus_area,participants,status,is_published"


@pytest.fixture
def partners():
    return {slug: make_organization(slug=slug, name_en=slug.upper()) for slug in ("gds", "imda", "psa")}


def import_project(user, participants: str, public_id: str = ""):
    """Import one project row through the admin's resource, as the admin's import does."""
    dataset = tablib.Dataset().load(
        f"{COLUMNS}\n{public_id},data-centre,Data centre,ict,{participants},preparation,0\n", format="csv"
    )
    result = ProjectResource().import_data(dataset, user=user)
    assert (result.has_errors(), result.has_validation_errors()) == (False, False)
    return Project.objects.get(slug="data-centre")


def participant_history(after: int = 0) -> list[tuple]:
    return [
        (row.organization.slug, row.role, row.position, row.history_type, row.history_user, row.history_change_reason)
        for row in ProjectParticipant.history.filter(history_id__gt=after).order_by("history_id")
    ]


def last_history_id() -> int:
    return ProjectParticipant.history.order_by("history_id").last().history_id


def test_an_import_records_each_participant_it_adds_with_the_importing_user(partners):
    editor = make_staff("editor")

    project = import_project(editor, "gds:investor;imda:accountable")

    assert list(project.participations.values_list("organization__slug", "role", "position")) == [
        ("gds", "investor", 0),
        ("imda", "accountable", 1),
    ]
    assert participant_history() == [
        ("gds", "investor", 0, "+", editor, "Imported"),
        ("imda", "accountable", 1, "+", editor, "Imported"),
    ]
    assert set(ProjectParticipant.history.values_list("project_id", flat=True)) == {project.pk}


def test_replacing_the_list_records_the_removal_the_move_and_the_addition(partners):
    editor = make_staff("editor")
    project = import_project(editor, "gds:investor;imda:accountable")
    before = last_history_id()

    import_project(editor, "imda:accountable;psa:operator", public_id=project.public_id)

    assert list(project.participations.values_list("organization__slug", "role", "position")) == [
        ("imda", "accountable", 0),
        ("psa", "operator", 1),
    ]
    assert participant_history(after=before) == [
        ("gds", "investor", 0, "-", editor, "Imported"),
        ("imda", "accountable", 0, "~", editor, "Imported"),
        ("psa", "operator", 1, "+", editor, "Imported"),
    ]


def test_an_unchanged_list_writes_no_history(partners):
    editor = make_staff("editor")
    project = import_project(editor, "gds:investor;imda:accountable")
    rows = list(project.participations.values_list("pk", flat=True))

    import_project(editor, "gds:investor;imda:accountable", public_id=project.public_id)

    assert ProjectParticipant.history.count() == 2
    assert list(project.participations.values_list("pk", flat=True)) == rows


def test_the_service_moves_updated_at_only_when_a_participant_changed(partners):
    project = make_project(participants=[(partners["gds"], "investor")])
    stamped = Project.objects.get(pk=project.pk).updated_at

    project_participants_set(project=project, participants=[(partners["gds"], "investor")], user=None)
    unchanged = Project.objects.get(pk=project.pk).updated_at
    project_participants_set(project=project, participants=[(partners["psa"], "operator")], user=None)
    changed = Project.objects.get(pk=project.pk).updated_at

    assert unchanged == stamped
    assert changed > stamped
    assert project.updated_at == changed
    assert participant_history() == [
        ("gds", "investor", 0, "+", None, None),
        ("gds", "investor", 0, "-", None, None),
        ("psa", "operator", 0, "+", None, None),
    ]


def test_the_service_refuses_a_pair_listed_twice_and_writes_nothing(partners):
    project = make_project(participants=[(partners["gds"], "investor")])

    with pytest.raises(ValidationError, match="listed twice with the same role"):
        project_participants_set(
            project=project, participants=[(partners["psa"], "operator"), (partners["psa"], "operator")], user=None
        )

    assert list(project.participations.values_list("organization__slug", flat=True)) == ["gds"]
    assert ProjectParticipant.history.count() == 1
