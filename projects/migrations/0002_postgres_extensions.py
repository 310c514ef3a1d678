from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm and unaccent, for typo-tolerant and Chinese-name search."""

    dependencies = [("projects", "0001_initial")]

    operations = [TrigramExtension(), UnaccentExtension()]
