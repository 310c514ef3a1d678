"""A synthetic registry at scale: projects, partners, places, sources and news for load tests.

Deterministic: the same seed and sizes on the same database give the same rows (identifiers,
slugs, titles, amounts, dates, links), whatever day it runs. Every value comes from
``random.Random`` streams seeded with the seed and the kind of record, and timestamps count
back from ``BASE_TIME``, never from the clock; only the database ids differ between runs.

Rows go in with PostgreSQL ``COPY`` (about a million rows at full size), so no model ``save``
runs: no history rows, no ``auto_now``. Every record made here carries a marker (a slug such as
``synthetic-project-000001``, a source document ``synthetic:source-000001``), and
``synthetic_registry_clear`` deletes by those markers only, so demo data and staff records stay.

The fixed stamps have a price: partners' ``updated_since`` syncs see synthetic rows neither come
(their ``updated_at`` is in the past) nor go (deleting leaves no history). They are for load
tests and demos of scale, not for a registry that partners mirror.

The modules, in the order a run uses them: ``vocabulary`` (the words and weights, as data in
``vocabulary.toml``), ``dates`` and ``draws`` (the random draws), ``registry`` (one run's state),
``places``, ``organizations``, ``sources``, ``identifiers``, ``projects`` and ``articles`` (the rows
of each kind), ``copying`` (COPY), ``generate``; ``markers``, ``counts`` and ``clear`` for what is
there and its removal.
"""

from benchmarks.synthetic.clear import synthetic_registry_clear
from benchmarks.synthetic.counts import synthetic_project_capacity, synthetic_registry_counts
from benchmarks.synthetic.dates import BASE_DATE, BASE_TIME
from benchmarks.synthetic.errors import SyntheticRegistryError
from benchmarks.synthetic.generate import synthetic_registry_generate

__all__ = [
    "BASE_DATE",
    "BASE_TIME",
    "SyntheticRegistryError",
    "synthetic_project_capacity",
    "synthetic_registry_clear",
    "synthetic_registry_counts",
    "synthetic_registry_generate",
]
