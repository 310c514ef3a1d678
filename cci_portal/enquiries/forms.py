"""The enquiry form: what a reader sends, the record it is about, and the honeypot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Organization, Project, Zone

# The subject kinds a page may name, with the published records and the field that identifies them.
SUBJECTS = {
    "project": (Project, "public_id"),
    "zone": (Zone, "slug"),
    "organization": (Organization, "slug"),
}
# The honeypot's name: a field people never see, so only a bot fills it.
HONEYPOT = "website"


class EnquiryForm(forms.Form):
    """Name, email, organization and message, with the page's subject carried in two hidden fields."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    organization = forms.CharField(label=_("Organization (optional)"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Your question"),
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Please keep the message to 5,000 characters.")},
    )
    subject_kind = forms.CharField(required=False, widget=forms.HiddenInput)
    subject = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        kind, key = cleaned.get("subject_kind") or "", cleaned.get("subject") or ""
        cleaned["record"] = None
        if not kind and not key:
            return cleaned
        if kind not in SUBJECTS:
            raise forms.ValidationError(_("The page this enquiry came from is not one the bureau answers about."))
        model, field = SUBJECTS[kind]
        record = model.objects.published().filter(**{field: key}).first()
        if record is None:
            raise forms.ValidationError(_("The record this enquiry is about is not published."))
        cleaned["record"] = record
        return cleaned
