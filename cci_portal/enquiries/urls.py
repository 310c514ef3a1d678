"""The contact page and its thank-you page, in both languages (included inside i18n_patterns)."""

from django.urls import path

from cci_portal.enquiries import views

urlpatterns = [
    path("", views.contact, name="contact"),
    path("thanks/", views.thanks, name="enquiry-thanks"),
]
