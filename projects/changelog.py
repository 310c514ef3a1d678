"""A project's public change log: the dated changes to its published facts (status, amount,
signing and operation dates, partners), read from the history tables.

The day a project is first published, or published again, the log says so, without the partners
added that day: it is published with them.

Only what the public saw goes in: the versions of the project while it was published, each
compared with the published version before it, so a value held only while the project was a
draft never shows; partners added or removed while the project was published, and only
partners published now. Staff names and the reasons staff gave are never read. Two queries,
however long the history, and however many projects (:func:`change_logs`, the search feeds).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.choices import ParticipantRole, ProjectStatus
from projects.models import Organization, Project, ProjectParticipant

# The published facts the log follows, in the order a day's changes list them.
TRACKED = {
    "status": _("Status"),
    "contract_amount": _("Contract amount"),
    "signed_date": _("Signing date"),
    "operation_start_date": _("Operation start"),
}
_COLUMNS = (
    "history_date",
    "is_published",
    *TRACKED,
    "currency",
    "signed_date_precision",
    "operation_start_date_precision",
)


@dataclass(frozen=True)
class Change:
    """One change of a day: what (``kind``: a tracked field, ``partner_added``, ``partner_removed``,
    ``published``, ``withdrawn``), and the values before and after, as the template shows them."""

    kind: str
    label: str = ""
    before: object = None
    after: object = None
    currency_before: str = ""
    currency_after: str = ""
    precision_before: str = ""
    precision_after: str = ""


@dataclass
class ChangeDay:
    """The changes of one day, newest day first in the log."""

    day: date
    at: datetime
    changes: list[Change] = field(default_factory=list)


def _value_change(name: str, before: dict, after: dict) -> Change | None:
    if name == "contract_amount":
        if (before["contract_amount"], before["currency"]) == (after["contract_amount"], after["currency"]):
            return None
        return Change(
            name,
            TRACKED[name],
            before["contract_amount"],
            after["contract_amount"],
            currency_before=before["currency"],
            currency_after=after["currency"],
        )
    if name in ("signed_date", "operation_start_date"):
        precision = f"{name}_precision"
        if (before[name], before[precision]) == (after[name], after[precision]):
            return None
        return Change(
            name,
            TRACKED[name],
            before[name],
            after[name],
            precision_before=before[precision],
            precision_after=after[precision],
        )
    if before[name] == after[name]:
        return None
    if name == "status":
        return Change(name, TRACKED[name], ProjectStatus(before[name]).label, ProjectStatus(after[name]).label)
    return Change(name, TRACKED[name], before[name], after[name])


def _published_periods(versions: list[dict]) -> list[tuple[datetime, datetime | None]]:
    """When the project was published: (from, until) pairs, until ``None`` for now."""
    periods, start = [], None
    for version in versions:
        if version["is_published"] and start is None:
            start = version["history_date"]
        elif not version["is_published"] and start is not None:
            periods.append((start, version["history_date"]))
            start = None
    if start is not None:
        periods.append((start, None))
    return periods


def _during(moment: datetime, periods) -> bool:
    return any(start <= moment and (until is None or moment < until) for start, until in periods)


def project_change_log(project: Project) -> list[ChangeDay]:
    """The dated changes to ``project``'s published facts, newest day first."""
    return change_logs([project.pk])[project.pk]


def change_logs(project_ids) -> dict[int, list[ChangeDay]]:
    """The change log of each of ``project_ids`` (newest day first), in two queries for them all."""
    versions_of: dict[int, list[dict]] = defaultdict(list)
    rows = Project.history.filter(id__in=project_ids).order_by("id", "history_date", "history_id")
    for version in rows.values("id", *_COLUMNS):
        versions_of[version["id"]].append(version)
    periods = {pk: found for pk, versions in versions_of.items() if (found := _published_periods(versions))}
    partners = _partner_changes(periods)
    return {pk: _change_log(versions_of[pk], partners[pk]) for pk in project_ids}


def _change_log(versions: list[dict], partners: list[tuple[datetime, Change]]) -> list[ChangeDay]:
    """One project's log from its versions, oldest first, and its partner changes."""
    dated: list[tuple[datetime, Change]] = []
    last_public = None  # the published version the public last saw
    public_now = False
    for version in versions:
        at = version["history_date"]
        if version["is_published"]:
            if last_public is None:
                dated.append((at, Change("published")))
            else:
                if not public_now:
                    dated.append((at, Change("republished")))
                dated += [(at, change) for name in TRACKED if (change := _value_change(name, last_public, version))]
            last_public, public_now = version, True
        elif public_now:
            dated.append((at, Change("withdrawn")))
            public_now = False
    # The day a project is (re)published, it is listed as published with the partners it has then.
    publication_days = {_day(at) for at, change in dated if change.kind in ("published", "republished")}
    dated += [(at, change) for at, change in partners if _day(at) not in publication_days]
    return _by_day(dated)


def _day(at: datetime) -> date:
    return timezone.localtime(at).date()


def _partner_changes(periods: dict) -> dict[int, list[tuple[datetime, Change]]]:
    """For each project of ``periods`` (its published periods), the partners added or removed while
    it was published; partners published now only."""
    changes = defaultdict(list)
    if not periods:
        return changes
    rows = (
        ProjectParticipant.history.filter(
            project_id__in=list(periods),
            history_type__in=["+", "-"],
            organization__in=Organization.objects.published(),
            history_date__gt=min(spans[0][0] for spans in periods.values()),
        )
        .order_by("history_date", "history_id")
        .values("project_id", "history_date", "history_type", "role", "organization__name_en", "organization__name_zh")
    )
    for row in rows:
        if not _during(row["history_date"], periods[row["project_id"]]):
            continue
        kind = "partner_added" if row["history_type"] == "+" else "partner_removed"
        organization = Organization(name_en=row["organization__name_en"], name_zh=row["organization__name_zh"])
        change = Change(kind, organization.name, ParticipantRole(row["role"]).label)
        changes[row["project_id"]].append((row["history_date"], change))
    return changes


def _by_day(dated: list[tuple[datetime, Change]]) -> list[ChangeDay]:
    days: dict[date, ChangeDay] = {}
    for at, change in sorted(dated, key=lambda item: item[0]):
        day = _day(at)
        entry = days.setdefault(day, ChangeDay(day, at))
        entry.at = at
        entry.changes.append(change)
    return sorted(days.values(), key=lambda entry: entry.day, reverse=True)
