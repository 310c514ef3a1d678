"""An article's summary and body become ``_en`` / ``_zh`` pairs; the English keep their data."""

from django.db import migrations

RENAMES = [
    ("article", "summary", "summary_en"),
    ("article", "body", "body_en"),
    ("article", "source_name", "source_name_en"),
    ("historicalarticle", "source_name", "source_name_en"),
    ("historicalarticle", "summary", "summary_en"),
    ("historicalarticle", "body", "body_en"),
]


class Migration(migrations.Migration):
    dependencies = [("news", "0006_source_url_web_address"), ("projects", "0014_bilingual_texts")]

    operations = [migrations.RenameField(model, old, new) for model, old, new in RENAMES]
