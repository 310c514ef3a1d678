"""The calendar of the synthetic registry, and the days and moments drawn within it.

Timestamps count back from ``BASE_TIME``, never from the clock, so a run gives the same rows
whatever day it runs.
"""

import random
from datetime import UTC, date, datetime, timedelta

from projects.models.base import LAUNCH_DATE

# The day the synthetic registry describes: nothing is signed, published or updated after it.
BASE_DATE = date(2026, 11, 30)
BASE_TIME = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # noon in Chongqing
YEARS = range(LAUNCH_DATE.year, BASE_DATE.year + 1)
MAX_SEQUENCE = 9999  # CCI-YYYY-NNNN: four digits a year


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def moment_after(rng: random.Random, day: date) -> datetime:
    """A time on ``day`` or within a few weeks after it, never after ``BASE_TIME``."""
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 45 * 86400))
    return min(moment, BASE_TIME)


def updated_after(rng: random.Random, created: datetime) -> datetime:
    """Most records were edited after they were made; about a third never were."""
    if rng.random() < 0.3:
        return created
    return created + (BASE_TIME - created) * rng.random()
