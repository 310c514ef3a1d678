"""A partner's path through a bulk release: publish it, check the checksums, validate the data
package with frictionless, read every CSV with pandas and every Parquet file with pyarrow by the
declared types, and re-import the files with a dry run that changes nothing."""

import hashlib
import json
from io import StringIO

import frictionless
import pandas
import psycopg2
import pyarrow.parquet as pq
import pytest
import tablib
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cci_portal.models import Release
from cci_portal.releases.services import _PUBLISHING_LOCK, publish_release
from news.models import Article
from news.resources import ArticleResource
from projects.choices import ProjectStatus
from projects.models import Organization, Project, ProjectParticipant
from projects.resources import (
    DistrictResource,
    MilestoneResource,
    OrganizationResource,
    ProjectResource,
    ReportedFigureResource,
    SourceResource,
    ZoneResource,
)
from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db

IMPORTABLE = {
    "projects": ProjectResource,
    "milestones": MilestoneResource,
    "sources": SourceResource,
    "organizations": OrganizationResource,
    "zones": ZoneResource,
    "districts": DistrictResource,
    "reported-figures": ReportedFigureResource,
    "articles": ArticleResource,
}
ARROW_TYPES = {"string": "string", "integer": "int64", "date": "date32[day]", "boolean": "bool"}
PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "string", "date": "string", "boolean": "boolean"}


@pytest.fixture
def storage(release_storage):
    return release_storage


@pytest.fixture
def release(storage):
    call_command("load_demo", stdout=StringIO())
    return publish_release()


def test_the_release_holds_every_published_record_and_no_draft(storage):
    call_command("load_demo", stdout=StringIO())
    draft = make_organization(slug="draft-partner", name_en="Draft partner", is_published=False)
    project = Project.objects.get(public_id="CCI-2026-0001")
    ProjectParticipant.objects.create(project=project, organization=draft, role="funding", position=9)
    make_project(slug="draft-project", title_en="Draft project", is_published=False)
    release = publish_release()
    directory = storage / release.version
    assert release.counts == {
        "projects": Project.objects.published().count(),
        "participants": ProjectParticipant.objects.filter(
            project__is_published=True, organization__is_published=True
        ).count(),
        "milestones": 4,
        "sources": 5,
        "organizations": Organization.objects.published().count(),
        "zones": 9,
        "districts": 7,
        "reported-figures": 8,
        "articles": Article.objects.published().count(),
    }
    projects = pandas.read_csv(directory / "projects.csv", encoding="utf-8-sig", dtype="string")
    assert "Draft project" not in set(projects["title_en"])
    raffles = projects.set_index("public_id").loc["CCI-2026-0001"]
    assert "draft-partner" not in raffles["participants"]
    participants = pandas.read_csv(directory / "participants.csv", encoding="utf-8-sig", dtype="string")
    assert "draft-partner" not in set(participants["organization"])
    assert (directory / "projects.csv").read_bytes().startswith(b"\xef\xbb\xbfpublic_id,")


