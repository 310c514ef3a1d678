"""Feeds of any search: RSS and Atom of the published projects a list's filters match, the most
recently changed first, each entry saying what changed in the reader's language; linked from the
list page, the group pages and the API's answers."""

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from projects.choices import ParticipantRole, ProjectStatus
from projects.models import Project, ProjectParticipant
from tests.factories import focus_area, make_amount, make_district, make_organization, make_project, make_zone, scheme

pytestmark = pytest.mark.django_db

CHONGQING = ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"


def on(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CHONGQING)


def save_on(project: Project, day: date, **changes) -> None:
    """Save ``project`` with ``changes`` as if on ``day``: its history row and its ``updated_at``."""
    for name, value in changes.items():
        setattr(project, name, value)
    project._history_date = on(day)
    project.save()
    Project.objects.filter(pk=project.pk).update(updated_at=on(day))


def created_on(project: Project, day: date) -> Project:
    """``project``, just made, as if made on ``day``."""
    Project.history.filter(id=project.pk).update(history_date=on(day))
    Project.objects.filter(pk=project.pk).update(created_at=on(day), updated_at=on(day))
    return project


def add_partner_on(project: Project, organization, role: str, day: date) -> None:
    row = ProjectParticipant(project=project, organization=organization, role=role)
    row._history_date = on(day)
    row.save()


