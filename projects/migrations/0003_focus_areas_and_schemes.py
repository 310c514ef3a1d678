"""The four CCI focus areas and the four cooperation schemes, described in the portal's own words."""

from django.db import migrations

FOCUS_AREAS = [
    (
        "financial-services",
        "Financial services",
        "金融服务",
        "Cross-border finance between Chongqing and Singapore: fintech, green bonds issued in Singapore by "
        "companies from western China, and channels for financial institutions to set up in Chongqing.",
    ),
    (
        "aviation",
        "Aviation",
        "航空",
        "Air links, aircraft maintenance and bonded aviation materials, with an aviation logistics "
        "demonstration zone around Chongqing's airport.",
    ),
    (
        "transport-logistics",
        "Transport and logistics",
        "交通物流",
        "Rail, river, road and sea routes joining Chongqing to Singapore and Southeast Asia, with "
        "multimodal hubs, cold-chain logistics and paperless trade documents.",
    ),
    (
        "ict",
        "Information and communications technology",
        "信息通信",
        "Data centres, the dedicated international data channel between the two cities, big-data parks "
        "and the digital economy built on them.",
    ),
]

SCHEMES = [
    (
        "business",
        "Business cooperation",
        "商务合作",
        "Professional service alliances (finance, investment and trade, engineering design, intellectual "
        "property) that serve companies and parks in both places.",
    ),
    (
        "agriculture",
        "Agricultural cooperation",
        "农业合作",
        "An agricultural cooperation demonstration zone and help for Chongqing food producers to reach "
        "ASEAN markets through Singapore.",
    ),
    (
        "talent",
        "Talent training cooperation",
        "人才培训合作",
        "Training, research teams, start-ups, youth exchanges and links between universities and "
        "vocational colleges of the two sides.",
    ),
    (
        "culture-tourism",
        "Culture and tourism cooperation",
        "文化旅游合作",
        "Cultural events such as Singapore Week and international tourism destinations in districts and "
        "counties across Chongqing.",
    ),
]


def create_vocabularies(apps, schema_editor):
    for model_name, rows in (("FocusArea", FOCUS_AREAS), ("Scheme", SCHEMES)):
        model = apps.get_model("projects", model_name)
        for position, (code, name_en, name_zh, description) in enumerate(rows, start=1):
            model.objects.update_or_create(
                code=code,
                defaults={"name_en": name_en, "name_zh": name_zh, "description": description, "position": position},
            )


def remove_vocabularies(apps, schema_editor):
    for model_name, rows in (("FocusArea", FOCUS_AREAS), ("Scheme", SCHEMES)):
        apps.get_model("projects", model_name).objects.filter(code__in=[row[0] for row in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_postgres_extensions")]

    operations = [migrations.RunPython(create_vocabularies, remove_vocabularies)]
