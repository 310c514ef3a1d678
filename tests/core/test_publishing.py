"""Publishing is a permission of its own (core/publishing.py, core/admin.py): the actions, the published
flag on the change form, and the service, refused to staff who may not publish."""

import pytest
from django.core.exceptions import PermissionDenied

from core.models import Revision
from core.publishing import set_published
from projects.models import Project
from tests.admin_client import PUBLISHABLE_CASES, admin_url, changelist_action, project_form
from tests.factories import make_project, make_staff

pytestmark = pytest.mark.django_db


def test_publish_action_reports_what_changed(client):
    drafts = [make_project(is_published=False), make_project(is_published=False)]
    already = make_project(is_published=True)
    client.force_login(make_staff("publisher"))

    response = changelist_action(client, Project, "publish_selected", [*drafts, already], follow=True)

    assert [str(message) for message in response.context["messages"]] == ["2 projects published."]
    assert list(Project.objects.drafts()) == []


def test_publish_actions_are_offered_only_to_publishers(client):
    make_project(is_published=False)
    client.force_login(make_staff("editor"))
    editor_page = client.get(admin_url(Project, "changelist"))
    client.force_login(make_staff("publisher"))
    publisher_page = client.get(admin_url(Project, "changelist"))

    assert 'value="publish_selected"' not in editor_page.text
    assert 'value="delete_selected"' not in editor_page.text
    assert 'value="publish_selected"' in publisher_page.text
    assert 'value="unpublish_selected"' in publisher_page.text
    assert 'value="delete_selected"' in publisher_page.text


@pytest.mark.parametrize("case", PUBLISHABLE_CASES, ids=str)
def test_an_editor_posting_the_published_flag_is_refused(client, case):
    record = case.make()
    client.force_login(make_staff("editor"))

    response = client.post(
        admin_url(case.model, "change", record.pk),
        {**case.form(record), case.title_field: "Changed", "is_published": "on"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["You do not have permission to publish."]
    assert "You do not have permission to publish." in response.text
    record.refresh_from_db()
    assert record.is_published is False
    assert case.title(record) == "Original"


def test_an_editor_adding_a_published_project_is_refused(client):
    client.force_login(make_staff("editor"))

    response = client.post(admin_url(Project, "add"), project_form(is_published="on"))

    assert response.status_code == 200
    assert "You do not have permission to publish." in response.text
    assert not Project.objects.filter(slug="added-project").exists()


def test_an_editor_cannot_unpublish_by_posting_the_flag(client):
    project = make_project(title_en="Original", is_published=True)
    client.force_login(make_staff("editor"))

    response = client.post(admin_url(Project, "change", project.pk), project_form(project, is_published=""))

    assert response.status_code == 200
    assert "You do not have permission to unpublish." in response.text
    project.refresh_from_db()
    assert project.is_published is True


def test_an_editor_changing_a_published_project_keeps_it_published_and_the_change_waits_for_review(client):
    project = make_project(title_en="Original", is_published=True)
    client.force_login(make_staff("editor"))

    response = client.post(admin_url(Project, "change", project.pk), project_form(project, title_en="Changed"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title_en, project.is_published) == ("Original", True)
    assert list(Revision.objects.values_list("fields", "status")) == [({"title_en": "Changed"}, "pending")]


def test_the_published_flag_is_read_only_for_an_editor_and_a_checkbox_for_a_publisher(client):
    project = make_project(is_published=False)
    client.force_login(make_staff("editor"))
    editor_page = client.get(admin_url(Project, "change", project.pk))
    client.force_login(make_staff("publisher"))
    publisher_page = client.get(admin_url(Project, "change", project.pk))

    assert 'name="is_published"' not in editor_page.text
    assert "is_published" in editor_page.context["adminform"].readonly_fields
    assert '<input type="checkbox" name="is_published" id="id_is_published">' in publisher_page.text


def test_a_publisher_publishes_through_the_form(client):
    project = make_project(title_en="Original", is_published=False)
    client.force_login(make_staff("publisher"))

    response = client.post(admin_url(Project, "change", project.pk), project_form(project, is_published="on"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_published is True


def test_the_publish_service_refuses_a_user_without_the_permission():
    project = make_project(is_published=False)
    editor = make_staff("editor")

    with pytest.raises(PermissionDenied):
        set_published(queryset=Project.objects.filter(pk=project.pk), published=True, user=editor)

    project.refresh_from_db()
    assert project.is_published is False
