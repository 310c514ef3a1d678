"""Pages that span both apps: the home page."""

from django.shortcuts import render

from cci_portal.selectors import home_summary


def home(request):
    return render(request, "home.html", home_summary())
