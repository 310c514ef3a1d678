"""Every bilingual text becomes an ``_en`` / ``_zh`` pair: the English fields keep their data under
their new names, the Chinese ones start empty (the demo data fills them)."""

from django.db import migrations

RENAMES = [
    ("project", "summary", "summary_en"),
    ("project", "description", "description_en"),
    ("historicalproject", "summary", "summary_en"),
    ("historicalproject", "description", "description_en"),
    ("zone", "description", "description_en"),
    ("historicalzone", "description", "description_en"),
    ("organization", "description", "description_en"),
    ("historicalorganization", "description", "description_en"),
    ("focusarea", "description", "description_en"),
    ("scheme", "description", "description_en"),
    ("source", "title", "title_en"),
    ("source", "publisher", "publisher_en"),
    ("source", "document", "document_en"),
]


class Migration(migrations.Migration):
    dependencies = [("projects", "0013_bounds_and_web_addresses")]

    operations = [migrations.RenameField(model, old, new) for model, old, new in RENAMES]
