"""What the map of Chongqing draws: each division shaded by its projects, the points of zones and
projects, and the same numbers as a table (templates/projects/includes/map.html)."""

import functools
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F, Value
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.freshness import VERSIONED_CACHE_SECONDS
from projects.freshness import registry_version
from projects.maps import BOUNDARY_FILE
from projects.models import Project, Zone
from projects.querysets import is_counted

# The shading classes: (lowest count, highest count or None, legend label).
SHADES = (
    (0, 0, _("No projects")),
    (1, 1, _("1 project")),
    (2, 4, _("2 to 4 projects")),
    (5, None, _("5 or more projects")),
)
MARKER_FIELDS = ("marker_kind", "marker_key", "marker_name_en", "marker_name_zh", "marker_lat", "marker_lon")


@functools.cache
def boundaries() -> dict:
    """The committed boundaries (built by ``manage.py build_district_map``), read once a process."""
    return json.loads(BOUNDARY_FILE.read_text(encoding="utf-8"))


def to_view(latitude, longitude) -> tuple[float, float]:
    """A WGS 84 point in the map's SVG coordinates (the projection the boundaries were drawn with)."""
    projection = boundaries()["projection"]
    scale = projection["scale"]
    x = (float(longitude) - projection["west"]) * projection["stretch"] * scale
    y = (projection["north"] - float(latitude)) * scale
    return round(x, 1), round(y, 1)


def shade_of(count: int) -> int:
    return next(
        index for index, (low, high, _label) in enumerate(SHADES) if low <= count <= (count if high is None else high)
    )


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


@dataclass
class Shape:
    code: str
    path: str
    label: tuple[float, float]
    name: str
    count: int = 0
    url: str = ""
    highlighted: bool = False

    @property
    def shade(self) -> int:
        return shade_of(self.count)


@dataclass
class Marker:
    kind: str  # "zone", "project" or "district" (a place with no boundary of its own)
    name: str
    url: str
    point: tuple[float, float]
    count: int | None = None
    highlighted: bool = False

    @property
    def shade(self) -> int:
        return shade_of(self.count or 0)


@dataclass
class DistrictMap:
    width: int
    height: int
    outline: str
    shapes: list[Shape]
    markers: list[Marker]
    rows: list = field(default_factory=list)  # (district, count), the table beside the map
    source: str = ""
    licence: str = ""
    compact: bool = False
    shades: tuple = SHADES
    # What the drawing depends on, when it can be kept drawn (map.html caches it under this key).
    cache_key: str = ""
    cache_seconds: int = VERSIONED_CACHE_SECONDS

    @property
    def labels(self) -> list:
        """Counts written on the map: the shapes with projects (names are in the links and the table)."""
        return [shape for shape in self.shapes if shape.count]


MAX_PROJECT_MARKERS = 200


def _points(projects) -> list[dict]:
    """Published zones and these projects that have a point, in one query."""

    def marker_values(queryset, kind: str, key: str, name_en: str, name_zh: str):
        return (
            queryset.exclude(latitude=None)
            .annotate(
                marker_kind=Value(kind),
                marker_key=F(key),
                marker_name_en=F(name_en),
                marker_name_zh=F(name_zh),
                marker_lat=F("latitude"),
                marker_lon=F("longitude"),
            )
            .values(*MARKER_FIELDS)
            .order_by()
        )

    zones = marker_values(Zone.objects.published(), "zone", "slug", "name_en", "name_zh")
    # The newest projects with a point, at most MAX_PROJECT_MARKERS: a list of any length draws as many.
    found = marker_values(projects, "project", "public_id", "title_en", "title_zh").order_by("-marker_key")
    found = found[:MAX_PROJECT_MARKERS]
    return list(zones.union(found, all=True).order_by("marker_kind", "marker_key"))


def _markers(points: list[dict], *, highlight: str) -> list[Marker]:
    markers = []
    for row in points:
        kind, key = row["marker_kind"], row["marker_key"]
        name = (row["marker_name_zh"] if _chinese() else "") or row["marker_name_en"]
        route = "projects:zone-detail" if kind == "zone" else "projects:project-detail"
        markers.append(
            Marker(
                kind=kind,
                name=name,
                url=reverse(route, args=[key]),
                point=to_view(row["marker_lat"], row["marker_lon"]),
                highlighted=f"{kind}:{key}" == highlight,
            )
        )
    return markers


# Markers that share a point (district-level points often do) are set on a ring around it: clear of
# a place's circle (radius 26) for those within NEAR_PLACE of one, else just apart (viewBox units).
# Each marker stays a link of its own; the table and the links carry the exact figures.
NEAR_PLACE = 60
SPREAD_AROUND_PLACE = 42
SPREAD_APART = 14


