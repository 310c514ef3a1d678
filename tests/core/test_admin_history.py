"""History in the admin (core/admin.py, for every publishable model): who changed what and when,
the difference between versions, and revert."""

import pytest
from django.utils import timezone

from core.publishing import set_published
from news.models import Article
from projects.models import Organization, Project, ReportedFigure, Zone
from tests.admin_client import admin_url, article_form, figure_form, organization_form, project_form, zone_form
from tests.factories import (
    make_amount,
    make_article,
    make_figure,
    make_organization,
    make_project,
    make_staff,
    make_zone,
)

pytestmark = pytest.mark.django_db

# Date precisions the change forms need, which tests/admin_client.py's forms may not post yet.
PRECISIONS = {"operation_start_date_precision": "day", "established_date_precision": "day"}


def revert_form(response) -> dict:
    """The data the history form posts when staff press Revert: the old version's values."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(field.prepare_value(value)) if hasattr(field, "prepare_value") else str(value)
    data["_save"] = "Revert"
    return data


def test_a_change_through_the_admin_records_who_made_it(client):
    project = make_project(title_en="Original title", is_published=False)  # a draft: saved at once
    editor = make_staff("editor", username="mei.lin")
    client.force_login(editor)

    client.post(
        admin_url(Project, "change", project.pk), project_form(project, title_en="Changed title", **PRECISIONS)
    )

    latest = project.history.latest()
    assert (latest.history_type, latest.history_user, latest.title_en) == ("~", editor, "Changed title")
    assert project.history.count() == 2
    assert latest.history_change_reason == "Changed title_en"

    # The history names the author; without the right to manage users, no link to a page they cannot open.
    history = client.get(admin_url(Project, "history", project.pk)).content.decode()
    assert "mei.lin" in history
    assert "/admin/auth/user/" not in history
    assert "Changed title (English)" in history  # stored as "Changed title_en", shown by the field's name


@pytest.mark.parametrize(
    ("model", "make", "form", "field"),
    [
        (Organization, lambda: make_organization(name_en="Original"), organization_form, "name_en"),
        (Zone, lambda: make_zone(name_en="Original"), zone_form, "name_en"),
        (ReportedFigure, lambda: make_figure(label_en="Original"), figure_form, "label_en"),
        (Article, lambda: make_article(title_en="Original"), article_form, "title_en"),
    ],
    ids=["organization", "zone", "reportedfigure", "article"],
)
def test_every_kept_model_records_the_user(client, model, make, form, field):
    record = make()
    record.is_published = False
    record.save()
    editor = make_staff("editor", username="mei.lin")
    client.force_login(editor)

    response = client.post(admin_url(model, "change", record.pk), {**form(record), **PRECISIONS, field: "Changed"})

    assert response.status_code == 302
    latest = record.history.latest()
    assert (latest.history_user, getattr(latest, field)) == (editor, "Changed")


def test_the_history_page_shows_who_changed_what_as_old_and_new(client):
    project = make_project(title_en="Original title", is_published=False)  # a draft: saved at once
    editor = make_staff("editor", username="mei.lin")
    client.force_login(editor)
    client.post(
        admin_url(Project, "change", project.pk), project_form(project, title_en="Changed title", **PRECISIONS)
    )

    response = client.get(admin_url(Project, "history", project.pk))

    assert response.status_code == 200
    newest = response.context["page_obj"].object_list[0]
    assert newest.history_delta_changes == [
        {"field": "Title (English)", "old": "Original title", "new": "Changed title"}
    ]
    assert "mei.lin" in response.text
    assert ">mei.lin</a>" not in response.text  # an editor may not open the user admin: no link to a 403
    assert "<strong>Title (English):</strong>\n                    Original title" in response.text
    assert "&nbsp;&rarr;&nbsp;&nbsp;Changed title" in response.text


def test_publishing_is_in_the_history_with_the_publisher_and_a_reason():
    project = make_project(is_published=False)
    publisher = make_staff("publisher")

    set_published(queryset=Project.objects.filter(pk=project.pk), published=True, user=publisher)

    latest = project.history.latest()
    assert (latest.history_user, latest.is_published, latest.history_change_reason) == (publisher, True, "Published")


def test_revert_restores_the_earlier_values(client):
    project = make_project(title_en="Original title", summary_en="First summary", is_published=False)
    first_version = project.history.earliest()
    editor = make_staff("editor", username="mei.lin")
    client.force_login(editor)
    client.post(
        admin_url(Project, "change", project.pk),
        project_form(project, title_en="Changed title", summary_en="Second summary", **PRECISIONS),
    )
    url = f"/admin/projects/project/{project.pk}/history/{first_version.history_id}/"

    page = client.get(url)
    response = client.post(url, revert_form(page))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title_en, project.summary_en) == ("Original title", "First summary")
    assert project.history.latest().history_user == editor
    assert project.history.count() == 3
    # The history says it was a revert, and to which version, in the reader's language.
    when = timezone.localtime(first_version.history_date).strftime("%Y-%m-%d %H:%M")
    assert project.history.latest().history_change_reason == f"Reverted to the version of {when}"
    history = f"/admin/projects/project/{project.pk}/history/"
    assert f"Reverted to the version of {when}" in client.get(history).text
    assert f"恢复为 {when} 的版本" in client.get(f"/zh-hans{history}").text


def test_an_editor_cannot_publish_by_reverting_to_a_published_version(client):
    project = make_project(title_en="Original title", is_published=True)
    published_version = project.history.earliest()
    set_published(queryset=Project.objects.filter(pk=project.pk), published=False, user=make_staff("publisher"))
    client.force_login(make_staff("editor"))
    url = f"/admin/projects/project/{project.pk}/history/{published_version.history_id}/"

    response = client.post(url, revert_form(client.get(url)))

    assert response.status_code == 200
    assert "You do not have permission to publish." in response.text
    project.refresh_from_db()
    assert project.is_published is False


def test_a_viewer_sees_the_history_but_cannot_revert(client):
    project = make_project(title_en="Original title")
    version = project.history.earliest()
    client.force_login(make_staff("viewer"))
    url = f"/admin/projects/project/{project.pk}/history/{version.history_id}/"

    history = client.get(admin_url(Project, "history", project.pk))
    version_page = client.get(url)
    refused = client.post(url, {"title_en": "Changed"})

    assert history.status_code == 200
    assert version_page.status_code == 200
    assert 'name="_save"' not in version_page.text  # no Revert button
    assert refused.status_code == 403
    project.refresh_from_db()
    assert project.title_en == "Original title"


def test_an_administrator_gets_the_link_to_the_author(client):
    from django.contrib.auth.models import User

    project = make_project(is_published=False)
    editor = make_staff("editor", username="mei.lin")
    client.force_login(editor)
    client.post(admin_url(Project, "change", project.pk), project_form(project, title_en="Changed", **PRECISIONS))
    client.force_login(User.objects.create_superuser("root", password="x"))

    history = client.get(admin_url(Project, "history", project.pk)).text

    assert f'<a href="/admin/auth/user/{editor.pk}/change/">mei.lin</a>' in history


def test_the_history_shows_amounts_with_their_currency(client):
    project = make_project(is_published=False, **make_amount("1000000", "CNY", usd="140000"))
    client.force_login(make_staff("editor"))
    client.post(
        admin_url(Project, "change", project.pk),
        project_form(
            project,
            contract_amount="2500000",
            currency="CNY",
            contract_amount_usd="350000",
            usd_rate="0.14",
            usd_rate_date="2024-01-02",
            **PRECISIONS,
        ),
    )

    response = client.get(admin_url(Project, "history", project.pk))

    changes = response.context["page_obj"].object_list[0].history_delta_changes
    assert [change for change in changes if change["field"].startswith("Contract amount")] == [
        {"field": "Contract amount", "old": "1,000,000.00 CNY", "new": "2,500,000.00 CNY"},
        {"field": "Contract amount (USD)", "old": "140,000.00 USD", "new": "350,000.00 USD"},
    ]
