"""The markers behind the validators and the caches (core/freshness.py): the published records move
with what the public can see, whoever writes it, and never with a draft; whole tables move with
everything."""

from datetime import date

import pytest
from django.apps import apps
from django.db import connection

from core.freshness import PUBLIC_CHANGE_LOG, is_publishable, latest_changes
from core.publishing import set_published
from news.models import Article
from projects.models import Milestone, Organization, Project, ProjectParticipant, ReportedFigure, Zone
from projects.services import project_participants_set
from tests.factories import make_article, make_figure, make_organization, make_project, make_staff, make_zone

pytestmark = pytest.mark.django_db

BUILDERS = {
    Project: make_project,
    Organization: make_organization,
    Zone: make_zone,
    ReportedFigure: make_figure,
    Article: make_article,
}


def public(model) -> list:
    return latest_changes((model.objects.published(),))


def whole(model) -> list:
    return latest_changes((model.objects.all(),))


def test_every_publishable_model_has_its_public_markers_in_the_database():
    publishable = {
        model for model in apps.get_models() if is_publishable(model) and not model.__name__.startswith("Historical")
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname LIKE %s", ["%_public_%"])
        triggers = set(cursor.fetchall())
        cursor.execute("SELECT tablename FROM pg_indexes WHERE indexdef LIKE %s", ["%(updated_at) WHERE is_published"])
        indexed = {row[0] for row in cursor.fetchall()}

    assert publishable == set(BUILDERS)
    for model in publishable:
        table = model._meta.db_table
        assert {(table, f"{table}_public_withdrawn"), (table, f"{table}_public_deleted")} <= triggers
        assert table in indexed


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model._meta.model_name)
def test_a_draft_moves_the_whole_table_but_not_the_published_records(model):
    BUILDERS[model]()
    draft = BUILDERS[model](is_published=False)
    before_public, before_whole = public(model), whole(model)

    draft.save()
    moved_whole = whole(model)
    draft.delete()

    assert public(model) == before_public
    assert moved_whole != before_whole
    assert whole(model) != moved_whole  # a deletion is in the history


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model._meta.model_name)
def test_every_change_the_public_sees_moves_the_published_records(model):
    kept, edited, withdrawn, deleted = (BUILDERS[model]() for _ in range(4))
    draft = BUILDERS[model](is_published=False)
    markers = [public(model)]

    edited.save()
    markers.append(public(model))
    set_published(queryset=model.objects.filter(pk=draft.pk), published=True, user=make_staff("publisher"))
    markers.append(public(model))
    withdrawn.is_published = False
    withdrawn.save()
    markers.append(public(model))
    deleted.delete()
    markers.append(public(model))

    assert kept.pk
    assert len(set(map(tuple, markers))) == len(markers)


def test_a_withdrawal_or_a_deletion_in_sql_moves_the_published_records():
    oldest, _newest = make_project(), make_project()
    before = public(Project)

    Project.objects.filter(pk=oldest.pk).update(is_published=False)
    withdrawn = public(Project)
    Project.objects.filter(pk=oldest.pk).update(is_published=True)
    Project.objects.filter(pk=oldest.pk).delete()

    assert withdrawn != before
    assert public(Project) not in (before, withdrawn)


def _logged(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {PUBLIC_CHANGE_LOG} WHERE table_name = %s", [model._meta.db_table])
        return cursor.fetchone()[0]


def test_a_bulk_withdrawal_is_logged_once():
    for _ in range(5):
        make_zone()
    # The log is no Django model, so a committing test's flush leaves its rows: count what this adds.
    before = _logged(Zone)

    Zone.objects.update(is_published=False)

    assert _logged(Zone) - before == 1


def test_the_parts_of_a_published_project_move_it_and_those_of_a_draft_do_not():
    published, draft = make_project(), make_project(is_published=False)
    partner = make_organization()
    before = public(Project)

    project_participants_set(project=draft, participants=[(partner, "funding")], user=None)
    Milestone.objects.create(project=draft, date=date(2021, 1, 1), title_en="Signed")
    after_draft = public(Project)
    # Past the services (which stamp the project): a bulk insert of a part.
    ProjectParticipant.objects.bulk_create(
        [ProjectParticipant(project=published, organization=partner, role="investor")]
    )
    after_published = public(Project)

    assert after_draft == before
    assert after_published != before


def test_one_query_for_every_marker(django_assert_num_queries):
    make_project()
    with django_assert_num_queries(1):
        markers = latest_changes((Project.objects.published(), Project.objects.all(), Project.objects.filter(pk=0)))

    assert markers[0] is not None
    assert markers[2] is None
