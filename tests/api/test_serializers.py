"""The project representation's fast path gives exactly what DRF's declared fields give."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from projects.api.serializers import ProjectSerializer
from projects.models import Milestone
from projects.selectors import projects_with_details
from tests.factories import (
    focus_area,
    make_article,
    make_district,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db


def declared_representation(serializer, project) -> dict:
    """What the declared fields give one by one (DRF's own path, which the fast one replaces)."""
    return serializers.ModelSerializer.to_representation(serializer, project)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_fast_representation_equals_the_declared_fields(language):
    source = make_source(title="Chongqing logistics report", url="https://example.org/report")
    rich = make_project(
        title_zh="冷链物流",
        summary="Cold chain.",
        scheme=scheme("business"),
        zone=make_zone(),
        district=make_district(),
        participants=[(make_organization(country="SG"), "funding"), (make_organization(), "implementing")],
        contract_amount=Decimal("1000.5"),
        currency="CNY",
        contract_amount_usd=Decimal("140.07"),
        usd_rate=Decimal("0.14"),
        usd_rate_date=date(2024, 3, 1),
        operation_start_date=date(2021, 5, 1),
    )
    rich.other_focus_areas.add(focus_area("ict"), focus_area("aviation"))
    rich.sources.add(source)
    Milestone.objects.create(project=rich, date=date(2022, 1, 1), title_en="Opened", source=source)
    Milestone.objects.create(project=rich, date=date(2023, 1, 1), title_en="Extended", date_precision="year")
    make_article(slug="cold-chain-news").projects.add(rich)
    bare = make_project(focus_area=None, scheme=scheme("talent"), signed_date=None)
    serializer = ProjectSerializer(context={"request": APIRequestFactory().get("/api/v1/projects/")})

    with translation.override(language):
        projects = list(projects_with_details(user=None).filter(pk__in=[rich.pk, bare.pk]))
        fast = [serializer.to_representation(project) for project in projects]
        declared = [declared_representation(serializer, project) for project in projects]

    assert len(projects) == 2
    assert fast == declared
    assert fast[0]["public_url"].endswith(f"/projects/{projects[0].public_id}/")
    assert list(fast[0]) == list(serializer.fields)
