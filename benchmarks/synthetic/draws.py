"""The draws every kind of synthetic record makes: a weighted value, its drafts, a unique name."""

import random

from benchmarks.synthetic.vocabulary import DRAFT_SHARES


def weighted(rng: random.Random, pairs):
    """One value of (value, weight) pairs."""
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def drafts(rng: random.Random, count: int, kind: str) -> set[int]:
    """Which of ``count`` records are drafts: exactly the kind's share, at least one, spread at random."""
    if not count:
        return set()
    return set(rng.sample(range(count), max(1, round(count * DRAFT_SHARES[kind]))))


def unique_names(rng: random.Random, prefixes, sectors, suffixes, used: set[str]) -> tuple[str, str]:
    """A bilingual name not used yet; after a few draws a number makes it unique."""
    for _ in range(8):
        prefix, sector, suffix = rng.choice(prefixes), rng.choice(sectors), rng.choice(suffixes)
        name_en = f"{prefix[0]} {sector[0]} {suffix[0]}"
        if name_en not in used:
            used.add(name_en)
            return name_en, f"{prefix[1]}{sector[1]}{suffix[1]}"
    number = len(used) + 1
    used.add(f"{name_en} {number}")
    return f"{name_en} {number}", f"{prefix[1]}{sector[1]}{suffix[1]}{number}"
