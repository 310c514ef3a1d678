"""The project changelist staff scan: its columns, search in both languages, filters, ordering, and a fixed
number of queries."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils.text import capfirst

from projects.models import Project
from tests.admin_client import admin_url
from tests.factories import (
    ParticipantRole,
    focus_area,
    make_amount,
    make_district,
    make_organization,
    make_project,
    make_staff,
    make_zone,
)

pytestmark = pytest.mark.django_db


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
        "Completeness",
        "Published",
        "Updated",
        "Missing Chinese",
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


def test_amounts_are_decimal_in_the_changelist_ordering(client):
    make_project(title_en="Small", **make_amount("10"))
    make_project(title_en="Large", **make_amount("5000000"))
    client.force_login(make_staff("viewer"))

    response = client.get(admin_url(Project, "changelist"), {"o": "-4"})

    assert [p.title_en for p in response.context["cl"].result_list] == ["Large", "Small"]
    assert response.context["cl"].result_list[0].contract_amount_usd == Decimal("5000000.00")


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


def test_staff_find_the_records_missing_a_fact_least_complete_first(client):
    make_project(public_id="CCI-2024-0001", district=make_district(), **make_amount("10"))  # 3 of 6
    make_project(public_id="CCI-2024-0002", signed_date=None)  # none
    make_project(public_id="CCI-2024-0003", **make_amount("10"))  # 2 of 6
    make_project(public_id="CCI-2024-0004", signed_date=None, **make_amount("10"))  # 1 of 6
    client.force_login(make_staff("viewer"))

    response = client.get(admin_url(Project, "changelist"), {"missing": "location", "o": "5"})

    rows = ["".join(row) for row in response.context["results"]]
    assert [re.search(r"CCI-2024-000\d", row).group(0) for row in rows] == [
        "CCI-2024-0002",
        "CCI-2024-0004",
        "CCI-2024-0003",
    ]
    shown = [re.search(r'<td class="field-completeness_shown">([^<]*)</td>', row).group(1) for row in rows]
    assert shown == ["0%", "17%", "33%"]
    filters = response.content.decode()
    assert '<a href="?missing=signed_date&amp;o=5">Signing date</a>' in filters
