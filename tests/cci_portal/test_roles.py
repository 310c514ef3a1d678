"""The staff roles (editor, publisher, viewer) and who can see a draft's public page."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tests.factories import make_article, make_project, make_staff

pytestmark = pytest.mark.django_db

VIEWER = {
    "projects.view_project",
    "projects.view_projectparticipant",
    "projects.view_milestone",
    "projects.view_source",
    "projects.view_organization",
    "projects.view_zone",
    "projects.view_district",
    "projects.view_reportedfigure",
    "news.view_article",
    "projects.view_focusarea",
    "projects.view_scheme",
}
EDITOR = VIEWER | {
    "projects.add_project",
    "projects.change_project",
    "projects.add_projectparticipant",
    "projects.change_projectparticipant",
    "projects.add_milestone",
    "projects.change_milestone",
    "projects.add_source",
    "projects.change_source",
    "projects.add_organization",
    "projects.change_organization",
    "projects.add_zone",
    "projects.change_zone",
    "projects.add_district",
    "projects.change_district",
    "projects.add_reportedfigure",
    "projects.change_reportedfigure",
    "news.add_article",
    "news.change_article",
    # Removing a wrong participant or milestone row is part of editing a project.
    "projects.delete_projectparticipant",
    "projects.delete_milestone",
}
PUBLISHER = EDITOR | {
    "projects.delete_project",
    "projects.delete_source",
    "projects.delete_organization",
    "projects.delete_zone",
    "projects.delete_district",
    "projects.delete_reportedfigure",
    "news.delete_article",
    "projects.publish_project",
    "projects.publish_organization",
    "projects.publish_zone",
    "projects.publish_reportedfigure",
    "news.publish_article",
    "cci_portal.add_apikey",
    "cci_portal.change_apikey",
    "cci_portal.view_apikey",
    # Publishers handle the bureau's correspondence; editors and viewers never see enquiries.
    "cci_portal.change_enquiry",
    "cci_portal.view_enquiry",
}


def group_permissions(name: str) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def page_as(client, role: str | None, path: str):
    """``path`` as staff in ``role`` get it (``None``: an anonymous reader)."""
    if role:
        client.force_login(make_staff(role))
    return client.get(path)


def test_setup_roles_creates_the_three_groups_with_exactly_their_permissions():
    out = StringIO()
    call_command("setup_roles", stdout=out)

    assert out.getvalue() == "editor: 31 permissions\npublisher: 48 permissions\nviewer: 11 permissions\n"
    assert sorted(Group.objects.values_list("name", flat=True)) == ["editor", "publisher", "viewer"]
    assert group_permissions("viewer") == VIEWER
    assert group_permissions("editor") == EDITOR
    assert group_permissions("publisher") == PUBLISHER


def test_setup_roles_is_idempotent_and_resets_a_group_to_its_definition():
    call_command("setup_roles", stdout=StringIO())
    editor = Group.objects.get(name="editor")
    editor.permissions.add(Permission.objects.get(codename="delete_project"))
    editor.permissions.remove(Permission.objects.get(codename="add_article"))

    call_command("setup_roles", stdout=StringIO())

    assert Group.objects.count() == 3
    assert group_permissions("editor") == EDITOR
    assert Group.objects.get(name="editor").pk == editor.pk


def test_editor_cannot_delete_or_publish_and_publisher_can():
    editor = make_staff("editor")
    publisher = make_staff("publisher")

    assert editor.has_perm("projects.change_project") is True
    assert editor.has_perm("projects.delete_project") is False
    assert editor.has_perm("projects.publish_project") is False
    assert publisher.has_perm("projects.delete_project") is True
    assert publisher.has_perm("news.publish_article") is True


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [(None, 404), ("viewer", 200), ("editor", 200), ("publisher", 200)],
)
def test_a_draft_project_page_is_a_preview_for_staff_only(client, role, expected_status):
    project = make_project(title_en="Draft logistics hub", is_published=False)

    response = page_as(client, role, f"/projects/{project.public_id}/")

    assert response.status_code == expected_status
    if expected_status == 200:
        assert "Draft logistics hub" in response.text
        assert "Draft: not visible to the public." in response.text


def test_a_draft_is_hidden_from_staff_without_a_role(client):
    project = make_project(is_published=False)
    client.force_login(make_staff(None))

    assert client.get(f"/projects/{project.public_id}/").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [(None, 404), ("viewer", 200), ("editor", 200)],
)
def test_a_draft_article_page_is_a_preview_for_staff_only(client, role, expected_status):
    article = make_article(slug="draft-story", title_en="Draft story", is_published=False)

    response = page_as(client, role, f"/news/{article.slug}/")

    assert response.status_code == expected_status
    if expected_status == 200:
        assert "Draft story" in response.text
