"""A crafted value in an admin search-as-you-type box is refused with the form's message, never a 500."""

import pytest
from django.test import Client

from cci_portal.models import ApiKey
from projects.models import District, Project
from tests.admin_client import admin_url, district_form, inline_management, project_form
from tests.factories import make_project, make_staff

pytestmark = pytest.mark.django_db

INVALID_CHOICE = ["Select a valid choice. That choice is not one of the available choices."]


@pytest.fixture
def publisher_client():
    client = Client()
    client.force_login(make_staff("publisher"))
    return client


def test_a_word_for_a_focus_area_or_a_partner_is_refused_on_the_form(publisher_client):
    project = make_project(title_en="Rail link")
    data = project_form(project, focus_area="abc")
    data.update(
        {
            **inline_management(("participations",)),
            "participations-TOTAL_FORMS": "1",
            "participations-0-project": str(project.pk),
            "participations-0-organization": "'; DROP TABLE",
            "participations-0-role": "funding",
            "participations-0-position": "0",
        }
    )

    response = publisher_client.post(admin_url(Project, "change", project.pk), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "focus_area": ["Select a valid choice. That choice is not one of the available choices."]
    }
    participants = response.context["inline_admin_formsets"][0].formset
    assert participants.errors[0] == {"organization": INVALID_CHOICE}
    assert Project.objects.get(pk=project.pk).focus_area.code == project.focus_area.code


def test_a_word_for_a_source_or_a_keys_organization_is_refused_on_the_form(publisher_client):
    district = publisher_client.post(admin_url(District, "add"), {**district_form(), "sources": ["x1"]})
    key = publisher_client.post(
        admin_url(ApiKey, "add"), {"name": "Mirror", "organization": "Partner Bank", "contact_email": "a@b.example"}
    )

    assert (district.status_code, key.status_code) == (200, 200)
    assert district.context["adminform"].form.errors == {"sources": ["“x1” is not a valid value."]}
    assert key.context["adminform"].form.errors == {"organization": INVALID_CHOICE}
    assert (District.objects.count(), ApiKey.objects.count()) == (0, 0)
