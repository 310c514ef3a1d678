"""``manage.py generate_synthetic``: a deterministic synthetic registry at any size, and its removal."""

import re
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from benchmarks.synthetic import BASE_DATE, synthetic_registry_counts
from news.models import Article
from projects.choices import Currency, ProjectStatus
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)
from tests.factories import make_project, make_zone

pytestmark = pytest.mark.django_db

SMALL = ("--projects", "300", "--articles", "100", "--organizations", "50")


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_synthetic", *args, stdout=out)
    return out.getvalue()


def synthetic_projects():
    return Project.objects.filter(slug__startswith="synthetic-")


def report(output: str) -> dict[str, int]:
    """The counts a run printed, by label."""
    return {label: int(count.replace(",", "")) for label, count in re.findall(r"^  (\S.*?)  +([\d,]+)$", output, re.M)}


def registry_snapshot() -> dict[str, list]:
    """Every row of every table the generator or --clear touches, histories included."""
    models = [Source, District, Zone, Organization, Project, ProjectParticipant, Milestone, ReportedFigure, Article]
    models += [FocusArea, Scheme]
    models += [field.remote_field.through for model in models for field in model._meta.local_many_to_many]
    models += [model.history.model for model in models if hasattr(model, "history")]
    return {model._meta.db_table: list(model.objects.order_by("pk").values()) for model in models}


def fingerprint() -> dict[str, list]:
    """What a reader sees of the synthetic registry, without database ids."""
    return {
        "projects": list(
            synthetic_projects()
            .order_by("slug")
            .values_list(
                "slug",
                "public_id",
                "title_en",
                "title_zh",
                "status",
                "signed_date",
                "contract_amount",
                "currency",
                "contract_amount_usd",
                "zone__slug",
                "district__slug",
                "is_published",
                "created_at",
                "updated_at",
            )
        ),
        "participants": list(
            ProjectParticipant.objects.filter(project__in=synthetic_projects())
            .order_by("project__slug", "position")
            .values_list("project__slug", "organization__slug", "role", "position")
        ),
        "articles": list(
            Article.objects.filter(slug__startswith="synthetic-")
            .order_by("slug", "projects__slug")
            .values_list("slug", "title_en", "title_zh", "published_on", "projects__slug")
        ),
        "organizations": list(
            Organization.objects.filter(slug__startswith="synthetic-")
            .order_by("slug")
            .values_list("slug", "name_en", "name_zh", "country", "kind")
        ),
    }


# Generating


def test_generate_makes_the_records_asked_for_and_reports_them():
    output = generate(*SMALL, "--seed", "1")

    assert re.match(r"Generated a synthetic registry \(seed 1\) in \d+\.\d s\.\n", output)
    assert report(output) == {
        "districts": 30,
        "zones": 60,
        "organizations": 50,
        "sources": 30,
        "projects": 300,
        "participants": 918,
        "milestones": 549,
        "project focus areas": 63,
        "project sources": 340,
        "articles": 100,
        "article projects": 146,
        "article focus areas": 115,
        "article organizations": 134,
    }
    assert synthetic_registry_counts() == {
        "districts": 30,
        "zones": 60,
        "organizations": 50,
        "sources": 30,
        "projects": 300,
        "articles": 100,
    }
    assert ProjectParticipant.objects.count() == 918
    assert Milestone.objects.count() == 549
    assert Project.other_focus_areas.through.objects.count() == 63
    assert Project.sources.through.objects.count() == 340
    assert Article.projects.through.objects.count() == 146
    assert Article.focus_areas.through.objects.count() == 115
    assert Article.organizations.through.objects.count() == 134


def test_the_same_seed_makes_the_same_registry_and_another_seed_another():
    generate(*SMALL, "--seed", "7")
    first = fingerprint()

    generate("--clear", *SMALL, "--seed", "7")
    assert fingerprint() == first

    generate("--clear", *SMALL, "--seed", "8")
    other = fingerprint()
    assert other["projects"] != first["projects"]
    assert [row[2] for row in other["projects"]] != [row[2] for row in first["projects"]]
    assert other["participants"] != first["participants"]
    assert other["articles"] != first["articles"]


def test_every_focus_area_scheme_status_currency_zone_and_district_is_used():
    call_command("load_demo", stdout=StringIO())
    generate(*SMALL)

    projects = synthetic_projects()
    assert set(projects.values_list("focus_area__code", flat=True)) - {None} == set(
        FocusArea.objects.values_list("code", flat=True)
    )
    assert set(projects.values_list("scheme__code", flat=True)) - {None} == set(
        Scheme.objects.values_list("code", flat=True)
    )
    assert set(projects.values_list("status", flat=True)) == set(ProjectStatus.values)
    assert set(projects.values_list("currency", flat=True)) == {*Currency.values, ""}
    # The demo's 9 zones and 7 districts as well as the synthetic 60 and 30.
    assert set(projects.values_list("zone", flat=True)) - {None} == set(Zone.objects.values_list("pk", flat=True))
    assert set(projects.values_list("district", flat=True)) - {None} == set(
        District.objects.values_list("pk", flat=True)
    )
    assert Zone.objects.count() == 69
    assert District.objects.count() == 37


