"""Reading the news pages in tests: an element's text, the articles listed, the category facets; dated
articles and staff to read them."""

import re
from datetime import date, timedelta

from django.contrib.auth.models import Permission, User

from news.models import ArticleCategory
from tests.factories import make_article

LIST_URL = "/news/"


def text_of(html: str, testid: str) -> str:
    """The text inside the element marked ``data-testid=testid``, tags removed and spaces collapsed."""
    match = re.search(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no element with data-testid={testid}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())


def listed(html: str) -> list[tuple[str, str]]:
    """(title, link) of each article the list shows, in order."""
    return re.findall(r'<a class="article-title" href="([^"]+)">(.*?)</a>', html)


def listed_titles(html: str) -> list[str]:
    return [title for _link, title in listed(html)]


def facets(html: str) -> dict[str, str]:
    return {category: text_of(html, f"category-{category}") for category in ["all", *ArticleCategory.values]}


def make_dated_articles(count: int, **fields) -> list:
    """``count`` published articles, one a day from 1 January 2024: the last one is the newest."""
    return [
        make_article(title_en=f"Story {n:02d}", published_on=date(2024, 1, 1) + timedelta(days=n), **fields)
        for n in range(1, count + 1)
    ]


def staff_user(*, may_view_articles: bool) -> User:
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    if may_view_articles:
        user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user
