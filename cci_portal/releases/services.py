"""Publishing a release: every table in every format, the OC4IDS packages, ``datapackage.json``,
``release.json`` and ``SHA256SUMS``, read in one snapshot of the database and then stored; and the
retention of old releases."""

import hashlib
import json
import tempfile
import time
from contextlib import ExitStack, contextmanager
from datetime import datetime
from itertools import islice
from pathlib import Path

import orjson
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from cci_portal.models import Release
from cci_portal.releases.datapackage import datapackage
from cci_portal.releases.snapshot import snapshot_worker
from cci_portal.releases.tables import BATCH_SIZE, release_tables
from cci_portal.releases.writers import FORMATS, write_table
from core.licensing import data_license
from projects.api.oc4ids import PACKAGE_CLOSING, oc4ids_package_header, oc4ids_projects, package_opening
from projects.models import Project
from projects.selectors import project_records, project_rows

OC4IDS_PACKAGES = {"en": "oc4ids.json", "zh": "oc4ids-zh.json"}
DATAPACKAGE = "datapackage.json"
MANIFEST = "release.json"
CHECKSUMS = "SHA256SUMS"
# The advisory lock one publishing holds, so that a second one started meanwhile stops at once.
_PUBLISHING_LOCK = 0x43434952  # "CCIR"


class ReleaseInProgress(Exception):
    """Another process is publishing a release: two would take the same version and files."""


@contextmanager
def _publishing():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_PUBLISHING_LOCK])
        if not cursor.fetchone()[0]:
            raise ReleaseInProgress("Another release is being published: try again once it has finished.")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_PUBLISHING_LOCK])


def release_storage():
    return storages["releases"]


def stored_name(version: str, name: str) -> str:
    return f"{version}/{name}"


def _new_version(created: datetime) -> str:
    """The release's version: its date (in the bureau's time zone), with -2, -3… for a second one that day."""
    day = timezone.localtime(created).date().isoformat()
    taken = set(Release.objects.filter(version__startswith=day).values_list("version", flat=True))
    version, number = day, 1
    while version in taken:
        number += 1
        version = f"{day}-{number}"
    return version


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def site_address(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _write_oc4ids(directory: Path, version: str, created: datetime) -> list[str]:
    """The English and Chinese OC4IDS packages of every published project, written side by side
    from one read of each batch of records; none when there is no project, as a package must hold one."""
    anonymous = AnonymousUser()
    if not Project.objects.published().exists():
        return []
    rows = project_rows(Project.objects.published().order_by("pk"), anonymous).iterator(chunk_size=BATCH_SIZE)
    with ExitStack() as stack:
        files = {
            language: stack.enter_context(open(directory / name, "wb")) for language, name in OC4IDS_PACKAGES.items()
        }
        for language, file in files.items():
            header = oc4ids_package_header(
                uri=site_address(reverse("release-file", args=[version, OC4IDS_PACKAGES[language]])),
                published=created,
                publisher_uri=site_address("/"),
                policy_uri=site_address(reverse("data") + "#licence"),
            )
            file.write(package_opening(header).encode())
        separator = b""
        while chunk := list(islice(rows, BATCH_SIZE)):
            records = project_records(chunk, anonymous)
            for language, file in files.items():
                projects = oc4ids_projects(records, id_prefix=settings.OC4IDS_ID_PREFIX, language=language)
                file.write(separator + b",".join(orjson.dumps(project) for project in projects))
            separator = b","
        for file in files.values():
            file.write(PACKAGE_CLOSING.encode())
    return list(OC4IDS_PACKAGES.values())


def _file_entry(directory: Path, name: str) -> dict:
    stem, _dot, extension = name.partition(".")
    return {
        "name": name,
        "format": "oc4ids" if stem.startswith("oc4ids") else extension,
        "table": stem if extension in FORMATS else "",
        "bytes": (directory / name).stat().st_size,
        "sha256": _sha256(directory / name),
    }


def _write_release(directory: Path, *, version: str, created: datetime, snapshot: bool) -> tuple[dict, list[dict]]:
    """Every file of the release into ``directory``: the rows of each table, and the files' entries.

    In a snapshot of its own (``snapshot``), the OC4IDS packages are written by a second process
    on the same snapshot while this one writes the tables (:mod:`cci_portal.releases.snapshot`);
    inside a caller's transaction, whose rows no other session sees, both here one after the other."""
    tables = release_tables()
    if snapshot:
        with snapshot_worker(_write_oc4ids, directory, version, created) as packages:
            counts = {table.name: write_table(table, directory)["csv"] for table in tables}
        package_names = packages.result()
    else:
        counts = {table.name: write_table(table, directory)["csv"] for table in tables}
        package_names = _write_oc4ids(directory, version, created)
    names = [f"{table.name}.{extension}" for table in tables for extension in FORMATS] + package_names
    files = [_file_entry(directory, name) for name in names]
    by_name = {file["name"]: file for file in files}
    descriptor = datapackage(version=version, created=created.isoformat(), files=by_name, tables=tables)
    (directory / DATAPACKAGE).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    files.append(_file_entry(directory, DATAPACKAGE))
    licence = data_license()
    manifest = {
        "version": version,
        "created": created.isoformat(),
        "licence": {"name": licence.name, "url": licence.url},
        "counts": counts,
        "files": files,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    files.append(_file_entry(directory, MANIFEST))
    sums = "".join(f"{file['sha256']}  {file['name']}\n" for file in files)
    (directory / CHECKSUMS).write_text(sums, encoding="ascii")
    files.append(_file_entry(directory, CHECKSUMS))
    return counts, files


def publish_release(*, now: datetime | None = None) -> Release:
    """Write the published registry as a new release, store it, record it, and drop the releases
    beyond ``settings.RELEASE_RETENTION``.

    Every table is read in one transaction at REPEATABLE READ, so the files agree with each other
    however the registry changes meanwhile. One release is published at a time: while one is,
    another raises :class:`ReleaseInProgress`. The files are written to a temporary directory first
    (a batch of rows at a time), then copied to the storage: a release is recorded only once all
    of its files are stored.
    """
    with _publishing():
        return _publish(created=now or timezone.now())


def _publish(*, created: datetime) -> Release:
    started = time.monotonic()
    storage = release_storage()
    with tempfile.TemporaryDirectory(prefix="cci-release-") as temporary, translation.override("en"):
        directory = Path(temporary)
        snapshot = not connection.in_atomic_block  # inside a caller's transaction (a test), that one's view
        with transaction.atomic():
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            version = _new_version(created)
            counts, files = _write_release(directory, version=version, created=created, snapshot=snapshot)
        for file in files:
            with open(directory / file["name"], "rb") as content:
                name = stored_name(version, file["name"])
                if storage.exists(name):
                    storage.delete(name)
                storage.save(name, File(content))
    licence = data_license()
    release = Release.objects.create(
        version=version,
        created_at=created,
        counts=counts,
        files=files,
        licence_name=licence.name,
        licence_url=licence.url,
        seconds=round(time.monotonic() - started, 3),
    )
    release_prune(keep=settings.RELEASE_RETENTION)
    return release


def release_prune(*, keep: int) -> list[str]:
    """Delete every release but the ``keep`` newest, files and record: the versions deleted."""
    storage = release_storage()
    deleted = []
    for release in Release.objects.newest_first()[max(keep, 1) :]:
        for file in release.files:
            storage.delete(stored_name(release.version, file["name"]))
        deleted.append(release.version)
        release.delete()
    return deleted
