"""A project's public change log: the dated changes to its published facts, from the history
tables, never a draft value or a staff name; on its page in both languages and as an Atom feed."""

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from projects.choices import ParticipantRole, ProjectStatus
from projects.models import Project, ProjectParticipant
from tests.factories import focus_area, make_amount, make_organization, make_project

pytestmark = pytest.mark.django_db

CHONGQING = ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"


def on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=CHONGQING)


def save_on(project: Project, day: date, user=None, **changes) -> None:
    for name, value in changes.items():
        setattr(project, name, value)
    project._history_date = on(day)
    project._history_user = user
    project._change_reason = "Internal note: call the investor first"
    project.save()


def add_partner_on(project: Project, organization, role: str, day: date) -> None:
    row = ProjectParticipant(project=project, organization=organization, role=role)
    row._history_date = on(day)
    row.save()


def log(html: str) -> list[tuple[str, list[str]]]:
    """Each day of the log: its date and its changes, as the reader sees them."""
    days = re.findall(
        r'<li id="history-[\d-]+" data-testid="change-day"><time[^>]*>([^<]*)</time>(.*?)</ul></li>', html, re.S
    )
    return [
        (
            when,
            [
                " ".join(re.sub(r"<[^>]+>", "", item).split())
                for item in re.findall(r'data-testid="change">(.*?)</li>', changes, re.S)
            ],
        )
        for when, changes in days
    ]


@pytest.fixture
def history():
    editor = User.objects.create_user("jane.editor", password="x", is_staff=True)
    changi = make_organization(slug="changi", name_en="Changi Airport Group", name_zh="樟宜机场集团", country="SG")
    hidden = make_organization(slug="hidden", name_en="Hidden Partner", is_published=False)
    later = make_organization(slug="later", name_en="Later Partner", country="CN")
    project = Project(
        public_id="CCI-2024-0001",
        slug="airport",
        title_en="Airport logistics hub",
        focus_area=focus_area("aviation"),
        status=ProjectStatus.PREPARATION,
        is_published=False,
        **make_amount("100"),
    )
    save_on(project, date(2024, 3, 1), editor)
    save_on(project, date(2024, 3, 2), editor, contract_amount=Decimal("999"))  # a draft value
    save_on(project, date(2024, 3, 5), editor, contract_amount=Decimal("150"), is_published=True)
    founder = make_organization(slug="founder", name_en="Founding Partner", country="CN")
    add_partner_on(project, founder, ParticipantRole.ACCOUNTABLE, date(2024, 3, 5))  # published with it
    save_on(
        project,
        date(2024, 4, 10),
        editor,
        status=ProjectStatus.IMPLEMENTATION,
        **make_amount("1000", "CNY", usd="140"),
    )
    add_partner_on(project, changi, ParticipantRole.INVESTOR, date(2024, 4, 10))
    add_partner_on(project, hidden, ParticipantRole.OPERATOR, date(2024, 4, 11))  # a draft partner
    save_on(project, date(2024, 5, 1), editor, is_published=False)
    save_on(project, date(2024, 5, 2), editor, signed_date=date(2024, 1, 9))  # a draft value
    add_partner_on(project, later, ParticipantRole.FUNDING, date(2024, 5, 3))  # added while a draft
    save_on(
        project,
        date(2024, 5, 20),
        editor,
        signed_date=date(2024, 1, 1),
        signed_date_precision="month",
        is_published=True,
    )
    return project


def test_the_page_lists_the_published_changes_newest_day_first(client, history):
    html = client.get("/projects/CCI-2024-0001/").content.decode()
    assert log(html) == [
        ("May 20, 2024", ["Published again.", "Signing date: — → January 2024"]),
        ("May 1, 2024", ["Withdrawn from the public registry."]),
        (
            "April 10, 2024",
            [
                "Status: Preparation → Implementation",
                "Contract amount: US$150 → CNY 1,000",
                "Partner added: Changi Airport Group (Investor)",
            ],
        ),
        ("March 5, 2024", ["First published in the registry."]),
    ]
    change_log = html.split('data-testid="change-log"')[1].split("</section>")[0]
    assert "999" not in change_log
    assert "Later Partner" not in change_log  # added while the project was a draft
    assert "Founding Partner" not in change_log  # the project was published with it
    for private in ("jane.editor", "Internal note", "Hidden Partner"):
        assert private not in html


def test_the_chinese_page_says_it_in_chinese(client, history):
    html = client.get("/zh-hans/projects/CCI-2024-0001/").content.decode()
    assert log(html)[2] == (
        "2024年4月10日",
        ["状态：筹备 → 实施", "合同金额：150美元 → 1000元", "新增合作伙伴：樟宜机场集团（投资方）"],
    )


def test_a_project_never_published_has_no_public_change(client, django_user_model):
    make_project(public_id="CCI-2024-0002")
    html = client.get("/projects/CCI-2024-0002/").content.decode()
    assert log(html) == [
        (
            re.search(r'data-testid="change-day"><time[^>]*>([^<]*)<', html).group(1),
            ["First published in the registry."],
        )
    ]


def test_the_atom_feed_has_a_day_an_entry(client, history):
    response = client.get("/projects/CCI-2024-0001/history.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "History of Airport logistics hub"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "CCI-2024-0001 on May 20, 2024",
        "CCI-2024-0001 on May 1, 2024",
        "CCI-2024-0001 on April 10, 2024",
        "CCI-2024-0001 on March 5, 2024",
    ]
    assert entries[2].find(f"{ATOM}link").get("href") == "http://testserver/projects/CCI-2024-0001/#history-2024-04-10"
    assert "Partner added: Changi Airport Group (Investor)" in entries[2].find(f"{ATOM}summary").text
    assert "jane.editor" not in response.content.decode()


def test_the_chinese_feed_and_a_draft_project(client, history):
    feed = ET.fromstring(client.get("/zh-hans/projects/CCI-2024-0001/history.atom").content)
    assert feed.find(f"{ATOM}title").text == "Airport logistics hub的变更记录"
    make_project(public_id="CCI-2024-0003", is_published=False)
    assert client.get("/projects/CCI-2024-0003/history.atom").status_code == 404


def test_the_page_links_its_feed(client, history):
    html = client.get("/projects/CCI-2024-0001/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="History: Airport logistics hub" '
        'href="/projects/CCI-2024-0001/history.atom">' in html
    )
