"""The admin's view of bilingual records: which fields still lack their Chinese, and a filter for them."""

from django.contrib import admin
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.localization import bilingual_fields, bilingual_names, localized_value


def missing_chinese_condition(model) -> Q:
    """Records with an English text whose Chinese half is empty, in any of the model's bilingual fields."""
    condition = Q()
    for name in bilingual_names(model):
        english, chinese = bilingual_fields(name)
        condition |= ~Q(**{english: ""}) & Q(**{chinese: ""})
    return condition


def missing_chinese_fields(record) -> list[str]:
    """The verbose names of the record's fields that have English text and no Chinese."""
    missing = []
    for name in bilingual_names(type(record)):
        english, chinese = bilingual_fields(name)
        if getattr(record, english) and not getattr(record, chinese):
            missing.append(str(record._meta.get_field(chinese).verbose_name))
    return missing


class MissingChineseFilter(admin.SimpleListFilter):
    """``?chinese=missing``: the records a translator still has to work on; ``complete``: the others."""

    title = _("Chinese translation")
    parameter_name = "chinese"

    def lookups(self, request, model_admin):
        return [("missing", _("missing Chinese")), ("complete", _("Chinese complete"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(missing_chinese_condition(queryset.model))
        if self.value() == "complete":
            return queryset.exclude(missing_chinese_condition(queryset.model))
        return queryset


def bilingual_value_filter(field: str, title) -> type[admin.SimpleListFilter]:
    """A list filter by the values of the bilingual ``field`` (a publisher), each shown in the staff
    member's language (the other when it has none); it filters on the English value."""
    english, chinese = bilingual_fields(field)

    class BilingualValueFilter(admin.SimpleListFilter):
        parameter_name = english

        def lookups(self, request, model_admin):
            pairs = model_admin.get_queryset(request).exclude(**{english: ""}).values_list(english, chinese)
            return sorted(
                {(value, localized_value(value, other)) for value, other in pairs.distinct().order_by()},
                key=lambda lookup: lookup[1],
            )

        def queryset(self, request, queryset):
            return queryset.filter(**{english: self.value()}) if self.value() else queryset

    BilingualValueFilter.title = title
    return BilingualValueFilter


def paired_halves(fields) -> list:
    """A form's fields with each ``<field>_en`` and its ``<field>_zh`` on one line, where they were
    two lines of their own."""
    single = {name for name in fields if isinstance(name, str)}
    lines = []
    for name in fields:
        if isinstance(name, str) and name.endswith("_zh") and f"{name[:-3]}_en" in single:
            continue
        if isinstance(name, str) and name.endswith("_en") and f"{name[:-3]}_zh" in single:
            lines.append((name, f"{name[:-3]}_zh"))
        else:
            lines.append(name)
    return lines


class BilingualAdminMixin:
    """A changelist column naming what each record lacks in Chinese, the "missing Chinese" filter, and
    the form's English and Chinese halves side by side (a fieldset line of both, styled half each)."""

    class Media:
        css = {"all": ["css/admin-bilingual.css"]}

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingChineseFilter]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "missing_chinese"]

    def get_fields(self, request, obj=None):
        return paired_halves(super().get_fields(request, obj))

    @admin.display(description=_("missing Chinese"))
    def missing_chinese(self, record) -> str:
        missing = missing_chinese_fields(record)
        return ", ".join(capfirst(name) for name in missing) if missing else "—"