def atom_entries(response) -> list[dict]:
    """Each entry of an Atom answer as a reader sees it."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    return [
        {
            "title": entry.find(f"{ATOM}title").text,
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.find(f"{ATOM}id").text,
            "updated": entry.find(f"{ATOM}updated").text,
            "summary": re.findall(r"<li>(.*?)</li>", entry.find(f"{ATOM}summary").text),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def rss_items(response) -> list[tuple[str, str, str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(response.content).find("channel")
    return [(item.findtext("title"), item.findtext("link"), item.findtext("guid")) for item in channel.iter("item")]


def feed_title(response) -> str:
    root = ET.fromstring(response.content)
    return root.findtext(f"{ATOM}title") or root.find("channel").findtext("title")


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def airport():
    """A project first published on 5 March 2024, whose status, amount and partners changed on 10 April."""
    project = Project(
        public_id="CCI-2024-0001",
        slug="airport",
        title_en="Airport logistics hub",
        title_zh="机场物流枢纽",
        focus_area=focus_area("aviation"),
        status=ProjectStatus.PREPARATION,
        is_published=True,
        **make_amount("150"),
    )
    save_on(project, date(2024, 3, 5))
    changi = make_organization(slug="changi", name_en="Changi Airport Group", name_zh="樟宜机场集团")
    save_on(project, date(2024, 4, 10), status=ProjectStatus.IMPLEMENTATION, **make_amount("1000", "CNY", usd="140"))
    add_partner_on(project, changi, ParticipantRole.INVESTOR, date(2024, 4, 10))
    return project


def test_a_filtered_search_lists_its_published_projects_most_recently_changed_first(client, demo):
    make_project(title_en="Unannounced hangar", focus_area=focus_area("aviation"), is_published=False)

    response = client.get("/projects/feed.atom?focus_area=aviation")

    assert feed_title(response) == "CCI projects: Focus area: Aviation"
    feed = ET.fromstring(response.content)
    assert (
        feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/projects/feed.atom?focus_area=aviation"
    )
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/projects/?focus_area=aviation"
    entries = atom_entries(response)
    assert [(entry["title"], entry["link"], entry["summary"]) for entry in entries] == [
        (
            "Singapore Airlines (Chongqing) Bonded Aviation Material Distribution Center — New project",
            "http://testserver/projects/CCI-2026-0011/",
            ["New project"],
        ),
        (
            "China-Singapore (Chongqing) International Aviation Logistics Industry Demonstration Zone — New project",
            "http://testserver/projects/CCI-2026-0010/",
            ["New project"],
        ),
        (
            "Liangjiang New Area and Chongqing Airport strategic cooperation — New project",
            "http://testserver/projects/CCI-2026-0003/",
            ["New project"],
        ),
    ]
    assert "Unannounced hangar" not in response.content.decode()
    # The RSS feed holds the same entries, under the same stable identifiers.
    rss = rss_items(client.get("/projects/feed.rss?focus_area=aviation"))
    assert [(title, link) for title, link, _guid in rss] == [(e["title"], e["link"]) for e in entries]
    assert [guid for _title, _link, guid in rss] == [entry["id"] for entry in entries]


def test_without_filters_it_is_the_feed_of_every_new_and_changed_project(client, monkeypatch):
    for n in range(3):
        created_on(make_project(title_en=f"Project {n}"), date(2024, 5, 1 + n))
    make_project(title_en="Draft project", is_published=False)
    monkeypatch.setattr("projects.feeds.FEED_LENGTH", 2)

    response = client.get("/projects/feed.atom")

    assert feed_title(response) == "CCI projects: new and changed"
    assert [(entry["title"], entry["updated"]) for entry in atom_entries(response)] == [
        ("Project 2 — New project", "2024-05-03T02:00:00+00:00"),
        ("Project 1 — New project", "2024-05-02T02:00:00+00:00"),
    ]
    # The list's sort and language do not narrow it.
    assert (
        feed_title(client.get("/projects/feed.rss?ordering=title&lang=zh&page=3")) == "CCI projects: new and changed"
    )


def test_a_status_change_says_what_changed_with_both_values(client, airport):
    [entry] = atom_entries(client.get("/projects/feed.atom?focus_area=aviation"))

    assert entry == {
        "title": (
            "Airport logistics hub — Status changed: Preparation → Implementation; "
            "Amount changed: US$150 → CNY 1,000; Partner added: Changi Airport Group (Investor)"
        ),
        "link": "http://testserver/projects/CCI-2024-0001/",
        "id": "http://testserver/projects/CCI-2024-0001/#history-2024-04-10",
        "updated": "2024-04-10T02:00:00+00:00",
        "summary": [
            "Status changed: Preparation → Implementation",
            "Amount changed: US$150 → CNY 1,000",
            "Partner added: Changi Airport Group (Investor)",
        ],
    }


def test_the_chinese_feed_says_it_in_chinese(client, airport):
    response = client.get("/zh-hans/projects/feed.atom?focus_area=aviation&partner_country=sg")

    assert feed_title(response) == "中新互联互通合作项目：重点领域：航空；合作伙伴所在国家：新加坡"
    [entry] = atom_entries(response)
    assert (
        entry["title"]
        == "机场物流枢纽——状态变更：筹备 → 实施；金额变更：150美元 → 1000元；新增合作伙伴：樟宜机场集团（投资方）"
    )
    assert entry["summary"] == [
        "状态变更：筹备 → 实施",
        "金额变更：150美元 → 1000元",
        "新增合作伙伴：樟宜机场集团（投资方）",
    ]
    assert entry["link"] == "http://testserver/zh-hans/projects/CCI-2024-0001/"
    # One identifier for the same change in either language.
    assert entry["id"] == "http://testserver/projects/CCI-2024-0001/#history-2024-04-10"
    assert rss_items(client.get("/zh-hans/projects/feed.rss?focus_area=aviation"))[0][0] == entry["title"]


def test_a_change_the_log_does_not_follow_is_a_details_update(client, airport):
    save_on(airport, date(2024, 6, 1), summary_en="Now with a cold-chain hall.")

    [entry] = atom_entries(client.get("/projects/feed.atom"))

    assert (entry["title"], entry["summary"], entry["updated"]) == (
        "Airport logistics hub — Details updated",
        ["Details updated"],
        "2024-06-01T02:00:00+00:00",
    )
    assert entry["id"] == "http://testserver/projects/CCI-2024-0001/#history-2024-06-01"


def test_a_draft_and_a_drafts_values_never_show(client):
    project = created_on(make_project(title_en="Port hub", **make_amount("100")), date(2024, 3, 1))
    save_on(project, date(2024, 4, 1), is_published=False)
    save_on(project, date(2024, 4, 2), contract_amount=Decimal("999"), contract_amount_usd=Decimal("999"))
    save_on(
        project,
        date(2024, 4, 3),
        is_published=True,
        contract_amount=Decimal("150"),
        contract_amount_usd=Decimal("150"),
        status=ProjectStatus.COMPLETION,
    )
    withdrawn = created_on(make_project(title_en="Withdrawn hub"), date(2024, 3, 1))
    save_on(withdrawn, date(2024, 5, 1), is_published=False)
    make_project(title_en="Draft hub", is_published=False)

    response = client.get("/projects/feed.atom")

    assert [(entry["title"], entry["summary"]) for entry in atom_entries(response)] == [
        (
            "Port hub — Published again; Status changed: Implementation → Completion; Amount changed: US$100 → US$150",
            ["Published again", "Status changed: Implementation → Completion", "Amount changed: US$100 → US$150"],
        )
    ]
    for private in ("999", "Withdrawn hub", "Draft hub"):
        assert private not in response.content.decode()


def test_order_new_lists_the_newest_projects_first(client):
    older = created_on(make_project(title_en="Older"), date(2024, 1, 1))
    newer = created_on(make_project(title_en="Newer"), date(2024, 2, 1))
    save_on(newer, date(2024, 3, 1), summary_en="Rail meets river.")
    save_on(older, date(2024, 3, 2), status=ProjectStatus.COMPLETION)

    changed = [entry["title"] for entry in atom_entries(client.get("/projects/feed.atom"))]
    new = [title for title, _link, _guid in rss_items(client.get("/projects/feed.rss?order=new"))]

    assert changed == ["Older — Status changed: Implementation → Completion", "Newer — Details updated"]
    assert new == ["Newer — Details updated", "Older — Status changed: Implementation → Completion"]


@pytest.mark.parametrize("feed", ["/projects/feed.atom", "/projects/feed.rss", "/zh-hans/projects/feed.atom"])
@pytest.mark.parametrize(
    ("query", "message", "chinese"),
    [
        (
            "focus_area=space",
            "Focus area: Select a valid choice. space is not one of the available choices.",
            "重点领域：",
        ),
        ("signed_after=2024-13-01", "Signed on or after: Enter a valid date.", "签约日期不早于："),
        (
            "partner_country=Singapore",
            "Partner country: “Singapore” is not an ISO 3166-1 alpha-2 country code",
            "合作伙伴所在国家：",
        ),
        (
            "order=oldest",
            "Order: “oldest” is not an order of the feed: changed or new.",
            "排序：“oldest”不是订阅源的排序方式",
        ),
    ],
)
def test_a_refused_value_is_a_400_that_names_it(client, feed, query, message, chinese):
    response = client.get(f"{feed}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith(chinese if feed.startswith("/zh-hans/") else message)


def test_a_feed_is_read_only(client):
    assert client.post("/projects/feed.atom").status_code == 405


def head_feeds(html: str) -> list[tuple[str, str, str]]:
    head = html.split("</head>")[0]
    return re.findall(
        r'<link rel="alternate" type="(application/(?:atom|rss)\+xml)" title="([^"]*)" href="([^"]*)">', head
    )


def visible_feeds(html: str) -> list[str]:
    links = re.search(r'data-testid="search-feeds">(.*?)</p>', html).group(1)
    return re.findall(r'href="([^"]*)"', links)


def test_the_list_page_links_the_feeds_of_its_filters(client):
    html = client.get("/projects/?focus_area=aviation&status=implementation&ordering=title&page=2").content.decode()

    assert head_feeds(html) == [
        ("application/rss+xml", "CCI news (RSS)", "/news/feed/rss/"),
        (
            "application/atom+xml",
            "Projects of this search (Atom)",
            "/projects/feed.atom?focus_area=aviation&amp;status=implementation",
        ),
        (
            "application/rss+xml",
            "Projects of this search (RSS)",
            "/projects/feed.rss?focus_area=aviation&amp;status=implementation",
        ),
    ]
    assert visible_feeds(html) == [
        "/projects/feed.atom?focus_area=aviation&amp;status=implementation",
        "/projects/feed.rss?focus_area=aviation&amp;status=implementation",
    ]
    assert "Follow this search, new and changed projects first: <a" in html


def test_the_chinese_list_page_links_the_chinese_feeds_and_drops_a_refused_filter(client):
    response = client.get("/zh-hans/projects/?focus_area=space&scheme=talent")
    html = response.content.decode()

    assert response.status_code == 400
    assert head_feeds(html)[1:] == [
        ("application/atom+xml", "本次搜索的项目 (Atom)", "/zh-hans/projects/feed.atom?scheme=talent"),
        ("application/rss+xml", "本次搜索的项目 (RSS)", "/zh-hans/projects/feed.rss?scheme=talent"),
    ]
    assert "订阅本次搜索，新增和变更的项目在前：<a" in html


@pytest.mark.parametrize("kind", ["focus_area", "scheme", "zone", "district", "organization"])
def test_a_group_page_links_the_feed_of_its_projects(client, kind):
    zone, district, partner = make_zone(slug="guoyuan"), make_district(slug="yubei"), make_organization(slug="gds")
    common = {"focus_area": focus_area("ict"), "scheme": scheme("talent"), "zone": zone, "district": district}
    shown = make_project(title_en="Data centre", participants=[(partner, "operator")], **common)
    make_project(title_en="Draft centre", participants=[(partner, "operator")], is_published=False, **common)
    make_project(title_en="Elsewhere")
    pages = {
        "focus_area": ("/focus-areas/ict/", "focus_area=ict", focus_area("ict").name_en),
        "scheme": ("/schemes/talent/", "scheme=talent", shown.scheme.name_en),
        "zone": (zone.get_absolute_url(), "zone=guoyuan", zone.name_en),
        "district": (district.get_absolute_url(), "district=yubei", district.name_en),
        "organization": (partner.get_absolute_url(), "organization=gds", partner.name_en),
    }
    url, query, name = pages[kind]

    html = client.get(url).content.decode()

    assert head_feeds(html)[1:] == [
        ("application/atom+xml", f"Projects: {name} (Atom)", f"/projects/feed.atom?{query}"),
        ("application/rss+xml", f"Projects: {name} (RSS)", f"/projects/feed.rss?{query}"),
    ]
    assert visible_feeds(html) == [f"/projects/feed.atom?{query}", f"/projects/feed.rss?{query}"]
    # Following it gives the page's projects.
    titles = [entry["title"] for entry in atom_entries(client.get(f"/projects/feed.atom?{query}"))]
    assert titles == ["Data centre — New project"]


def test_an_api_list_answer_links_the_feeds_of_its_filters(client, airport):
    response = client.get("/api/v1/projects/?focus_area=aviation&ordering=-amount_usd&page_size=2")

    assert response.status_code == 200
    assert response["Link"] == (
        '<http://testserver/projects/feed.atom?focus_area=aviation>; rel="alternate"; type="application/atom+xml", '
        '<http://testserver/projects/feed.rss?focus_area=aviation>; rel="alternate"; type="application/rss+xml"'
    )
    chinese = client.get("/api/v1/projects/?status=implementation&lang=zh")
    assert chinese["Link"].startswith(
        '<http://testserver/zh-hans/projects/feed.atom?status=implementation>; rel="alternate"'
    )
    csv = client.get("/api/v1/projects/?scheme=talent&format=csv")
    assert csv["Link"].startswith('<http://testserver/projects/feed.atom?scheme=talent>; rel="alternate"')
    assert "Link" not in client.get("/api/v1/projects/?focus_area=space")


def test_the_feed_runs_a_fixed_number_of_queries(client, airport, django_assert_num_queries):
    # The focus area the filter names, the projects, their versions, their partners' changes.
    with django_assert_num_queries(4):
        assert len(atom_entries(client.get("/projects/feed.atom?focus_area=aviation"))) == 1
    for n in range(10):
        project = make_project(focus_area=focus_area("aviation"), participants=[(make_organization(), "funding")])
        created_on(project, date(2024, 4, 20))
        save_on(project, date(2024, 5, 1 + n), status=ProjectStatus.COMPLETION)
        add_partner_on(project, make_organization(), ParticipantRole.OPERATOR, date(2024, 5, 1 + n))
    with django_assert_num_queries(4):
        assert len(atom_entries(client.get("/projects/feed.atom?focus_area=aviation"))) == 11
    with django_assert_num_queries(3):
        client.get("/zh-hans/projects/feed.rss")