def test_projects_have_one_to_six_partners_mostly_from_china_and_singapore():
    generate(*SMALL)

    per_project = Counter(
        synthetic_projects().annotate(partners=Count("participations")).values_list("partners", flat=True)
    )
    assert per_project == {1: 36, 2: 90, 3: 74, 4: 45, 5: 30, 6: 25}
    countries = Counter(Organization.objects.filter(slug__startswith="synthetic-").values_list("country", flat=True))
    assert countries == {"CN": 27, "SG": 16, "ID": 2, "HK": 2, "DE": 1, "VN": 1, "GB": 1}
    # The first partner is Chinese and the second Singaporean nine times in ten.
    first_two = Counter(
        ProjectParticipant.objects.filter(position__lt=2).values_list("position", "organization__country")
    )
    assert first_two[(0, "CN")] > 200
    assert first_two[(1, "SG")] > 200
    roles = set(ProjectParticipant.objects.values_list("role", flat=True))
    assert roles == {"funding", "accountable", "extending", "implementing", "investor", "operator"}


def test_every_record_passes_the_rules_the_admin_import_and_api_apply():
    generate(*SMALL)

    # full_clean runs Project.clean: the US-dollar amount within 1% of amount x rate, no signing
    # in the future, no operation before signing; and every field's choices and validators.
    for model in (Project, Organization, Zone, District, Source, Article, ProjectParticipant, Milestone):
        for record in model.objects.all():
            record.full_clean(validate_unique=False, validate_constraints=False)
    projects = synthetic_projects()
    public_ids = list(projects.values_list("public_id", flat=True))
    assert all(re.fullmatch(r"CCI-20(1[5-9]|2[0-6])-\d{4}", public_id) for public_id in public_ids)
    assert projects.filter(signed_date__gt=BASE_DATE).count() == 0
    assert projects.filter(signed_date__lt=date(2015, 11, 1)).count() == 0
    assert projects.filter(signed_date__isnull=True).count() == 20
    assert projects.filter(signed_date__isnull=True).exclude(public_id__startswith="CCI-2026-").count() == 0
    assert projects.filter(contract_amount__isnull=True).count() == 43
    assert projects.exclude(currency="USD").filter(contract_amount__isnull=False, usd_rate__isnull=True).count() == 0
    assert projects.filter(usd_rate__isnull=False, usd_rate_date__isnull=True).count() == 0


def test_about_two_percent_of_projects_and_a_few_other_records_are_drafts():
    generate(*SMALL)

    assert synthetic_projects().filter(is_published=False).count() == 6
    assert Organization.objects.filter(is_published=False).count() == 1
    assert Article.objects.filter(is_published=False).count() == 1
    assert Zone.objects.filter(is_published=False).count() == 2


def test_english_and_chinese_searches_find_many_projects():
    generate(*SMALL)

    projects = synthetic_projects()
    assert projects.filter(search_vector="logistics").count() == 58
    assert projects.filter(search_vector="chongqing").count() == 299
    assert projects.filter(title_zh__contains="物流").count() == 48
    assert projects.filter(title_zh__contains="重庆").count() == 51
    assert Article.objects.filter(search_vector="logistics").count() == 31


# Identifiers


def test_identifiers_continue_after_the_largest_of_each_year():
    call_command("load_demo", stdout=StringIO())  # CCI-2026-0001 to CCI-2026-0022
    make_project(public_id="CCI-2019-0500", signed_date=date(2019, 3, 1))
    make_project(public_id="CCI-2024-9998", signed_date=date(2024, 3, 1))

    generate(*SMALL)

    by_year: dict[str, list[int]] = {}
    for public_id in synthetic_projects().order_by("public_id").values_list("public_id", flat=True):
        _cci, year, sequence = public_id.split("-")
        by_year.setdefault(year, []).append(int(sequence))
    assert by_year["2026"][0] == 23
    assert by_year["2019"][0] == 501
    # A year with room for one more identifier gets one; the others take its share.
    assert by_year["2024"] == [9999]
    for year, sequences in by_year.items():
        assert sequences == list(range(sequences[0], sequences[0] + len(sequences))), year
    # Within a year, identifiers follow the signing dates; projects not signed yet come last.
    in_2026 = list(synthetic_projects().filter(public_id__startswith="CCI-2026-").order_by("public_id"))
    signed = [project.signed_date for project in in_2026 if project.signed_date]
    assert signed == sorted(signed)
    assert [project.signed_date is None for project in in_2026] == sorted(
        project.signed_date is None for project in in_2026
    )


