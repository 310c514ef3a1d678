"""A project's JSON from its plain record (:func:`projects.selectors.project_records`), fast.

Produces exactly what :class:`projects.api.serializers.ProjectSerializer`'s declared fields
would (the tests compare the two); DRF's field-by-field path cost about 0.8 ms a project, which
dominated a 50-row page and made a full CSV export take over a minute.
"""

import copy
from functools import cache

from rest_framework import serializers

from projects.models import Project


def project_representation(record: dict, fields: "ProjectReadFields") -> dict:
    """The project of ``record`` as the API gives it, formatted by ``fields``."""
    return {
        "id": record["public_id"],
        "url": fields.url(record["public_id"]),
        "public_url": fields.public_url(record["public_id"]),
        "slug": record["slug"],
        "title_en": record["title_en"],
        "title_zh": record["title_zh"],
        "summary_en": record["summary_en"],
        "summary_zh": record["summary_zh"],
        "description_en": record["description_en"],
        "description_zh": record["description_zh"],
        "status": record["status"],
        "focus_area": record["focus_area_code"],
        "other_focus_areas": record["other_focus_area_codes"],
        "scheme": record["scheme_code"],
        "zone": record["zone_slug"],
        "district": record["district_slug"],
        "latitude": fields.coordinate(record["latitude"]),
        "longitude": fields.coordinate(record["longitude"]),
        "location_precision": record["location_precision"],
        "participants": [
            {
                "organization": participant["organization"],
                "name_en": participant["name_en"],
                "name_zh": participant["name_zh"],
                "country": participant["country"],
                "role": participant["role"],
            }
            for participant in record["participants"]
        ],
        "contract_amount": fields.money(record["contract_amount"]),
        "currency": record["currency"],
        "contract_amount_usd": fields.money(record["contract_amount_usd"]),
        "usd_rate": fields.rate(record["usd_rate"]),
        "usd_rate_date": fields.day(record["usd_rate_date"]),
        "signed_date": fields.day(record["signed_date"]),
        "signed_date_precision": record["signed_date_precision"],
        "operation_start_date": fields.day(record["operation_start_date"]),
        "operation_start_date_precision": record["operation_start_date_precision"],
        "milestones": [
            {
                "date": fields.day(step["date"]),
                "date_precision": step["date_precision"],
                "title_en": step["title_en"],
                "title_zh": step["title_zh"],
                "source": fields.source(step["source"]) if step["source"] is not None else None,
            }
            for step in record["milestones"]
        ],
        "sources": [fields.source(source) for source in record["sources"]],
        "articles": record["article_slugs"],
        "is_published": record["is_published"],
        "created_at": fields.moment(record["created_at"]),
        "updated_at": fields.moment(record["updated_at"]),
    }


class ProjectReadFields:
    """What :meth:`ProjectSerializer.to_representation` formats with: the declared fields' own
    formatting of amounts, dates and times, and the record URLs built from one reversed pattern."""

    PLACEHOLDER = "CCI-0000-0000"

    def __init__(self, serializer):
        formats = _project_formats(type(serializer))
        self.money, self.rate, self.day, self.moment, self._source_day, self.coordinate = formats
        # Only the two URL fields are bound to this serializer (they read its request): building
        # every field of a ModelSerializer cost a millisecond a response.
        placeholder = Project(pk=0, public_id=self.PLACEHOLDER)
        self._url = _bound(serializer, "url").to_representation(placeholder)
        self._public_url = _bound(serializer, "public_url").to_representation(placeholder)

    def url(self, public_id: str) -> str:
        return self._url.replace(self.PLACEHOLDER, public_id)

    def public_url(self, public_id: str) -> str:
        return self._public_url.replace(self.PLACEHOLDER, public_id)

    def source(self, source: dict) -> dict:
        """A source as :class:`SourceSerializer` gives it, from a dict of its columns (in its field order)."""
        return {**source, "published_on": self._source_day(source["published_on"])}


def _nullable(represent):
    return lambda value: None if value is None else represent(value)


@cache
def _project_formats(serializer_class) -> tuple:
    """The formatting of the project fields that need no request, taken once from the declared fields."""
    fields = serializer_class().fields
    source = fields["sources"].child_relation.source_serializer.fields
    return tuple(
        _nullable(field.to_representation)
        for field in (
            fields["contract_amount"],
            fields["usd_rate"],
            fields["signed_date"],
            fields["updated_at"],
            source["published_on"],
            fields["latitude"],
        )
    )


def _bound(serializer, name: str) -> serializers.Field:
    """A copy of the declared field ``name`` bound to ``serializer``, without building the others."""
    field = copy.deepcopy(serializer._declared_fields[name])
    field.bind(name, serializer)
    return field
