"""The admin's search-as-you-type boxes (``autocomplete_fields``), safe from a crafted value.

Django's autocomplete widget looks the posted value up to show it again when a form has errors: a
value that is no key of the related model ("abc" for a number) made that lookup, and so the page,
fail with a 500. These widgets show only values that can be keys; the form's own field still refuses
the value with "Select a valid choice."
"""

from django.contrib.admin import widgets
from django.core.exceptions import ValidationError


def _can_be_key(field, value) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class _KeysOnly:
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(getattr(remote, "field_name", None) or remote.model._meta.pk.name)
        return super().optgroups(name, [item for item in value if _can_be_key(target, item)], attr)


class AutocompleteSelect(_KeysOnly, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(_KeysOnly, widgets.AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For a ModelAdmin or an inline: its ``autocomplete_fields`` use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
