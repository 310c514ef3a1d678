"""``change_reason``: a history record's reason as the admin's history page shows it, in the reader's language."""

from django import template

from core.admin import change_reason_display

register = template.Library()


@register.filter
def change_reason(record) -> str:
    """The reason of ``record`` (a historical record) translated, naming changed fields by their verbose names."""
    return change_reason_display(record.history_change_reason, record.instance_type)
