"""The registry's admin, role by role: who may add, change, delete and publish what, and what staff see."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst

from core.publishing import set_published
from projects.models import District, Milestone, Organization, Project, ProjectParticipant, ReportedFigure, Zone
from tests.factories import (
    ParticipantRole,
    focus_area,
    make_amount,
    make_district,
    make_figure,
    make_organization,
    make_project,
    make_source,
    make_staff,
    make_zone,
)

pytestmark = pytest.mark.django_db

ROLES = ["editor", "publisher", "viewer"]
ADD_STATUS = {"editor": 302, "publisher": 302, "viewer": 403}
CHANGE_STATUS = {"editor": 302, "publisher": 302, "viewer": 403}
DELETE_STATUS = {"editor": 403, "publisher": 302, "viewer": 403}
PUBLISH_STATUS = {"editor": 403, "publisher": 302, "viewer": 403}

PROJECT_INLINES = ("participations", "milestones", "Project_sources")


def admin_url(model: type[models.Model], view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def inline_management(prefixes, **initial) -> dict:
    """Management-form data for inlines; ``initial`` gives how many rows each inline already has."""
    data = {}
    for prefix in prefixes:
        data[f"{prefix}-TOTAL_FORMS"] = str(initial.get(prefix, 0))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial.get(prefix, 0))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return data


def project_form(project: Project | None = None, **fields) -> dict:
    """The project change form as a browser posts it (no inline rows)."""
    data = {
        "title_en": project.title_en if project else "Added project",
        "title_zh": "",
        "slug": project.slug if project else "added-project",
        "summary": "",
        "description": "",
        "focus_area": str(project.focus_area_id if project else focus_area().pk),
        "status": project.status if project else "implementation",
        "signed_date": project.signed_date.isoformat() if project and project.signed_date else "",
        "signed_date_precision": "day",
        "contract_amount": "",
        "currency": "",
        "contract_amount_usd": "",
        "usd_rate": "",
        "usd_rate_date": "",
        **inline_management(PROJECT_INLINES),
    }
    data.update(fields)
    return data


@dataclass(frozen=True)
class Case:
    """How to make, add and change one kind of record through its admin."""

    model: type[models.Model]
    title_field: str
    make: callable
    form: callable  # (record or None) -> POST data with the title left as it is

    def __str__(self):
        return self.model._meta.model_name

    @property
    def publishable(self) -> bool:
        return any(field.name == "is_published" for field in self.model._meta.get_fields())

    def title(self, record) -> str:
        return getattr(record, self.title_field)


def organization_form(record=None) -> dict:
    return {
        "name_en": record.name_en if record else "Added organization",
        "name_zh": "",
        "slug": record.slug if record else "added-organization",
        "country": "SG",
        "kind": "private",
        "website": "",
        "description": "",
    }


def zone_form(record=None) -> dict:
    return {
        "name_en": record.name_en if record else "Added zone",
        "name_zh": "",
        "slug": record.slug if record else "added-zone",
        "kind": "park",
        "description": "",
    }


def district_form(record=None) -> dict:
    return {
        "name_en": record.name_en if record else "Added district",
        "name_zh": "",
        "slug": record.slug if record else "added-district",
        "latitude": "",
        "longitude": "",
    }


def figure_form(record=None) -> dict:
    return {
        "label_en": record.label_en if record else "Added figure",
        "label_zh": "",
        "metric": "projects_signed",
        "value": "44",
        "unit": "count",
        "qualifier": "exact",
        "scope": "liangjiang",
        "share_percent": "",
        "share_scope": "",
        "counted_since": "",
        "as_of": "",
        "source": str(record.source_id if record else make_source().pk),
    }


CASES = [
    Case(Project, "title_en", lambda: make_project(title_en="Original", is_published=False), project_form),
    Case(
        Organization, "name_en", lambda: make_organization(name_en="Original", is_published=False), organization_form
    ),
    Case(Zone, "name_en", lambda: make_zone(name_en="Original", is_published=False), zone_form),
    Case(District, "name_en", lambda: make_district(name_en="Original"), district_form),
    Case(ReportedFigure, "label_en", lambda: make_figure(label_en="Original", is_published=False), figure_form),
]
PUBLISHABLE_CASES = [case for case in CASES if case.publishable]


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_add(client, role, case):
    client.force_login(make_staff(role))
    data = case.form(None)

    response = client.post(admin_url(case.model, "add"), data)

    assert response.status_code == ADD_STATUS[role]
    added = case.model.objects.filter(**{case.title_field: data[case.title_field]})
    if role == "viewer":
        assert not added.exists()
    else:
        record = added.get()
        if case.publishable:
            assert record.is_published is False  # new records start as drafts


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_change(client, role, case):
    record = case.make()
    client.force_login(make_staff(role))

    response = client.post(
        admin_url(case.model, "change", record.pk), {**case.form(record), case.title_field: "Changed"}
    )

    assert response.status_code == CHANGE_STATUS[role]
    record.refresh_from_db()
    assert case.title(record) == ("Original" if role == "viewer" else "Changed")


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_delete(client, role, case):
    record = case.make()
    client.force_login(make_staff(role))

    response = client.post(admin_url(case.model, "delete", record.pk), {"post": "yes"})

    assert response.status_code == DELETE_STATUS[role]
    assert case.model.objects.filter(pk=record.pk).exists() is (role != "publisher")


@pytest.mark.parametrize("case", PUBLISHABLE_CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_publish_action(client, role, case):
    record = case.make()
    client.force_login(make_staff(role))

    response = client.post(
        admin_url(case.model, "changelist"),
        {"action": "publish_selected", "_selected_action": [record.pk], "index": 0},
    )

    assert response.status_code == PUBLISH_STATUS[role]
    record.refresh_from_db()
    assert record.is_published is (role == "publisher")


@pytest.mark.parametrize("case", PUBLISHABLE_CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_unpublish_action(client, role, case):
    record = case.make()
    case.model.objects.filter(pk=record.pk).update(is_published=True)
    client.force_login(make_staff(role))

    response = client.post(
        admin_url(case.model, "changelist"),
        {"action": "unpublish_selected", "_selected_action": [record.pk], "index": 0},
    )

    assert response.status_code == PUBLISH_STATUS[role]
    record.refresh_from_db()
    assert record.is_published is (role != "publisher")


def test_publish_action_reports_what_changed(client):
    drafts = [make_project(is_published=False), make_project(is_published=False)]
    already = make_project(is_published=True)
    client.force_login(make_staff("publisher"))

    response = client.post(
        admin_url(Project, "changelist"),
        {"action": "publish_selected", "_selected_action": [p.pk for p in [*drafts, already]], "index": 0},
        follow=True,
    )

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


def test_an_editor_changing_a_published_project_keeps_it_published(client):
    project = make_project(title_en="Original", is_published=True)
    client.force_login(make_staff("editor"))

    response = client.post(admin_url(Project, "change", project.pk), project_form(project, title_en="Changed"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title_en, project.is_published) == ("Changed", True)


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


def test_an_editor_adds_a_project_with_participants_milestones_and_sources(client):
    mofcom = make_organization(slug="mofcom", name_en="Ministry of Commerce")
    psa = make_organization(slug="psa", name_en="PSA International")
    source = make_source(title="Signing report")
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


def test_the_project_changelist_shows_the_columns_staff_scan(client):
    project = make_project(
        title_en="Chongqing Connectivity Data Channel",
        title_zh="中新国际数据通道",
        focus_area=focus_area("ict"),
        is_published=False,
        signed_date=date(2019, 9, 1),
        **make_amount("1250000.5", "USD"),
    )
    client.force_login(make_staff("viewer"))

    response = client.get(admin_url(Project, "changelist"))

    assert response.status_code == 200
    assert [capfirst(column["text"]) for column in response.context["result_headers"]] == [
        "Identifier",
        "Title",
        "Primary focus area",
        "Status",
        "Amount (USD)",
        "Published",
        "Updated",
    ]
    row = response.context["results"][0]
    text = "".join(row)
    assert "CCI-2019-0001" in text
    assert (
        f'<a href="/admin/projects/project/{project.pk}/change/">Chongqing Connectivity Data Channel<br>'
        '<span lang="zh-Hans">中新国际数据通道</span></a>'
    ) in text
    assert '<td class="field-focus_area nowrap">Information and communications technology</td>' in text
    assert '<td class="field-status">Implementation</td>' in text
    assert '<td class="field-amount_usd">1,250,000.50</td>' in text
    assert '<img src="/static/admin/img/icon-no.svg" alt="False">' in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("数据通道", ["Data channel"]),
        ("CCI-2019-0001", ["Data channel"]),
        ("悦来", ["Expo centre"]),
        ("Yuelai", ["Expo centre"]),
    ],
)
def test_the_project_search_finds_english_and_chinese_names(client, query, expected):
    make_project(title_en="Data channel", title_zh="国际数据通道", signed_date=date(2019, 1, 1))
    yuelai = make_organization(name_en="Yuelai Investment Group", name_zh="悦来投资集团")
    make_project(
        title_en="Expo centre", participants=[(yuelai, ParticipantRole.INVESTOR)], signed_date=date(2020, 1, 1)
    )
    client.force_login(make_staff("viewer"))

    response = client.get(admin_url(Project, "changelist"), {"q": query})

    assert [project.title_en for project in response.context["cl"].result_list] == expected


def test_the_changelist_filters_drafts(client):
    make_project(title_en="Draft", is_published=False)
    make_project(title_en="Live", is_published=True)
    client.force_login(make_staff("viewer"))

    response = client.get(admin_url(Project, "changelist"), {"is_published__exact": "0"})

    assert [project.title_en for project in response.context["cl"].result_list] == ["Draft"]


@pytest.mark.parametrize("count", [2, 20])
def test_the_project_changelist_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    area = focus_area("aviation")
    for n in range(count):
        make_project(focus_area=area, zone=make_zone(), district=make_district(), **make_amount(str(n * 1000)))
    client.force_login(make_staff("viewer"))

    with django_assert_num_queries(13):
        response = client.get(admin_url(Project, "changelist"))

    assert len(response.context["cl"].result_list) == count


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


def test_amounts_are_decimal_in_the_changelist_ordering(client):
    make_project(title_en="Small", **make_amount("10"))
    make_project(title_en="Large", **make_amount("5000000"))
    client.force_login(make_staff("viewer"))

    response = client.get(admin_url(Project, "changelist"), {"o": "-4"})

    assert [p.title_en for p in response.context["cl"].result_list] == ["Large", "Small"]
    assert response.context["cl"].result_list[0].contract_amount_usd == Decimal("5000000.00")


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


def test_the_partner_filter_lists_the_busiest_partners_and_filters_by_slug(client):
    busy = make_organization(name_en="Busy Partner", slug="busy-partner")
    quiet = make_organization(name_en="Quiet Partner", slug="quiet-partner")
    first = make_project(title_en="First", participants=[(busy, ParticipantRole.INVESTOR)])
    make_project(title_en="Second", participants=[(busy, ParticipantRole.INVESTOR), (quiet, ParticipantRole.OPERATOR)])
    make_project(title_en="Unrelated")
    client.force_login(make_staff("viewer"))

    everything = client.get(admin_url(Project, "changelist"))
    filtered = client.get(admin_url(Project, "changelist"), {"partner": "quiet-partner"})

    partner_filter = next(
        spec for spec in everything.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "partner"
    )
    assert partner_filter.lookup_choices == [
        ("busy-partner", "Busy Partner (2)"),
        ("quiet-partner", "Quiet Partner (1)"),
    ]
    assert [project.title_en for project in filtered.context["cl"].result_list] == ["Second"]
    assert first.title_en not in filtered.text


def test_the_partner_filter_keeps_a_chosen_partner_beyond_the_busiest_listed(client, monkeypatch):
    from projects.admin import PartnerFilter

    monkeypatch.setattr(PartnerFilter, "listed", 1)
    busy = make_organization(name_en="Busy Partner", slug="busy-partner")
    quiet = make_organization(name_en="Quiet Partner", slug="quiet-partner")
    make_project(title_en="First", participants=[(busy, ParticipantRole.INVESTOR)])
    make_project(title_en="Second", participants=[(busy, ParticipantRole.INVESTOR), (quiet, ParticipantRole.OPERATOR)])
    client.force_login(make_staff("viewer"))

    everything = client.get(admin_url(Project, "changelist"))
    chosen = client.get(admin_url(Project, "changelist"), {"partner": "quiet-partner"})

    def choices(response):
        spec = next(
            spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "partner"
        )
        return spec.lookup_choices

    assert choices(everything) == [("busy-partner", "Busy Partner (2)")]
    assert choices(chosen) == [("busy-partner", "Busy Partner (2)"), ("quiet-partner", "Quiet Partner (1)")]
    assert [project.title_en for project in chosen.context["cl"].result_list] == ["Second"]


def test_the_project_changelist_lists_undated_projects_last(client):
    make_project(title_en="Undated", signed_date=None)
    make_project(title_en="Older", signed_date=date(2018, 5, 1))
    make_project(title_en="Newer", signed_date=date(2021, 5, 1))
    client.force_login(make_staff("viewer"))

    response = client.get(admin_url(Project, "changelist"))

    assert [project.title_en for project in response.context["cl"].result_list] == ["Newer", "Older", "Undated"]
