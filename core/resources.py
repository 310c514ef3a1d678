"""Import and export bases (django-import-export), in CSV and XLSX, for every app.

Related records are named by their natural keys (a code, a slug), so a file can be read and
written by people. Every problem is reported on its row, under the column it came from; see
docs/admin.md. No exported text cell can run as a formula (:mod:`core.spreadsheets`), and the
import takes the guard off again, so a file exported and imported back is unchanged.

A column is named by its field (``title_en``); the admin's exports head it with the field's title
in the reader's language instead (``Title (English)``, or the Chinese verbose name), and every
import reads either.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext
from import_export import fields, resources, widgets

from core.localization import CHINESE, reader_language
from core.models import PublishableModel
from core.publishing import published_change_refusal
from core.resource_names import Naming, choice_naming, record_naming
from core.review import review_required
from core.spreadsheets import neutralised, unguarded, workbook_text

REVIEW_NEEDED = gettext_lazy(
    "This record is published, and a change to it needs a publisher's review: propose it on the "
    "record's page in the admin, or ask a publisher to import the file."
)


def unknown_key_error(model, label: str, keys) -> ValueError:
    """The error of a column that names records the registry does not have."""
    return ValueError(
        _("No %(model)s with %(label)s “%(keys)s”.")
        % {"model": model._meta.verbose_name, "label": label, "keys": "”, “".join(keys)}
    )


def blank_default(model, name: str):
    """The default a blank cell of ``name`` stands for: only for a choice field that cannot be blank."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.blank or not field.choices or not field.has_default():
        return None
    return field.get_default()


def column_title(model, field: fields.Field) -> str:
    """The title of a resource field's column: its model field's verbose name in the active language
    (``Title (English)``), or the column name when the model has no such field."""
    try:
        return capfirst(str(model._meta.get_field(field.attribute).verbose_name))
    except FieldDoesNotExist:
        return field.column_name


def _header_key(header) -> str:
    return str(header).strip().casefold()


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related record named by a unique field; an unknown name is an error of its column.

    ``label`` is how the message names that field (``code``, ``slug``, ``id``...). ``named``: a
    vocabulary record (a focus area, a zone), which the Chinese admin's export names in Chinese
    (:mod:`core.resource_names`).
    """

    def __init__(self, model, field, *, label: str | None = None, named: bool = False, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.label = label or field
        self.named = named

    def naming(self) -> Naming | None:
        return record_naming(self.model, self.field) if self.named else None

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, float) and value.is_integer():  # a spreadsheet's number cell
            value = int(value)
        value = str(value).strip()
        try:
            return self.get_queryset(value, row, **kwargs).get(**{self.field: value})
        except (self.model.DoesNotExist, ValueError) as error:
            raise unknown_key_error(self.model, self.label, [value]) from error


class NaturalKeyListWidget(widgets.ManyToManyWidget):
    """Several related records, named by a unique field and separated by semicolons."""

    def __init__(self, model, field, *, label: str | None = None, named: bool = False, **kwargs):
        super().__init__(model, field=field, separator=";", **kwargs)
        self.label = label or field
        self.named = named

    def naming(self) -> Naming | None:
        return record_naming(self.model, self.field, separator=self.separator) if self.named else None

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return self.model.objects.none()
        keys = [key.strip() for key in str(value).split(self.separator) if key.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        missing = sorted(set(keys) - {str(getattr(record, self.field)) for record in found})
        if missing:
            raise unknown_key_error(self.model, self.label, missing)
        return found


class NamedCodeWidget(widgets.CharWidget):
    """A code the Chinese admin's export writes by its Chinese name: ``names()`` gives ``{code: name}``."""

    def __init__(self, names, **kwargs):
        super().__init__(**kwargs)
        self.names = names

    def naming(self) -> Naming:
        return Naming(self.names)


