"""Demo articles: one story for each source document, written in the portal's own words.

The articles are data, in ``news/fixtures/articles.csv``, read through the admin's
:class:`~news.resources.ArticleResource`. Each names where its facts came from (``source_name_en`` and ``_zh``,
``source_url`` and, where the source states it, ``source_published_on``); ``published_on`` is the
portal's own publication date. ``load_news_demo`` creates missing articles only and links them
to the registry's records by slug, so run ``projects.demo.load_registry_demo`` first.
"""

from pathlib import Path

from core.fixtures import demo_resource, import_fixture, keys_in, read_fixture, rows_not_loaded, with_keys_replaced
from news.models import Article
from news.resources import ArticleResource
from projects.models import Project

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles.csv"


def load_news_demo() -> dict[str, int]:
    """Create the demo articles that do not exist yet and link them; return how many were created.

    Call inside a transaction, after the registry demo. Links go to whatever records hold the slugs
    and codes now, including ones staff created.
    """
    rows = rows_not_loaded(read_fixture(ARTICLES), Article)
    # The fixture names projects by slug; the import, as a staff file does, by public identifier.
    public_ids = dict(Project.objects.filter(slug__in=keys_in(rows, "projects")).values_list("slug", "public_id"))
    return {
        "articles": import_fixture(
            demo_resource(ArticleResource)(), with_keys_replaced(rows, "projects", public_ids), "articles.csv"
        )
    }
