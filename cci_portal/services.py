"""Writes of the site itself: issuing and revoking partners' API keys."""

import secrets
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from cci_portal.models import ApiKey, hash_api_key
from projects.models import Organization

PREFIX_LENGTH = 8
SECRET_LENGTH = 40


@dataclass(frozen=True)
class IssuedApiKey:
    """A key just issued: ``raw_key`` is shown once and never stored."""

    api_key: ApiKey
    raw_key: str


def _new_raw_key() -> tuple[str, str]:
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    secret = secrets.token_urlsafe(SECRET_LENGTH)[:SECRET_LENGTH]
    return prefix, f"{prefix}.{secret}"


def api_key_issue(
    *,
    name: str,
    organization: Organization,
    contact_email: str,
    expires_on: date | None = None,
    created_by: AbstractBaseUser | None,
) -> IssuedApiKey:
    """Create a key for a partner; the raw key is returned once, only its SHA-256 digest is kept."""
    prefix, raw_key = _new_raw_key()
    while ApiKey.objects.filter(prefix=prefix).exists():
        prefix, raw_key = _new_raw_key()
    api_key = ApiKey.objects.create(
        name=name,
        organization=organization,
        contact_email=contact_email,
        expires_on=expires_on,
        prefix=prefix,
        hashed_key=hash_api_key(raw_key),
        created_by=created_by,
    )
    return IssuedApiKey(api_key=api_key, raw_key=raw_key)


def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    """Revoke a key for good; revoking a revoked key keeps its first revocation time."""
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
    api_key.revoked_at = locked.revoked_at
    return api_key


def api_key_touch(*, api_key: ApiKey, interval_seconds: int = 60) -> None:
    """Record that a key was used, at most once a minute so reads do not each write."""
    now = timezone.now()
    if api_key.last_used_at and (now - api_key.last_used_at).total_seconds() < interval_seconds:
        return
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now
