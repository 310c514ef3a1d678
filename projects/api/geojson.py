"""GeoJSON (RFC 7946) of the projects and zones that have a point: ``?format=geojson`` on their lists."""

from django.urls import reverse
from rest_framework.response import Response

from core.api.renderers import GeoJsonRenderer
from core.localization import CHINESE, reader_language

# What each feature's properties carry, besides its name, links and precision: (property, field).
PROJECT_PROPERTIES = (
    ("id", "public_id"),
    ("status", "status"),
    ("district", "district__slug"),
    ("zone", "zone__slug"),
)
ZONE_PROPERTIES = (("id", "slug"), ("kind", "kind"), ("district", "district__slug"))


def point_feature(row: dict, *, name: str, properties: dict, page: str, api: str) -> dict:
    """One feature: the point as [longitude, latitude] (RFC 7946 order), its precision and links."""
    return {
        "type": "Feature",
        "id": properties["id"],
        "geometry": {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]},
        "properties": {
            **properties,
            "name": name,
            "location_precision": row["location_precision"],
            "public_url": page,
            "api_url": api,
        },
    }


class GeoJsonListMixin:
    """Adds ``format=geojson`` to a ViewSet's list: every published record of the filtered list that
    has a point, in one query, with no paging (as CSV)."""

    geojson_properties: tuple = ()
    geojson_name_fields: tuple = ()  # the English and the Chinese name
    geojson_page_route = ""

    def get_renderers(self):
        """GeoJSON for the list only: a record, a write or an action answers as JSON (or CSV)."""
        renderers = super().get_renderers()
        if getattr(self, "action", None) == "list":
            return renderers
        return [renderer for renderer in renderers if not isinstance(renderer, GeoJsonRenderer)]

    @property
    def wants_geojson(self) -> bool:
        return isinstance(getattr(self.request, "accepted_renderer", None), GeoJsonRenderer)

    def list(self, request, *args, **kwargs):
        if not self.wants_geojson:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset()).published().exclude(latitude=None)
        fields = [field for _name, field in self.geojson_properties]
        rows = queryset.values(*fields, *self.geojson_name_fields, "latitude", "longitude", "location_precision")
        name_en, name_zh = self.geojson_name_fields
        language = request.query_params.get("lang") or ("zh" if reader_language() == CHINESE else "en")
        chinese = language == "zh"  # as the OC4IDS package decides
        features = []
        for row in rows:
            key = row[fields[0]]
            features.append(
                point_feature(
                    row,
                    name=(row[name_zh] if chinese else "") or row[name_en],
                    properties={name: row[field] for name, field in self.geojson_properties},
                    page=request.build_absolute_uri(reverse(self.geojson_page_route, args=[key])),
                    api=request.build_absolute_uri(reverse(f"api:{self.basename}-detail", args=[key])),
                )
            )
        return self.conditional(Response({"type": "FeatureCollection", "features": features}), self.list_freshness())
