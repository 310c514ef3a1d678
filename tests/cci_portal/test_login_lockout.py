"""The admin login resists guessing: 5 failures lock a username from an address for 15 minutes;
wrong passwords over the API count towards the same lock."""

import base64
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.factories import PASSWORD, make_staff
from tests.limits import with_password_authentication

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
ATTACKER = "192.0.2.10"
COLLEAGUE = "192.0.2.20"
LOCKOUT_MESSAGE = (
    "Too many failed login attempts: after 5 wrong passwords, logins for this account from your address are locked."
)


def log_in(client, password: str, address: str, username: str = "mei.lin"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def fail_five_times(client, address: str = ATTACKER) -> list[int]:
    return [log_in(client, "wrong-password", address).status_code for _ in range(5)]


@pytest.fixture
def staff():
    return make_staff("editor", username="mei.lin")


def test_the_right_password_logs_in(client, staff):
    response = log_in(client, PASSWORD, ATTACKER)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_five_failures_lock_the_username_from_that_address_even_with_the_right_password(client, staff):
    statuses = fail_five_times(client)

    response = log_in(client, PASSWORD, ATTACKER)

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert LOCKOUT_MESSAGE in " ".join(response.text.split())
    assert "Try again in 15 minutes." in response.text
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, staff):
    for _ in range(4):
        log_in(client, "wrong-password", ATTACKER)

    assert log_in(client, PASSWORD, ATTACKER).status_code == 302


def test_another_address_is_not_affected(client, staff):
    fail_five_times(client)

    response = log_in(client, PASSWORD, COLLEAGUE)

    assert response.status_code == 302
    assert log_in(client, PASSWORD, ATTACKER).status_code == 429


def test_the_lock_holds_during_the_cool_off(client, staff):
    fail_five_times(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))

    assert log_in(client, PASSWORD, ATTACKER).status_code == 429


def test_the_lock_ends_after_the_cool_off(client, staff):
    fail_five_times(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = log_in(client, PASSWORD, ATTACKER)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


# Over the API (HTTP Basic) the same lockout holds, and a locked account is told so.
API_LOCKOUT = f"{LOCKOUT_MESSAGE} Try again in 15 minutes."


@pytest.fixture
def api(monkeypatch):
    with_password_authentication(monkeypatch)


def api_get(client, password: str, address: str, username: str = "mei.lin"):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Basic {token}", REMOTE_ADDR=address)


def test_five_wrong_passwords_over_the_api_lock_the_account_and_say_so(client, staff, api):
    guesses = [api_get(client, "wrong-password", ATTACKER) for _ in range(5)]

    response = api_get(client, PASSWORD, ATTACKER)

    assert [r.status_code for r in guesses] == [401, 401, 401, 401, 429]
    assert guesses[0].json()["detail"] == "Invalid username/password."
    assert guesses[4].json() == {"detail": API_LOCKOUT, "errors": {}}
    assert response.status_code == 429
    assert response.json() == {"detail": API_LOCKOUT, "errors": {}}
    assert response["Retry-After"] == "900"


def test_failures_over_the_api_lock_the_admin_login(client, staff, api):
    for _ in range(5):
        api_get(client, "wrong-password", ATTACKER)

    response = log_in(client, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert LOCKOUT_MESSAGE in " ".join(response.text.split())


def test_failures_at_the_admin_lock_the_api(client, staff, api):
    fail_five_times(client)

    response = api_get(client, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert response.json()["detail"] == API_LOCKOUT


def test_failures_at_the_admin_and_over_the_api_add_up(client, staff, api):
    for _ in range(3):
        log_in(client, "wrong-password", ATTACKER)
    statuses = [api_get(client, "wrong-password", ATTACKER).status_code for _ in range(2)]

    assert statuses == [401, 429]
    assert log_in(client, PASSWORD, ATTACKER).status_code == 429


def test_an_api_lock_leaves_other_addresses_alone_and_ends_after_the_cool_off(client, staff, api):
    for _ in range(5):
        api_get(client, "wrong-password", ATTACKER)

    colleague = api_get(client, PASSWORD, COLLEAGUE)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    after_cool_off = api_get(client, PASSWORD, ATTACKER)

    assert colleague.status_code == 200
    assert after_cool_off.status_code == 200


def test_without_a_cool_off_the_api_says_whom_to_ask(client, staff, api, settings):
    settings.AXES_COOLOFF_TIME = None
    for _ in range(4):
        api_get(client, "wrong-password", ATTACKER)

    response = api_get(client, "wrong-password", ATTACKER)

    assert response.status_code == 429
    assert response.json()["detail"] == (
        f"{LOCKOUT_MESSAGE} If you have forgotten your password, ask a bureau administrator to reset it "
        "and to unlock your account."
    )
    assert "Retry-After" not in response
