"""Every answer carries the site's security headers: a strict Content-Security-Policy, a
Permissions-Policy that turns off the browser features the site does not use, and no framing."""

import pytest

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


def directives(policy: str) -> dict[str, str]:
    """A policy's directives (django-csp writes them in no fixed order)."""
    return dict(directive.split(" ", 1) for directive in policy.split("; "))


@pytest.mark.parametrize(
    "path",
    ["/", "/zh-hans/projects/", "/search/?q=port", "/no-such-page/", "/admin/login/", "/api/v1/docs/", "/api/v1/"],
)
def test_pages_admin_and_api_carry_the_security_headers(client, path):
    response = client.get(path)

    assert response.status_code in (200, 404)
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["Permissions-Policy"] == PERMISSIONS
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_api_docs_load_their_start_up_script_as_a_file(client):
    page = client.get("/api/v1/docs/").content.decode()
    script = client.get("/api/v1/docs/?script=")

    assert '<script src="/api/v1/docs/?script="' in page or "?script=" in page
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
