"""An API key names one of the registry's organizations instead of a free-text name, and a contact.

Each key's old text is matched to an organization by its English or Chinese name or its slug (case
ignored); a key whose text matches none keeps it in its own name ("Nightly mirror (Partner Bank)")
and has no organization until staff choose one.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q


def link_organizations(apps, schema_editor):
    ApiKey = apps.get_model("cci_portal", "ApiKey")
    Organization = apps.get_model("projects", "Organization")
    for key in ApiKey.objects.all():
        text = key.organization.strip()
        match = (
            Organization.objects.filter(Q(name_en__iexact=text) | Q(name_zh=text) | Q(slug__iexact=text)).first()
            if text
            else None
        )
        if match is not None:
            key.organization_record = match
        elif text:
            key.name = f"{key.name} ({text})"[:200]
        key.save(update_fields=["organization_record", "name"])


def unlink_organizations(apps, schema_editor):
    ApiKey = apps.get_model("cci_portal", "ApiKey")
    for key in ApiKey.objects.select_related("organization_record"):
        key.organization = key.organization_record.name_en if key.organization_record else ""
        key.save(update_fields=["organization"])


class Migration(migrations.Migration):
    dependencies = [
        ("cci_portal", "0004_api_key_expiry"),
        ("projects", "0020_project_links_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="apikey",
            name="organization_record",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="api_keys",
                to="projects.organization",
            ),
        ),
        migrations.AlterField(
            model_name="apikey",
            name="organization",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(link_organizations, unlink_organizations),
        migrations.RemoveField(model_name="apikey", name="organization"),
        migrations.RenameField(model_name="apikey", old_name="organization_record", new_name="organization"),
        migrations.AlterField(
            model_name="apikey",
            name="organization",
            field=models.ForeignKey(
                help_text="The partner holding the key, one of the registry's organizations.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="api_keys",
                to="projects.organization",
                verbose_name="organization",
            ),
        ),
        migrations.AlterField(
            model_name="apikey",
            name="contact_email",
            field=models.EmailField(
                help_text="Whom the bureau writes to about the key (a change, an expiry, misuse).",
                max_length=254,
                verbose_name="contact email",
            ),
        ),
    ]
