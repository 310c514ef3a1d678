"""The releases' pages and files: ``/data/releases/`` lists them; each file is served from the
release storage at ``/data/releases/<version>/<name>``, and the newest at ``/data/releases/latest/<name>``."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from cci_portal.models import Release
from cci_portal.releases.datapackage import data_dictionary
from cci_portal.releases.services import release_storage, stored_name
from cci_portal.releases.writers import MEDIA_TYPES
from core.licensing import data_license
from core.localization import CHINESE, reader_language

TEXT_FORMATS = {"csv", "json", "jsonl", "txt"}


def _media_type(name: str) -> str:
    extension = name.rsplit(".", 1)[1] if "." in name else "txt"
    media_type = MEDIA_TYPES.get(extension, "application/octet-stream")
    return f"{media_type}; charset=utf-8" if extension in TEXT_FORMATS else media_type


@require_safe
def release_list(request):
    """Every release kept, newest first, with its files, sizes and checksums."""
    releases = list(Release.objects.newest_first())
    return render(
        request,
        "releases/release_list.html",
        {"releases": releases, "latest": releases[0] if releases else None, "license": data_license()},
    )


@require_safe
@cache_control(public=True, max_age=31536000, immutable=True)
def release_file(request, version: str, name: str):
    """One file of a release, as stored: it never changes, so it may be kept for a year."""
    release = get_object_or_404(Release, version=version)
    file = release.file(name)
    if file is None:
        raise Http404(name)
    etag = f'"{file["sha256"]}"'
    if (unchanged := get_conditional_response(request, etag=etag)) is not None:
        return unchanged  # a mirror that holds the file already: 304, nothing opened
    response = FileResponse(release_storage().open(stored_name(version, name), "rb"), content_type=_media_type(name))
    response["Content-Length"] = str(file["bytes"])
    response["ETag"] = etag
    response["Link"] = data_license().link_header()
    if not name.endswith((".json", "SHA256SUMS")):
        response["Content-Disposition"] = f'attachment; filename="cci-{version}-{name}"'
    return response


@require_safe
@cache_control(public=True, max_age=300)
def latest_release_file(request, name: str):
    """The newest release's file of that name: a stable address that redirects to the versioned one."""
    release = Release.objects.newest_first().first()
    if release is None or release.file(name) is None:
        raise Http404(name)
    return redirect(reverse("release-file", args=[release.version, name]))


def data_dictionary_context() -> dict:
    """The data page's dictionary, read from the release's ``datapackage.json`` descriptor."""
    return {"dictionary": data_dictionary("zh" if reader_language() == CHINESE else "en")}
