"""The admin login resists guessing: 5 failures lock a username from an address for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.factories import PASSWORD, make_staff

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
