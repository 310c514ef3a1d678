"""Where projects and zones are: a point with its precision, and each district's division code for the map."""

import django.core.validators
from django.db import migrations, models

# The demo districts' GB/T 2260 codes; Liangjiang New Area spans parts of several divisions and has none.
DIVISION_CODES = {
    "yuzhong": "500103",
    "jiangbei": "500105",
    "yubei": "500112",
    "tongliang": "500151",
    "wulong": "500156",
    "wushan": "500237",
}


def fill_codes(apps, schema_editor):
    District = apps.get_model("projects", "District")
    for slug, code in DIVISION_CODES.items():
        District.objects.filter(slug=slug, code="").update(code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0016_vocabulary_chinese_descriptions"),
    ]

    operations = [
        migrations.AddField(
            model_name="district",
            name="code",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                help_text="Administrative division code, such as 500112 for Yubei District.",
                max_length=6,
                validators=[
                    django.core.validators.RegexValidator(
                        "^50[0-9]{4}$", "Use Chongqing's 6-digit division code, such as 500112."
                    )
                ],
                verbose_name="division code",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="latitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-90),
                    django.core.validators.MaxValueValidator(90),
                ],
                verbose_name="latitude",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="location_precision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("exact", "Exact point"),
                    ("approximate", "Approximate point"),
                    ("district", "District or county"),
                    ("municipality", "Chongqing as a whole"),
                ],
                db_default="",
                default="",
                help_text="How exactly the point places it: an exact site, near it, the district's centre or Chongqing's.",
                max_length=12,
                verbose_name="location precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="longitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-180),
                    django.core.validators.MaxValueValidator(180),
                ],
                verbose_name="longitude",
            ),
        ),
        migrations.AddField(
            model_name="historicalzone",
            name="latitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-90),
                    django.core.validators.MaxValueValidator(90),
                ],
                verbose_name="latitude",
            ),
        ),
        migrations.AddField(
            model_name="historicalzone",
            name="location_precision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("exact", "Exact point"),
                    ("approximate", "Approximate point"),
                    ("district", "District or county"),
                    ("municipality", "Chongqing as a whole"),
                ],
                db_default="",
                default="",
                help_text="How exactly the point places it: an exact site, near it, the district's centre or Chongqing's.",
                max_length=12,
                verbose_name="location precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalzone",
            name="longitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-180),
                    django.core.validators.MaxValueValidator(180),
                ],
                verbose_name="longitude",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="latitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-90),
                    django.core.validators.MaxValueValidator(90),
                ],
                verbose_name="latitude",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="location_precision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("exact", "Exact point"),
                    ("approximate", "Approximate point"),
                    ("district", "District or county"),
                    ("municipality", "Chongqing as a whole"),
                ],
                db_default="",
                default="",
                help_text="How exactly the point places it: an exact site, near it, the district's centre or Chongqing's.",
                max_length=12,
                verbose_name="location precision",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="longitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-180),
                    django.core.validators.MaxValueValidator(180),
                ],
                verbose_name="longitude",
            ),
        ),
        migrations.AddField(
            model_name="zone",
            name="latitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-90),
                    django.core.validators.MaxValueValidator(90),
                ],
                verbose_name="latitude",
            ),
        ),
        migrations.AddField(
            model_name="zone",
            name="location_precision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("exact", "Exact point"),
                    ("approximate", "Approximate point"),
                    ("district", "District or county"),
                    ("municipality", "Chongqing as a whole"),
                ],
                db_default="",
                default="",
                help_text="How exactly the point places it: an exact site, near it, the district's centre or Chongqing's.",
                max_length=12,
                verbose_name="location precision",
            ),
        ),
        migrations.AddField(
            model_name="zone",
            name="longitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=5,
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-180),
                    django.core.validators.MaxValueValidator(180),
                ],
                verbose_name="longitude",
            ),
        ),
        migrations.AddConstraint(
            model_name="district",
            constraint=models.UniqueConstraint(
                condition=models.Q(("code", ""), _negated=True),
                fields=("code",),
                name="projects_district_code_unique",
                violation_error_message="Another district has this division code.",
            ),
        ),
        migrations.AddConstraint(
            model_name="district",
            constraint=models.CheckConstraint(
                condition=models.Q(("code", ""), ("code__regex", "^50[0-9]{4}$"), _connector="OR"),
                name="projects_district_code_format",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("latitude__isnull", True), ("location_precision", ""), ("longitude__isnull", True)),
                    models.Q(
                        ("latitude__gte", -90),
                        ("latitude__lte", 90),
                        ("longitude__gte", -180),
                        ("longitude__lte", 180),
                        ("location_precision__in", ["exact", "approximate", "district", "municipality"]),
                    ),
                    _connector="OR",
                ),
                name="projects_project_location_complete",
                violation_error_message="Give both coordinates and their precision, or none of them.",
            ),
        ),
        migrations.AddConstraint(
            model_name="zone",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("latitude__isnull", True), ("location_precision", ""), ("longitude__isnull", True)),
                    models.Q(
                        ("latitude__gte", -90),
                        ("latitude__lte", 90),
                        ("longitude__gte", -180),
                        ("longitude__lte", 180),
                        ("location_precision__in", ["exact", "approximate", "district", "municipality"]),
                    ),
                    _connector="OR",
                ),
                name="projects_zone_location_complete",
                violation_error_message="Give both coordinates and their precision, or none of them.",
            ),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
    ]
