from django.db import migrations


class Migration(migrations.Migration):
    """Articles get the registry's trigger: an UPDATE that leaves updated_at alone still moves it."""

    dependencies = [
        ("news", "0002_search_indexes"),
        ("projects", "0008_performance_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE TRIGGER news_article_touch BEFORE UPDATE ON news_article "
            "FOR EACH ROW EXECUTE FUNCTION cci_touch_updated_at();",
            "DROP TRIGGER news_article_touch ON news_article;",
        ),
    ]
