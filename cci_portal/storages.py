"""Where files go: static files (WhiteNoise's compressed, hashed copies in production) and the bulk
releases (:mod:`cci_portal.releases`).

The releases go to ``var/releases`` unless ``DJANGO_RELEASE_STORAGE`` names another storage as JSON,
in Django's ``STORAGES`` form: ``{"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS":
{"bucket_name": "cci-releases"}}`` (django-storages; docs/operations.md).
"""

import json
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"


def _release_storage(base_dir: Path) -> dict:
    text = os.environ.get("DJANGO_RELEASE_STORAGE", "").strip()
    if not text:
        return {"BACKEND": FILE_SYSTEM, "OPTIONS": {"location": base_dir / "var" / "releases"}}
    try:
        storage = json.loads(text)
    except ValueError as error:
        raise ImproperlyConfigured(f"DJANGO_RELEASE_STORAGE is not JSON: {error}") from error
    if not isinstance(storage, dict) or not isinstance(storage.get("BACKEND"), str):
        raise ImproperlyConfigured('DJANGO_RELEASE_STORAGE must be an object with a "BACKEND" path.')
    return storage


def storage_settings(base_dir: Path, *, debug: bool) -> dict:
    """Django's ``STORAGES``: ``default``, ``staticfiles`` and ``releases``."""
    static = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
        if debug
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    return {
        "default": {"BACKEND": FILE_SYSTEM},
        "staticfiles": {"BACKEND": static},
        "releases": _release_storage(base_dir),
    }
