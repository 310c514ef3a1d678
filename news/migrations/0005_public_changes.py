from django.db import migrations

from core.migrations._public_change import published_table

# Articles get the registry's public validators (projects.0012): a partial index of the published
# articles' stamps, and the triggers that log a withdrawal or a deletion (core.0001).


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_public_change"),
        ("news", "0004_list_indexes"),
        ("projects", "0012_public_changes"),
    ]

    operations = [published_table("news_article", "news_pub_updated")]