def test_every_file_matches_its_checksum_and_the_package_validates(release, storage):
    directory = storage / release.version
    listed = dict(reversed(line.split("  ")) for line in (directory / "SHA256SUMS").read_text().splitlines())
    assert sorted(listed) == sorted(file["name"] for file in release.files if file["name"] != "SHA256SUMS")
    for name, digest in listed.items():
        assert hashlib.sha256((directory / name).read_bytes()).hexdigest() == digest, name

    report = frictionless.validate(str(directory / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((directory / "datapackage.json").read_text())
    licence = "https://creativecommons.org/licenses/by/4.0/"
    assert descriptor["licenses"] == [{"name": "CC BY 4.0", "path": licence, "title": "CC BY 4.0"}]
    fields = {field["name"]: field for field in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["status"]["constraints"]["enum"] == [str(value) for value in ProjectStatus.values]
    assert fields["status"]["title_zh"] == "状态"
    assert fields["contract_amount"]["type"] == "number"
    assert fields["signed_date"]["type"] == "date"


def test_pandas_and_pyarrow_read_every_table_by_its_declared_types(release, storage):
    directory = storage / release.version
    descriptor = json.loads((directory / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        frame = pandas.read_csv(
            directory / resource["path"],
            encoding="utf-8-sig",
            dtype={field["name"]: PANDAS_TYPES[field["type"]] for field in fields},
            true_values=["1"],
            false_values=["0"],
            keep_default_na=False,
            na_values=[""],
        )
        assert list(frame.columns) == [field["name"] for field in fields]
        assert len(frame) == release.counts[resource["name"]]
        table = pq.read_table(directory / f"{resource['name']}.parquet")
        assert table.num_rows == release.counts[resource["name"]]
        for field in fields:
            arrow = str(table.schema.field(field["name"]).type)
            assert arrow.startswith("decimal128") if field["type"] == "number" else arrow == ARROW_TYPES[field["type"]]
    projects = pq.read_table(directory / "projects.parquet").to_pylist()
    raffles = next(row for row in projects if row["public_id"] == "CCI-2026-0001")
    assert raffles["contract_amount"] == Project.objects.get(public_id="CCI-2026-0001").contract_amount
    lines = (directory / "projects.jsonl").read_text().splitlines()
    assert len(lines) == release.counts["projects"]


def test_every_export_reimports_with_no_change(release, storage, publisher):
    # Every importable table, as CSV and as XLSX, in one test: each case needs the same release.
    totals = {}
    for table, extension in ((table, extension) for table in sorted(IMPORTABLE) for extension in ("csv", "xlsx")):
        path = storage / release.version / f"{table}.{extension}"
        if extension == "csv":
            dataset = tablib.Dataset().load(path.read_text(encoding="utf-8-sig"), format="csv")
        else:
            dataset = tablib.Dataset().load(path.read_bytes(), format="xlsx")
        result = IMPORTABLE[table]().import_data(dataset, dry_run=True, user=publisher)
        assert not result.has_errors() and not result.has_validation_errors(), (table, extension)
        totals[f"{table}.{extension}"] = {kind: result.totals[kind] for kind in ("new", "update", "delete", "skip")}

    assert totals == {
        f"{table}.{extension}": {"new": 0, "update": 0, "delete": 0, "skip": release.counts[table]}
        for table in sorted(IMPORTABLE)
        for extension in ("csv", "xlsx")
    }
    assert all(release.counts[table] > 0 for table in IMPORTABLE)


def test_releases_are_listed_served_and_kept_by_retention(client, release, storage, settings):
    api = client.get("/api/v1/releases/").json()
    assert [item["version"] for item in api] == [release.version]
    projects_csv = next(file for file in api[0]["files"] if file["name"] == "projects.csv")
    assert projects_csv["url"] == f"http://testserver/data/releases/{release.version}/projects.csv"

    download = client.get(projects_csv["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == (storage / release.version / "projects.csv").read_bytes()
    assert download["ETag"] == f'"{projects_csv["sha256"]}"'
    assert (
        client.get("/data/releases/latest/projects.csv")["Location"]
        == f"/data/releases/{release.version}/projects.csv"
    )
    assert client.get(f"/data/releases/{release.version}/nothing.csv").status_code == 404
    assert client.get("/api/v1/releases/1999-01-01/").status_code == 404
    assert client.get("/api/v1/releases/latest/").json()["version"] == release.version
    page = client.get("/data/releases/").content.decode()
    assert f'href="/data/releases/{release.version}/SHA256SUMS"' in page

    settings.RELEASE_RETENTION = 2
    second, third = publish_release(), publish_release()
    assert [item.version for item in Release.objects.newest_first()] == [third.version, second.version]
    assert not (storage / release.version / "projects.csv").exists()
    assert (second.version, third.version) == (f"{release.version}-2", f"{release.version}-3")


def test_the_data_page_dictionary_is_the_datapackage(client, release):
    page = client.get("/data/").content.decode()
    chinese = client.get("/zh-hans/data/").content.decode()
    for name in ProjectResource().get_export_headers():
        assert f"<code>{name}</code>" in page
    assert "Title (English)" in page
    assert "标题（英文）" in chinese


def test_a_mirror_revalidates_releases_and_their_files_cheaply(client, release, django_assert_num_queries):
    listed = client.get("/api/v1/releases/")
    file = f"/data/releases/{release.version}/projects.csv"
    sha256 = next(item["sha256"] for item in listed.json()[0]["files"] if item["name"] == "projects.csv")

    with django_assert_num_queries(1):
        assert client.get("/api/v1/releases/", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 304
    assert client.get(file, HTTP_IF_NONE_MATCH=f'"{sha256}"').status_code == 304
    # A new release moves the list's validators; a kept file's stay, since it never changes.
    publish_release()
    assert client.get("/api/v1/releases/", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 200
    assert client.get(file, HTTP_IF_NONE_MATCH=f'"{sha256}"').status_code == 304


def test_an_unknown_release_is_a_404_that_says_so(client, storage):
    publish_release()  # of an empty registry: no need of the demo data here

    response = client.get("/api/v1/releases/1999-01-01/")

    assert response.status_code == 404
    assert response.json()["detail"] == "No release has the version “1999-01-01”."


def test_a_second_release_while_one_is_being_published_stops_with_a_message(storage):
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with other.cursor() as cursor:  # another publishing, in another process
            cursor.execute("SELECT pg_advisory_lock(%s)", [_PUBLISHING_LOCK])
        with pytest.raises(CommandError) as refused:
            call_command("publish_release", stdout=StringIO())
        assert str(refused.value) == "Another release is being published: try again once it has finished."
        assert Release.objects.count() == 0 and list(storage.iterdir()) == []
        with other.cursor() as cursor:  # the other finishes: unlocked now, not whenever its session ends
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_PUBLISHING_LOCK])
    finally:
        other.close()
    # Once the other has finished, a release goes through.
    call_command("publish_release", stdout=StringIO())
    assert Release.objects.count() == 1