def _spread(points: list[Marker], places: list[Marker]) -> list[Marker]:
    groups = defaultdict(list)
    for marker in points:
        near = [place.point for place in places if math.dist(place.point, marker.point) < NEAR_PLACE]
        groups[(near[0], True) if near else (marker.point, False)].append(marker)
    for ((x, y), around_place), group in groups.items():
        radius = SPREAD_AROUND_PLACE if around_place else SPREAD_APART if len(group) > 1 else 0
        for index, marker in enumerate(group):
            angle = -math.pi / 2 + 2 * math.pi * index / len(group)
            marker.point = (round(x + radius * math.cos(angle), 1), round(y + radius * math.sin(angle), 1))
    return points


def district_map(
    projects=None, *, highlight: str = "", compact: bool = False, version: str | None = None
) -> DistrictMap:
    """The map of these (published) projects: three queries, the counts by district, the districts
    and the points.
    Without ``projects``, the whole published registry's: its figures are cached under the
    registry's version, so they cost one query until a record changes (none when the caller
    read the ``version`` already).

    ``highlight`` names what the page is about: ``district:<slug>``, ``zone:<slug>`` or ``project:<public id>``.
    """
    if projects is None:
        version = version or registry_version()
        key = f"registry-map:{version}"
        figures = cache.get(key)
        if figures is None:
            figures = _figures(Project.objects.published())
            cache.set(key, figures, VERSIONED_CACHE_SECONDS)
        drawn = _drawn(*figures, highlight=highlight, compact=compact)
        drawn.cache_key = f"{get_language()}:{version}:{highlight}:{compact}"
        return drawn
    return _drawn(*_figures(projects), highlight=highlight, compact=compact)


def locator_map(project) -> DistrictMap:
    """The small map of a project page, from the project alone (no query): its district shaded,
    its point marked when it has one and is published (a draft in preview has none drawn)."""
    district = project.district
    highlight = f"district:{district.slug}" if district else ""
    points = []
    if project.has_point and project.is_published:
        highlight = f"project:{project.public_id}"
        points = [
            {
                "marker_kind": "project",
                "marker_key": project.public_id,
                "marker_name_en": project.title_en,
                "marker_name_zh": project.title_zh,
                "marker_lat": project.latitude,
                "marker_lon": project.longitude,
            }
        ]
    districts = []
    if district is not None:
        district.project_count = 1 if project.is_published and is_counted(project.status) else 0
        districts = [district]
    drawn = _drawn(districts, points, highlight=highlight, compact=True)
    # Districts carry no stamp: what the drawing shows of the district is in the key itself.
    shown = [project.updated_at, project.is_published]
    if district is not None:
        shown += [getattr(district, name) for name in ("slug", "name_en", "name_zh", "code", "latitude", "longitude")]
    drawn.cache_key = f"{get_language()}:project:{project.pk}:" + "\x1f".join(map(str, shown))
    return drawn


def _figures(projects) -> tuple[list, list[dict]]:
    """The districts with their counts, and the points of zones and projects: what the map draws."""
    return list(projects.by_district()), _points(projects)


def _drawn(districts: list, points: list[dict], *, highlight: str, compact: bool) -> DistrictMap:
    data = boundaries()
    by_code = {district.code: district for district in districts if district.code}
    shapes = []
    for division in data["divisions"]:
        district = by_code.get(division["code"])
        name = division["name_zh"] if _chinese() else division["name_en"]
        shape = Shape(code=division["code"], path=division["path"], label=tuple(division["label"]), name=name)
        if district is not None:
            shape.name, shape.count = str(district.name), district.project_count
            shape.url = district.get_absolute_url()
            shape.highlighted = highlight == f"district:{district.slug}"
        shapes.append(shape)
    # A place with no division of its own (Liangjiang New Area spans several) is drawn at its point.
    places = [
        Marker(
            kind="district",
            name=str(district.name),
            url=district.get_absolute_url(),
            count=district.project_count,
            highlighted=highlight == f"district:{district.slug}",
            point=to_view(district.latitude, district.longitude),
        )
        for district in districts
        if not district.code and district.latitude is not None
    ]
    return DistrictMap(
        width=data["projection"]["width"],
        height=data["projection"]["height"],
        outline=data["municipality"]["path"],
        shapes=shapes,
        # The places last: on top of anything near them.
        markers=_spread(_markers(points, highlight=highlight), places) + places,
        rows=[(district, district.project_count) for district in districts],
        source=data["source"],
        licence=data["licence"],
        compact=compact,
    )