class AmountWidget(widgets.DecimalWidget):
    """A decimal number written plainly (1250000.50); anything else is an error of its column."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        try:
            return Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation as error:
            raise ValueError(_("“%(value)s” is not a number; write it like 1250000.50.") % {"value": value}) from error


class IsoDateWidget(widgets.DateWidget):
    """A date written as YYYY-MM-DD (or a date cell in a spreadsheet)."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(str(value).strip(), "%Y-%m-%d").date()
        except ValueError as error:
            raise ValueError(
                _("“%(value)s” is not a date; write it as YYYY-MM-DD, such as 2019-11-06.") % {"value": value}
            ) from error


class PublishedWidget(widgets.BooleanWidget):
    """The published flag: 1 (or true) publishes, 0, false or blank keeps a draft."""

    TRUE = {"1", "true", "yes"}
    FALSE = {"0", "false", "no", ""}

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip().lower()
        if text.endswith(".0"):  # a spreadsheet's number cell
            text = text[:-2]
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Write 1 for published or 0 for a draft, not “%(value)s”.") % {"value": value})


def with_accepted_values(model, errors: dict) -> dict:
    """``errors`` with each refused choice saying which values the column accepts:
    "“RMB” is not one of the accepted values: USD, CNY, SGD." rather than Django's bare refusal."""
    for name, messages in errors.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not getattr(field, "choices", None):
            continue
        accepted = pgettext("list separator", ", ").join(str(value) for value, _label in field.flatchoices)
        errors[name] = [
            ValidationError(
                _("“%(value)s” is not one of the accepted values: %(accepted)s."),
                code="invalid_choice",
                params={"value": message.params["value"], "accepted": accepted},
            )
            if getattr(message, "code", None) == "invalid_choice" and message.params
            else message
            for message in messages
        ]
    return errors


class RegistryOptions:
    """The options every resource here shares: each row gets the model's full validation, and a row
    that changes nothing is skipped, so a file exported and imported back reports 0 changes and
    adds no history entry."""

    clean_model_instances = True
    skip_unchanged = True
    report_skipped = True


