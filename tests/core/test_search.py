"""The search rule (core/search.py): only a query holding Chinese also matches Chinese names as substrings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cci_portal.search import site_search
from core.search import has_cjk
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def titles(group) -> list[str]:
    return [hit.title for hit in group.hits]


def test_only_a_query_with_chinese_searches_chinese_names_as_substrings():
    make_project(title_en="Chongqing Logistics Hub", title_zh="重庆物流枢纽")

    with CaptureQueriesContext(connection) as english:
        english_results = site_search("logistics")
    with CaptureQueriesContext(connection) as chinese:
        chinese_results = site_search("物流")

    assert titles(english_results.projects) == ["Chongqing Logistics Hub"]
    assert titles(chinese_results.projects) == ["Chongqing Logistics Hub"]
    # The first query of each search is the projects' one.
    project_queries = [english.captured_queries[0]["sql"], chinese.captured_queries[0]["sql"]]
    assert ["LIKE" in sql for sql in project_queries] == [False, True]


def test_has_cjk_tells_chinese_from_latin_text():
    assert [has_cjk(text) for text in ["logistics", "Café -data", "物流", "CCI 中新", "\uff23\uff23\uff29"]] == [
        False,
        False,
        True,
        True,
        True,
    ]
