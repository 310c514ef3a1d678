"""Districts and zones: the existing ones and synthetic ones, all used by projects."""

from datetime import date

from benchmarks.synthetic.dates import day_between, moment_after, updated_after
from benchmarks.synthetic.draws import drafts, unique_names
from benchmarks.synthetic.markers import SLUG_PATTERNS
from benchmarks.synthetic.registry import SyntheticRegistry
from benchmarks.synthetic.vocabulary import DISTRICT_NAMES, PLACES, THEME_SENTENCES, THEMES, ZONE_KIND_NAMES
from projects.choices import ZoneKind
from projects.models import District, Zone

SYNTHETIC_DISTRICTS = 30
SYNTHETIC_ZONES = 60


def build_places(registry: SyntheticRegistry) -> None:
    rng = registry.rng("places")
    existing = list(
        District.objects.exclude(slug__regex=SLUG_PATTERNS[District]).order_by("slug").values_list("id", flat=True)
    )
    ids = registry.reserve_ids(District, SYNTHETIC_DISTRICTS)
    rows = [
        (district_id, f"synthetic-district-{number:03d}", name_en, name_zh, latitude, longitude)
        for number, (district_id, (name_en, name_zh, latitude, longitude)) in enumerate(
            zip(ids, DISTRICT_NAMES, strict=True), start=1
        )
    ]
    columns = ("id", "slug", "name_en", "name_zh", "latitude", "longitude")
    registry.write("districts", District._meta.db_table, columns, rows)
    registry.district_ids = existing + ids
    position_of_district = {district_id: position for position, district_id in enumerate(registry.district_ids)}

    existing_zones = list(
        Zone.objects.exclude(slug__regex=SLUG_PATTERNS[Zone]).order_by("slug").values_list("id", "district_id")
    )
    registry.zone_districts = [position_of_district.get(district_id) for _zone_id, district_id in existing_zones]
    ids = registry.reserve_ids(Zone, SYNTHETIC_ZONES)
    zone_drafts = drafts(rng, len(ids), "zones")
    kinds = list(ZoneKind)
    used: set[str] = set()
    rows = []
    for number, zone_id in enumerate(ids, start=1):
        kind = kinds[(number - 1) % len(kinds)]
        focus = rng.choice([*range(len(registry.focus_areas)), None])
        theme_code = registry.focus_areas[focus][1] if focus is not None else rng.choice(registry.schemes)[1]
        district = rng.randrange(len(registry.district_ids))
        name_en, name_zh = unique_names(rng, PLACES, THEMES[theme_code], [ZONE_KIND_NAMES[kind]], used)
        created = moment_after(rng, day_between(rng, date(2016, 1, 1), date(2024, 12, 31)))
        description = f"{name_en}: a synthetic {ZoneKind(kind).label.lower()} of the CCI in Chongqing. "
        rows.append(
            (
                zone_id,
                name_en,
                name_zh,
                number - 1 not in zone_drafts,
                created,
                updated_after(rng, created),
                f"synthetic-zone-{number:03d}",
                kind,
                description + THEME_SENTENCES[theme_code],
                registry.district_ids[district],
                registry.focus_areas[focus][0] if focus is not None else None,
            )
        )
        registry.zone_districts.append(district)
    columns = ("id", "name_en", "name_zh", "is_published", "created_at", "updated_at", "slug", "kind")
    registry.write("zones", Zone._meta.db_table, (*columns, "description_en", "district_id", "focus_area_id"), rows)
    registry.zone_ids = [zone_id for zone_id, _district_id in existing_zones] + ids
