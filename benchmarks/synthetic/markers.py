"""What makes a record synthetic: a marker in its slug or its source document, and nothing else.

``synthetic_registry_clear`` and the counts go by these markers only, so demo data and staff
records stay.
"""

from news.models import Article
from projects.models import District, Organization, Project, Source, Zone

SLUG_PATTERNS = {
    District: r"^synthetic-district-[0-9]+$",
    Zone: r"^synthetic-zone-[0-9]+$",
    Organization: r"^synthetic-org-[0-9]+$",
    Project: r"^synthetic-project-[0-9]+$",
    Article: r"^synthetic-article-[0-9]+$",
}
SOURCE_DOCUMENT_PATTERN = r"^synthetic:source-[0-9]+$"


def synthetic_ids(model) -> tuple[str, list[str]]:
    """A subquery of the ids of the synthetic records of ``model``, with its parameters."""
    if model is Source:
        return f"SELECT id FROM {Source._meta.db_table} WHERE document_en ~ %s", [SOURCE_DOCUMENT_PATTERN]
    return f"SELECT id FROM {model._meta.db_table} WHERE slug ~ %s", [SLUG_PATTERNS[model]]
