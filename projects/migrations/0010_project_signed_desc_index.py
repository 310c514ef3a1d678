from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_project_facet_arrays"),
    ]

    operations = [
        # The admin's changelist lists drafts too, so the partial indexes of the public lists do not serve it.
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                models.OrderBy(models.F("signed_date"), descending=True, nulls_last=True),
                models.F("public_id"),
                name="projects_project_signed_desc",
            ),
        ),
    ]
