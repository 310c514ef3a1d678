"""Rules the database itself holds, whatever writes to it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import FocusArea, Scheme, Source, Zone
from tests.factories import make_figure, make_organization, make_project, make_zone

pytestmark = pytest.mark.django_db


def refused(constraint: str, record, **values):
    """Run a raw UPDATE of ``record`` that bypasses model validation; the database must refuse it by name."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(**values)
    assert constraint in str(error.value)


def test_vocabularies_come_from_the_data_migration():
    assert list(FocusArea.objects.values_list("code", flat=True)) == [
        "financial-services",
        "aviation",
        "transport-logistics",
        "ict",
    ]
    assert list(Scheme.objects.values_list("code", flat=True)) == [
        "business",
        "agriculture",
        "talent",
        "culture-tourism",
    ]
    assert FocusArea.objects.get(code="ict").name_zh == "信息通信"


def test_database_refuses_a_negative_amount():
    project = make_project(contract_amount=Decimal("1"), currency="USD")
    refused("projects_project_amount_not_negative", project, contract_amount=Decimal("-1"))
    refused("projects_project_amount_usd_not_negative", project, contract_amount_usd=Decimal("-0.01"))
    project.refresh_from_db()
    assert project.contract_amount == Decimal("1.00")


def test_database_refuses_a_duplicate_identifier_and_slug():
    first = make_project()
    second = make_project()
    refused("projects_project_public_id_key", second, public_id=first.public_id)
    refused("projects_project_slug_key", second, slug=first.slug)


def test_database_refuses_a_malformed_identifier():
    project = make_project()
    refused("projects_project_public_id_format", project, public_id="CCI-19-7")


def test_database_refuses_a_status_outside_the_codelist():
    project = make_project()
    refused("projects_project_status_valid", project, status="finished")


def test_database_refuses_a_currency_outside_the_list_and_an_amount_without_currency():
    project = make_project()
    refused("projects_project_currency_valid", project, currency="XYZ")
    refused("projects_project_amount_has_currency", project, contract_amount=Decimal("5"), currency="")


def test_database_refuses_a_project_with_neither_focus_area_nor_scheme():
    project = make_project()
    refused("projects_project_focus_area_or_scheme", project, focus_area=None, scheme=None)


def test_database_refuses_a_country_that_is_not_iso_alpha2():
    organization = make_organization()
    refused("projects_organization_country_iso_alpha2", organization, country="sg")


def test_database_refuses_a_negative_figure_and_a_share_over_100():
    figure = make_figure()
    refused("projects_reportedfigure_value_not_negative", figure, value=Decimal("-44"))
    refused("projects_reportedfigure_share_is_percent", figure, share_percent=Decimal("124"))


def test_database_refuses_a_source_with_neither_url_nor_document():
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Source.objects.create(title_en="Untraceable", publisher_en="Nobody")
    assert "projects_source_url_or_document" in str(error.value)


def test_database_refuses_a_duplicate_zone_slug():
    zone = make_zone()
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Zone.objects.create(slug=zone.slug, name_en="Copy", kind="zone")
    assert "projects_zone_slug_key" in str(error.value)


def test_public_identifier_follows_the_signing_year_and_never_changes():
    first = make_project(signed_date=date(2019, 5, 1))
    second = make_project(signed_date=date(2019, 8, 1))
    undated = make_project(signed_date=None)
    assert (first.public_id, second.public_id) == ("CCI-2019-0001", "CCI-2019-0002")
    assert undated.public_id.startswith("CCI-20")

    first.title_en = "A new title"
    first.signed_date = date(2021, 1, 1)
    first.save()
    first.refresh_from_db()
    assert first.public_id == "CCI-2019-0001"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"contract_amount": "1000000", "currency": "SGD", "usd_rate": "0.74", "contract_amount_usd": "999999999"},
            {"contract_amount_usd": ["At 0.74 USD per SGD, 1,000,000.00 SGD is about US$740,000.00."]},
        ),
        (
            {"contract_amount": "1000000", "currency": "SGD", "contract_amount_usd": "740000"},
            {"contract_amount_usd": ["Give the rate used for the US-dollar amount, and its date."]},
        ),
        (
            {"contract_amount": "250", "currency": "USD", "contract_amount_usd": "260"},
            {"contract_amount_usd": ["At 1 USD per USD, 250.00 USD is about US$250.00."]},
        ),
        ({"signed_date": date(2999, 1, 1)}, {"signed_date": ["A project cannot be signed in the future."]}),
        (
            {"signed_date": date(2020, 5, 1), "operation_start_date": date(2019, 1, 1)},
            {"operation_start_date": ["Operation cannot start before the project is signed."]},
        ),
    ],
)
def test_validation_refuses_inconsistent_amounts_and_dates(fields, errors):
    project = make_project(signed_date=None)
    for name, value in fields.items():
        setattr(
            project, name, value if name in ("currency", "signed_date", "operation_start_date") else Decimal(value)
        )
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.message_dict == errors


def test_validation_accepts_an_amount_within_rounding_of_its_rate():
    project = make_project(signed_date=date(2021, 10, 26), operation_start_date=date(2022, 6, 17))
    project.contract_amount, project.currency = Decimal("24000000000"), "CNY"
    project.usd_rate, project.contract_amount_usd = Decimal("0.15"), Decimal("3600000000")
    project.full_clean()
