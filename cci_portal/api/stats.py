"""Counts and US-dollar totals of the published registry, by the documented counting rule."""

from decimal import Decimal

from django.db.models import QuerySet

from projects.stats import UNKNOWN_YEAR, registry_stats

COUNTING_RULE = (
    "Published projects only. Cancelled projects are left out of every count and total, except the "
    "'cancelled' row of by_status, which shows how many were left out. amount_usd adds up "
    "contract_amount_usd; a project without a US-dollar amount counts as a project but adds nothing "
    "(projects_with_amount says how many have one). A project counts once towards each focus area "
    "it names, primary or further, and once towards each country among its published participants, "
    "so those rows overlap and add up to more than the total. Projects without a scheme or "
    "participants are left out of those breakdowns; projects without a signing date form the "
    "by_signing_year row whose year is null."
)

ZERO = Decimal("0.00")


def _money(value) -> str:
    return f"{(value or ZERO).quantize(ZERO)}"


def stats_document(projects: QuerySet | None, *, version: str | None = None) -> dict:
    """The API's JSON of :func:`projects.stats.registry_stats`; see :data:`COUNTING_RULE`."""
    stats = registry_stats(projects, version=version)
    totals = stats["totals"]
    completeness = stats["completeness"]

    def vocabulary(rows):
        return [
            {
                "code": row.key,
                "name_en": row.name_en,
                "name_zh": row.name_zh,
                "projects": row.project_count,
                "amount_usd": _money(row.amount_usd),
            }
            for row in rows
        ]

    return {
        "counting_rule": COUNTING_RULE,
        "currency": "USD",
        "totals": {
            "projects": totals["project_count"],
            "projects_with_amount": totals["projects_with_amount"],
            "amount_usd": _money(totals["amount_usd"]),
        },
        "by_focus_area": vocabulary(stats["by_focus_area"]),
        "by_scheme": vocabulary(stats["by_scheme"]),
        "by_signing_year": [
            {
                "year": None if row.key == UNKNOWN_YEAR else int(row.key),
                "projects": row.project_count,
                "amount_usd": _money(row.amount_usd),
            }
            for row in stats["by_signing_year"]
        ],
        "by_partner_country": [
            {"country": row.key, "projects": row.project_count, "amount_usd": _money(row.amount_usd)}
            for row in stats["by_partner_country"]
        ],
        "by_status": [
            {
                "status": row.key,
                "projects": row.project_count,
                "amount_usd": _money(row.amount_usd),
                "counted": row.counted,
            }
            for row in stats["by_status"]
        ],
        "completeness": {
            "projects": completeness["total"],
            "mean": completeness["completeness"],
            "facts": [{"fact": tally.fact.key, "projects": tally.held} for tally in completeness["facts"]],
        },
    }
