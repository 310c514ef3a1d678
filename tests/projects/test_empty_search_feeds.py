"""An empty search feed is dated by the registry's last published change, never by the clock: its
``updated`` and Last-Modified hold still while nothing public changes."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from projects.choices import ProjectStatus
from projects.models import Project
from tests.factories import focus_area, make_project
from tests.projects.test_search_feeds import ATOM, atom_entries, rss_items, save_on

pytestmark = pytest.mark.django_db


def test_an_empty_feed_is_dated_by_the_registrys_last_published_change_not_by_the_clock(client):
    airport = Project(
        public_id="CCI-2024-0001", slug="airport", title_en="Airport hub", focus_area=focus_area(), is_published=True
    )
    save_on(airport, date(2024, 3, 5))
    save_on(airport, date(2024, 4, 10), status=ProjectStatus.IMPLEMENTATION)
    make_project(title_en="Unannounced hangar", status=ProjectStatus.CANCELLED, is_published=False)

    atom = client.get("/projects/feed.atom?status=cancelled")
    rss = client.get("/projects/feed.rss?status=cancelled")

    assert atom_entries(atom) == [] and rss_items(rss) == []
    # The airport's last change, 10 April 2024 at 10:00 in Chongqing: not the draft's, not now.
    assert ET.fromstring(atom.content).findtext(f"{ATOM}updated") == "2024-04-10T02:00:00+00:00"
    assert ET.fromstring(rss.content).find("channel").findtext("lastBuildDate") == "Wed, 10 Apr 2024 02:00:00 +0000"
    assert atom["Last-Modified"] == rss["Last-Modified"] == "Wed, 10 Apr 2024 02:00:00 GMT"
    assert client.get("/projects/feed.atom?status=cancelled").content == atom.content


def test_an_empty_registrys_feed_is_dated_the_year_the_initiative_began(client):
    response = client.get("/zh-hans/projects/feed.atom")

    assert atom_entries(response) == []
    assert ET.fromstring(response.content).findtext(f"{ATOM}updated") == "2015-01-01T00:00:00+00:00"
    assert response["Last-Modified"] == "Thu, 01 Jan 2015 00:00:00 GMT"