class RegistryResource(resources.ModelResource):
    """Shared rules of every import: errors per row and column, model validation, the publish permission.

    ``refuse_unknown_identifier``: a row whose identifier is filled but matches no record is an
    error (the registry assigns identifiers), instead of creating a record under that identifier.
    """

    refuse_unknown_identifier = False
    is_published = fields.Field(attribute="is_published", column_name="is_published", widget=PublishedWidget())

    def __init__(self, *, titled_headers: bool = False, **kwargs):
        """``titled_headers``: export each column under its title (:func:`column_title`), as the admin does."""
        super().__init__(**kwargs)
        self.titled_headers = titled_headers

    def get_export_headers(self, selected_fields=None):
        if not self.titled_headers:
            return super().get_export_headers(selected_fields)
        model = self._meta.model
        return [column_title(model, field) for field in self.get_export_fields(selected_fields)]

    def column_names_by_title(self) -> dict[str, str]:
        """Each column's name by its title in every language of the site, compared without case."""
        titles = {}
        model = self._meta.model
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for field in self.fields.values():
                    titles.setdefault(_header_key(column_title(model, field)), field.column_name)
        return titles

    def before_import(self, dataset, **kwargs):
        # An admin export heads its columns by their titles, in the exporter's language: each is read
        # as the column it names. A column's own name always stands for itself.
        if dataset.headers:
            names = {field.column_name for field in self.fields.values()}
            titles = self.column_names_by_title()
            dataset.headers = [
                header if header in names else titles.get(_header_key(header), header) for header in dataset.headers
            ]
        self.import_user = kwargs.get("user")  # whose changes to published records wait for review
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        # A spreadsheet's empty cell arrives as None; a CSV's as "". Both mean blank. A text the
        # export guarded against formula injection ('=SUM(A1)) is read without its guard.
        # A blank cell of a choice that cannot be blank (a date's precision) takes the field's default.
        for column, value in row.items():
            if value is None:
                row[column] = ""
            elif isinstance(value, str):
                row[column] = unguarded(value)
            if row[column] == "" and (default := blank_default(self._meta.model, column)) is not None:
                row[column] = default
        # A vocabulary value by its Chinese name, as the Chinese admin exports it: read as its code.
        for column, naming in self.namings().items():
            if isinstance(row.get(column), str) and row[column]:
                row[column] = naming.code(row[column])

    def namings(self) -> dict[str, Naming]:
        """The columns whose codes have Chinese names: choices, records a widget marks ``named``, and
        what a widget's own ``naming()`` gives; made once for this resource, which the admin makes
        afresh for each import and export (so a renamed zone reads by its new name)."""
        if not hasattr(self, "_namings"):
            self._namings = {}
            for field in self.fields.values():
                naming = field.widget.naming() if hasattr(field.widget, "naming") else None
                if naming is None:
                    try:
                        model_field = self._meta.model._meta.get_field(field.attribute)
                    except FieldDoesNotExist:
                        continue
                    naming = choice_naming(model_field) if getattr(model_field, "choices", None) else None
                if naming is not None:
                    self._namings[field.column_name] = naming
        return self._namings

    def export_field(self, field, instance, **kwargs):
        """A cell of the export: text guarded against formula injection, numbers as they are (a
        numeric column's cell is a number in XLSX, and its digits in CSV)."""
        value = super().export_field(field, instance, **kwargs)
        if not isinstance(value, str):
            return value
        if self.titled_headers and reader_language() == CHINESE and (naming := self.namings().get(field.column_name)):
            value = naming.name(value)  # the Chinese admin's export: 实施, not implementation
        if kwargs.get("force_native_type"):  # the admin's sign of a workbook (XLSX) rather than CSV
            # First: "\x01=1+1" becomes a formula once the control character is gone.
            value = workbook_text(value)
        if isinstance(field.widget, widgets.NumberWidget):
            return value
        return neutralised(value)

    def export_value(self, field, instance):
        """A cell's value as stored (a Decimal, a date, a text without any guard): for the files no
        spreadsheet opens (JSON Lines, Parquet), and for the cells a release writes itself."""
        return super().export_field(field, instance, force_native_type=True)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self._many_to_many_errors(row, **kwargs))
        errors.update(self._identifier_errors(instance, row))
        if "is_published" not in errors and isinstance(instance, PublishableModel):
            refusal = published_change_refusal(
                user=kwargs.get("user"), instance=instance, requested=instance.is_published
            )
            if refusal:
                errors["is_published"] = [ValidationError(refusal, code="permission")]
        if errors:
            raise ValidationError(errors)

    def _many_to_many_errors(self, row, **kwargs) -> dict:
        """Check the list columns now: the library would only read them after saving, without a column."""
        errors = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        return errors

    def _identifier_errors(self, instance, row) -> dict:
        if not self.refuse_unknown_identifier or instance.pk is not None:
            return {}
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            value = row.get(field.column_name)
            if value not in (None, ""):
                errors[field.attribute] = [
                    ValidationError(
                        _("No %(model)s with identifier “%(value)s”; leave it blank to add a new one.")
                        % {"model": self._meta.model._meta.verbose_name, "value": value},
                        code="unknown",
                    )
                ]
        return errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Run the model's full validation (fields, uniqueness, constraints), skipping what the save assigns."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors.keys(), *self.assigned_on_save(instance)])
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Reached only by a row that changes something (an unchanged row is skipped first).
        if review_required(user=getattr(self, "import_user", None), instance=instance):
            errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(REVIEW_NEEDED, code="review"))
        if errors:
            raise ValidationError(with_accepted_values(type(instance), errors))

    def assigned_on_save(self, instance) -> list[str]:
        """Fields the model fills in when it saves, left out of validation while still blank."""
        return []

    def save_instance(self, instance, is_create, row, **kwargs):
        instance._history_user = kwargs.get("user")
        instance._change_reason = gettext_noop("Imported")  # stored in English, shown translated
        super().save_instance(instance, is_create, row, **kwargs)
