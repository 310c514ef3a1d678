"""The Chinese descriptions of the four focus areas and the four schemes, beside their English ones."""

from django.db import migrations

DESCRIPTIONS_ZH = {
    (
        "focusarea",
        "financial-services",
    ): "重庆与新加坡之间的跨境金融合作：金融科技、中国西部企业在新加坡发行绿色债券，以及便利金融机构落户重庆的通道。",
    ("focusarea", "aviation"): "航线联通、飞机维修和保税航材业务，以及围绕重庆机场建设的航空物流产业示范区。",
    (
        "focusarea",
        "transport-logistics",
    ): "连接重庆与新加坡及东南亚的铁路、内河、公路和海运通道，包括多式联运枢纽、冷链物流和无纸化贸易单证。",
    (
        "focusarea",
        "ict",
    ): "数据中心、两地之间的国际互联网数据专用通道、大数据产业园区，以及在此基础上发展起来的数字经济。",
    ("scheme", "business"): "为两地企业和园区服务的专业服务联盟，涵盖金融、投资贸易、工程设计和知识产权等领域。",
    ("scheme", "agriculture"): "建设农业合作示范园区，并帮助重庆食品生产企业借助新加坡进入东盟市场。",
    ("scheme", "talent"): "人才培训、科研团队、初创企业、青年交流，以及两地高校与职业院校之间的合作。",
    ("scheme", "culture-tourism"): "“新加坡周”等文化活动，以及在重庆各区县打造的国际旅游目的地。",
}


def describe(apps, schema_editor):
    for (model_name, code), description in DESCRIPTIONS_ZH.items():
        apps.get_model("projects", model_name).objects.filter(code=code).update(description_zh=description)


def undescribe(apps, schema_editor):
    for model_name in ("focusarea", "scheme"):
        apps.get_model("projects", model_name).objects.update(description_zh="")


class Migration(migrations.Migration):
    dependencies = [("projects", "0015_chinese_fields")]

    operations = [migrations.RunPython(describe, undescribe)]
