"""A refused admin action shows the admin's own page: what was refused, the permission it needs and
the staff member's roles, in their language; never a bare "403 Forbidden"."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from cci_portal.views import permission_denied
from tests.factories import make_project, make_staff

pytestmark = pytest.mark.django_db


def refusal(response) -> dict[str, str]:
    """The refusal page as a reader sees it: each part's text, tags dropped."""
    html = response.content.decode()
    parts = {}
    for name in ("refused", "permission", "roles"):
        found = re.search(rf'data-testid="{name}">(.*?)</p>', html, re.S)
        parts[name] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else None
    return parts


def test_an_editor_who_may_not_issue_api_keys_is_told_which_permission_it_needs():
    browser = Client()
    browser.force_login(make_staff("editor"))

    response = browser.post("/admin/cci_portal/apikey/add/", {"name": "Mirror", "organization": "Bank"})

    assert response.status_code == 403
    assert "<title>Not allowed | CCI Portal admin</title>" in response.content.decode()
    assert refusal(response) == {
        "refused": "You may not add API keys.",
        "permission": "It needs the permission cci_portal.add_apikey.",
        "roles": "Your roles: editor. A bureau administrator can give you a role that holds it.",
    }


def test_the_chinese_admin_says_it_in_chinese():
    browser = Client()
    browser.force_login(make_staff("viewer"))

    response = browser.get("/zh-hans/admin/cci_portal/apikey/add/")

    assert response.status_code == 403
    assert refusal(response) == {
        "refused": "您无权添加API 密钥。",
        "permission": "需要权限 cci_portal.add_apikey。",
        "roles": "您的角色：查看者。局管理员可以为您分配具有该权限的角色。",
    }


def test_publishing_from_the_list_without_the_permission_names_the_publish_permission():
    project = make_project(is_published=False)
    browser = Client()
    browser.force_login(make_staff("editor"))

    response = browser.post(
        "/admin/projects/project/", {"action": "publish_selected", "_selected_action": [project.pk]}
    )

    assert response.status_code == 403
    assert refusal(response)["refused"] == "You do not have permission to publish."
    assert refusal(response)["permission"] == "It needs the permission projects.publish_project."
    project.refresh_from_db()
    assert project.is_published is False


def test_staff_without_a_role_are_told_they_have_none():
    browser = Client()
    browser.force_login(make_staff(None))

    response = browser.get("/admin/projects/project/add/")

    assert response.status_code == 403
    assert refusal(response) == {
        "refused": "You may not add projects.",
        "permission": "It needs the permission projects.add_project.",
        "roles": "Your account has no role. A bureau administrator can give you one that holds it.",
    }


def test_outside_the_admin_a_refusal_is_the_sites_own_page():
    request = RequestFactory().get("/projects/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionError())

    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in response.content.decode()
    assert "This page or action is not open to you." in response.content.decode()
