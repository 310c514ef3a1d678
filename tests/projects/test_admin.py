"""The registry's admin pages: a project with its inline rows, import and export links, history and the
site's page, read-only identifiers, autocomplete, and the Chinese admin."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from projects.models import Milestone, Project, ProjectParticipant
from tests.admin_client import admin_url, project_form
from tests.factories import make_organization, make_project, make_source, make_staff

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_project_with_participants_milestones_and_sources(client):
    mofcom = make_organization(slug="mofcom", name_en="Ministry of Commerce")
    psa = make_organization(slug="psa", name_en="PSA International")
    source = make_source(title_en="Signing report")
    client.force_login(make_staff("editor"))
    data = project_form(
        signed_date="2019-11-06",
        **{
            "participations-TOTAL_FORMS": "2",
            "participations-0-organization": str(mofcom.pk),
            "participations-0-role": "accountable",
            "participations-0-position": "0",
            "participations-1-organization": str(psa.pk),
            "participations-1-role": "operator",
            "participations-1-position": "1",
            "milestones-TOTAL_FORMS": "1",
            "milestones-0-date": "2019-11-06",
            "milestones-0-date_precision": "day",
            "milestones-0-title_en": "Agreement signed",
            "milestones-0-title_zh": "",
            "milestones-0-source": str(source.pk),
            "Project_sources-TOTAL_FORMS": "1",
            "Project_sources-0-source": str(source.pk),
        },
    )

    response = client.post(admin_url(Project, "add"), data)

    assert response.status_code == 302
    project = Project.objects.get(slug="added-project")
    assert project.public_id == "CCI-2019-0001"
    assert project.is_published is False
    assert [(p.organization.slug, p.role) for p in project.participations.all()] == [
        ("mofcom", "accountable"),
        ("psa", "operator"),
    ]
    assert [m.title_en for m in project.milestones.all()] == ["Agreement signed"]
    assert list(project.sources.all()) == [source]
    # The rows added inline keep their own history, with who added them.
    assert [
        (h.organization.slug, h.history_type, h.history_user.username)
        for h in ProjectParticipant.history.order_by("position")
    ] == [
        ("mofcom", "+", "editor-user"),
        ("psa", "+", "editor-user"),
    ]
    assert [(h.title_en, h.history_user.username) for h in Milestone.history.all()] == [
        ("Agreement signed", "editor-user")
    ]


def test_the_changelist_offers_import_export_and_the_change_page_history_and_view_on_site(client):
    project = make_project(is_published=False)
    content_type = ContentType.objects.get_for_model(Project)
    client.force_login(make_staff("editor"))

    changelist = client.get(admin_url(Project, "changelist"))
    change = client.get(admin_url(Project, "change", project.pk))
    view_on_site = client.get(f"/admin/r/{content_type.pk}/{project.pk}/")

    assert 'class="import_link"' in changelist.text
    assert 'class="export_link"' in changelist.text
    assert f'href="/admin/projects/project/{project.pk}/history/" class="historylink"' in change.text
    assert f'href="/admin/r/{content_type.pk}/{project.pk}/" class="viewsitelink"' in change.text
    assert view_on_site.status_code == 302
    assert view_on_site["Location"].endswith(f"/projects/{project.public_id}/")
    assert client.get(view_on_site["Location"]).status_code == 200  # the draft's preview


def test_a_viewer_may_export_but_not_import(client):
    client.force_login(make_staff("viewer"))

    changelist = client.get(admin_url(Project, "changelist"))

    assert 'class="import_link"' not in changelist.text
    assert 'class="export_link"' in changelist.text
    assert client.get(admin_url(Project, "import")).status_code == 403
    assert client.get(admin_url(Project, "export")).status_code == 200


def test_the_public_identifier_is_shown_read_only(client):
    project = make_project(signed_date=date(2019, 11, 6))
    client.force_login(make_staff("editor"))

    response = client.get(admin_url(Project, "change", project.pk))

    assert 'name="public_id"' not in response.text
    assert '<div class="readonly">CCI-2019-0001</div>' in response.text


def test_organizations_are_found_by_autocomplete_in_either_language(client):
    make_organization(slug="psa", name_en="PSA International", name_zh="新加坡港务集团")
    client.force_login(make_staff("editor"))
    params = {"app_label": "projects", "model_name": "projectparticipant", "field_name": "organization"}

    english = client.get("/admin/autocomplete/", {**params, "term": "PSA"})
    chinese = client.get("/admin/autocomplete/", {**params, "term": "港务"})

    assert [item["text"] for item in english.json()["results"]] == ["PSA International"]
    assert [item["text"] for item in chinese.json()["results"]] == ["PSA International"]


def test_participants_and_milestones_have_their_own_lists_for_staff(client):
    organization = make_organization(name_en="PSA Singapore")
    project = make_project(title_en="Port hub", participants=[(organization, "operator")])
    Milestone.objects.create(project=project, date=date(2022, 6, 17), title_en="Started operation")
    client.force_login(make_staff("viewer"))

    participants = client.get("/admin/projects/projectparticipant/?q=PSA").content.decode()
    milestones = client.get("/admin/projects/milestone/").content.decode()

    assert "PSA Singapore" in participants and project.public_id in participants
    assert "Started operation" in milestones


def test_staff_work_in_chinese_at_zh_hans_admin(client):
    make_project(title_en="Port hub", title_zh="港口枢纽")
    client.force_login(make_staff("editor"))

    english = client.get("/admin/projects/project/").content.decode()
    chinese = client.get("/zh-hans/admin/projects/project/").content.decode()

    assert "<title>Select project to change | CCI Portal admin</title>" in english
    assert "<title>选择 项目 来修改 | 中新互联互通项目门户管理</title>" in chinese
    assert "港口枢纽" in chinese
