"""The publishable records (core/models.py): a new record starts as a draft."""

import pytest

from projects.models import Organization, ReportedFigure
from tests.factories import make_source

pytestmark = pytest.mark.django_db


def test_new_records_start_as_drafts():
    source = make_source()
    organization = Organization.objects.create(slug="new", name_en="New", country="CN", kind="private")
    figure = ReportedFigure.objects.create(
        label_en="x", metric="projects_signed", value=1, unit="count", scope="chongqing", source=source
    )
    assert (organization.is_published, figure.is_published) == (False, False)
