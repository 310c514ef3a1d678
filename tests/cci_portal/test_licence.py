"""The data's licence, one setting, named wherever the data leaves the portal: the data page, the
API root, the downloads and the OC4IDS package; and the print sheet's own header."""

import io
import json
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import make_project

pytestmark = pytest.mark.django_db

ODBL = {"name": "ODbL 1.0", "url": "https://opendatacommons.org/licenses/odbl/1-0/"}


def test_the_data_page_states_the_licence_in_both_languages(client):
    html = client.get("/data/").content.decode()
    assert re.search(r'data-testid="licence">(.*?)</p>', html).group(1) == (
        "The registry's published data may be reused under "
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>.'
    )
    chinese = Client().get("/zh-hans/data/").content.decode()
    assert re.search(r'data-testid="licence">(.*?)</p>', chinese).group(1) == (
        '本库已发布的数据可按<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
        "CC BY 4.0</a>许可再利用。"
    )


def test_another_licence_is_one_setting_named_everywhere(client, settings):
    settings.DATA_LICENSE = ODBL
    make_project(public_id="CCI-2024-0001")
    assert 'rel="license">ODbL 1.0</a>' in client.get("/data/").content.decode()
    assert client.get("/api/v1/").json()["license"] == {**ODBL, "terms": "http://testserver/data/#licence"}
    package = json.loads(b"".join(client.get("/api/v1/projects/oc4ids/").streaming_content))
    assert package["license"] == ODBL["url"]
    csv = client.get("/projects/download.csv")
    assert csv["Link"] == '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"; title="ODbL 1.0"'


def test_the_workbook_names_its_licence_and_the_list_it_came_from(client):
    make_project(public_id="CCI-2024-0001")
    response = client.get("/projects/download.xlsx?status=implementation")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"; title="CC BY 4.0"'
    properties = load_workbook(io.BytesIO(response.content)).properties
    assert properties.creator == "CCI Portal"
    assert properties.title == "CCI Portal projects"
    assert properties.description == (
        "Published under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). "
        "Source: http://testserver/projects/?status=implementation"
    )


def test_every_page_prints_with_the_portal_its_address_and_the_day(client):
    make_project(public_id="CCI-2024-0001")
    today = timezone.localdate()
    html = client.get("/projects/CCI-2024-0001/").content.decode()
    header = re.search(r'data-testid="print-header">(.*?)</p>', html).group(1)
    assert " ".join(re.sub(r"<[^>]+>", "", header).split()) == (
        "CCI Portal · China-Singapore (Chongqing) Connectivity · http://testserver/projects/CCI-2024-0001/ "
        f"· Printed {today:%b}. {today.day}, {today.year}"
    ).replace("May.", "May")
    assert f'<time class="print-date" datetime="{today.isoformat()}">' in header
