"""The facts the floors and scenarios are built from: the admin's own organization filter, DRF's cursor."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from rest_framework.request import Request

from benchmarks.facts import admin_organization_filter, drf_cursor
from core.api.pagination import CursorPages
from projects.models import Project
from tests.factories import make_organization


@pytest.mark.django_db
def test_the_admin_organization_filter_is_the_admin_s_own_when_it_has_one(monkeypatch):
    organization = make_organization()
    project_admin = admin.site.get_model_admin(Project)

    undeclared = admin_organization_filter(organization)
    monkeypatch.setattr(
        project_admin, "list_filter", ["status", ("participations__organization", admin.RelatedOnlyFieldListFilter)]
    )
    declared = admin_organization_filter(organization)

    assert undeclared == f"participants__id__exact={organization.pk}"
    assert declared == f"participations__organization__id__exact={organization.pk}"


def test_the_deep_cursor_is_drf_s_own_format():
    request = Request(RequestFactory().get("/api/v1/projects/", {"cursor": drf_cursor(90_123)}))

    cursor = CursorPages().decode_cursor(request)

    assert (cursor.position, cursor.offset, cursor.reverse) == ("90123", 0, False)
