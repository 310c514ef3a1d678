"""The staff dashboard on the admin's home page: drafts by author, recently published, and the
published projects with the most facts missing, in a fixed number of queries."""

import re

import pytest
from django.test import Client

from core.publishing import set_published
from news.models import Article
from projects.models import Project
from tests.factories import make_article, make_project, make_staff

pytestmark = pytest.mark.django_db


def added_by(record, user):
    type(record).history.filter(id=record.pk, history_type="+").update(history_user=user)
    return record


def section(page: str, name: str) -> list[list[str]]:
    """The rows of a dashboard section as a reader sees them."""
    html = re.search(rf'data-testid="dashboard-{name}">(.*?)</section>', page, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1], re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows
    ]


def test_staff_see_drafts_by_author_what_was_published_and_the_least_complete_projects(
    django_assert_num_queries,
):
    editor, publisher = make_staff("editor", username="mei.lin"), make_staff("publisher", username="tan.wei")
    for n in range(2):
        added_by(make_project(title_en=f"Draft {n}", is_published=False), editor)
    added_by(make_article(title_en="Draft news", is_published=False), editor)
    added_by(make_project(title_en="Publisher's draft", is_published=False), publisher)
    make_project(title_en="Loaded draft", is_published=False)
    hub = make_project(title_en="Rail hub", is_published=False)
    set_published(queryset=Project.objects.filter(pk=hub.pk), published=True, user=publisher)
    browser = Client()
    browser.force_login(editor)

    page = browser.get("/admin/").content.decode()

    assert section(page, "drafts") == [
        ["mei.lin", "Projects", "2"],
        ["(data load)", "Projects", "1"],
        ["mei.lin", "Articles", "1"],
        ["tan.wei", "Projects", "1"],
    ]
    [published] = section(page, "published")
    assert (published[0], published[2]) == ("Rail hub", "tan.wei")
    # Of the 6 facts a completeness counts, the factory's project holds only its signing date.
    assert [row[1:] for row in section(page, "incomplete")] == [["Rail hub", "17 %"]]
    # The session, the user, the admin log and the app list, the dashboard's five (drafts and
    # publications of projects and of articles, the least complete projects) and the review's two (what
    # awaits review, the reader's own proposals decided lately); further drafts and publications add none.
    for n in range(5):
        added_by(make_project(title_en=f"More {n}", is_published=False), editor)
        set_published(queryset=Article.objects.filter(pk=make_article().pk), published=True, user=publisher)
    with django_assert_num_queries(13):
        browser.get("/admin/")


def test_the_dashboard_is_in_chinese_on_the_chinese_admin():
    editor = make_staff("editor")
    added_by(make_project(is_published=False), editor)
    browser = Client()
    browser.force_login(editor)

    page = browser.get("/zh-hans/admin/").content.decode()

    assert "按作者统计的草稿" in page and "最近发布" in page
    assert section(page, "drafts") == [[editor.username, "项目", "1"]]