def test_a_request_beyond_the_identifiers_left_fails_and_writes_nothing():
    make_project(public_id="CCI-2020-9990", signed_date=date(2020, 3, 1))

    with pytest.raises(CommandError) as error:
        generate("--projects", "110000", "--organizations", "1")

    assert str(error.value) == (
        "Cannot make 110,000 projects: identifiers CCI-YYYY-NNNN allow 9,999 a year, "
        "and 2015 to 2026 have room for 109,998 more."
    )
    assert synthetic_registry_counts() == dict.fromkeys(
        ("districts", "zones", "organizations", "sources", "projects", "articles"), 0
    )


# Clearing


def test_clear_removes_every_synthetic_row_and_leaves_the_demo_data_as_it_was():
    call_command("load_demo", stdout=StringIO())
    before = registry_snapshot()
    generate(*SMALL)
    assert registry_snapshot() != before
    synthetic_participants = ProjectParticipant.objects.filter(project__slug__startswith="synthetic-").count()

    output = generate("--clear")

    assert re.match(r"Cleared the synthetic registry in \d+\.\d s\.\n", output)
    assert report(output)["projects"] == 300
    assert report(output)["participants"] == synthetic_participants
    assert registry_snapshot() == before


def test_generating_again_refuses_until_cleared():
    generate(*SMALL)

    with pytest.raises(CommandError) as error:
        generate(*SMALL)

    assert str(error.value) == (
        "Synthetic records exist already (30 districts, 60 zones, 50 organizations, 30 sources, 300 projects, "
        "100 articles); clear them first (--clear)."
    )
    output = generate("--clear", *SMALL)
    assert output.startswith("Cleared the synthetic registry in ")
    assert "Generated a synthetic registry (seed 1) in " in output
    assert synthetic_registry_counts()["projects"] == 300


def test_clear_refuses_while_a_staff_record_refers_to_a_synthetic_one():
    generate(*SMALL)
    synthetic_zone = Zone.objects.get(slug="synthetic-zone-001")
    staff_project = make_project(slug="staff-project", zone=synthetic_zone)

    with pytest.raises(CommandError) as error:
        generate("--clear")

    assert str(error.value) == (
        "Not cleared: records that are not synthetic refer to synthetic ones (projects in a synthetic zone: 1). "
        "Change them first."
    )
    assert synthetic_registry_counts()["projects"] == 300
    staff_project.zone = make_zone()
    staff_project.save()
    generate("--clear")
    assert synthetic_registry_counts()["projects"] == 0
    assert Project.objects.get() == staff_project


def test_links_staff_made_to_synthetic_records_go_with_them():
    call_command("load_demo", stdout=StringIO())
    generate(*SMALL)
    demo_article = Article.objects.exclude(slug__startswith="synthetic-").first()
    demo_article.projects.add(synthetic_projects().first())

    generate("--clear")

    assert demo_article.projects.filter(slug__startswith="synthetic-").count() == 0
    assert Article.objects.filter(pk=demo_article.pk).exists()


# Arguments


def test_nothing_to_do_and_projects_without_partners_are_refused():
    with pytest.raises(CommandError) as error:
        generate()
    assert str(error.value) == "Nothing to do: give --projects, --articles or --organizations, or --clear."

    with pytest.raises(CommandError) as error:
        generate("--projects", "10")
    assert str(error.value) == "Projects need partners: give --organizations (at least 1)."


def test_clear_alone_on_a_registry_without_synthetic_records_deletes_nothing():
    call_command("load_demo", stdout=StringIO())

    output = generate("--clear")

    assert set(report(output).values()) == {0}
    assert Project.objects.count() == 22


def test_more_articles_leave_the_projects_and_partners_as_they_were():
    generate(*SMALL)
    first = fingerprint()

    generate("--clear", "--projects", "300", "--articles", "10", "--organizations", "50")

    assert fingerprint()["projects"] == first["projects"]
    assert fingerprint()["participants"] == first["participants"]
    assert len(fingerprint()["articles"]) < len(first["articles"])


def test_generating_outside_a_transaction_vacuums_so_index_only_scans_can_skip_the_heap(reference_vocabularies):
    from django.db import connection

    # Committed (reference_vocabularies: a transactional test with the focus areas and schemes).
    generate(*SMALL)

    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible > 0 FROM pg_class WHERE relname = %s", [Project._meta.db_table])
        all_visible_pages = cursor.fetchone()[0]
    generate("--clear")

    assert all_visible_pages is True
