"""Review in the admin: an editor's change to a published record waits as a revision, the public keeps the
published version, and a publisher approves or rejects it on the record's page or from the queue."""

import html
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from core.models import Revision
from news.models import Article
from projects.models import Project
from tests.admin_client import admin_url, article_form, inline_management, project_form
from tests.factories import make_amount, make_article, make_organization, make_project, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(make_staff("editor"))
    return client


@pytest.fixture
def publisher_client():
    client = Client()
    client.force_login(make_staff("publisher"))
    return client


def _text(page: bytes) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.decode())).strip())


def _pending_table(page) -> list[list[str]]:
    """The pending revision's rows as a reviewer reads them: field, published value, proposed value."""
    section = page.content.decode().split('data-testid="pending-revision"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td><del>(.*?)</del></td><td><ins>(.*?)</ins></td></tr>", section
    )
    return [list(row) for row in rows]


def _propose_title_and_amount(editor_client, project) -> None:
    response = editor_client.post(
        admin_url(Project, "change", project.pk),
        project_form(
            project,
            title_en="Guoyuan Port rail link",
            contract_amount="2500000",
            currency="USD",
            contract_amount_usd="2500000",
            review_note="The amount from the 2024 report.",
        ),
    )
    assert response.status_code == 302
    assert response.url == admin_url(Project, "change", project.pk)


def test_an_editors_change_to_a_published_project_waits_and_the_public_keeps_the_old_values(
    editor_client, publisher_client, client
):
    project = make_project(title_en="Guoyuan Port link", **make_amount("1000000"))

    _propose_title_and_amount(editor_client, project)

    project.refresh_from_db()
    assert (project.title_en, project.contract_amount) == ("Guoyuan Port link", Decimal("1000000.00"))
    assert "Guoyuan Port link" in _text(client.get(project.get_absolute_url()).content)
    assert "Guoyuan Port rail link" not in _text(client.get(project.get_absolute_url()).content)
    revision = Revision.objects.get()
    assert (revision.kind, revision.status, revision.proposed_by.username) == ("change", "pending", "editor-user")
    assert revision.note == "The amount from the 2024 report."
    assert revision.fields == {
        "title_en": "Guoyuan Port rail link",
        "contract_amount": "2500000.00",
        "contract_amount_usd": "2500000.00",
    }
    editor_page = editor_client.get(admin_url(Project, "change", project.pk))
    assert (
        "Your change to “CCI-2020-0001 Guoyuan Port link” waits for a publisher's review. "
        "Until it is approved, the public sees the published version."
    ) in _text(editor_page.content)
    assert "Saving proposes your change" in _text(editor_page.content)
    assert "Approve the change" not in _text(editor_page.content)

    page = publisher_client.get(admin_url(Project, "change", project.pk))

    assert _pending_table(page) == [
        ["Title (English)", "Guoyuan Port link", "Guoyuan Port rail link"],
        ["Contract amount", "1,000,000.00", "2,500,000.00"],
        ["Contract amount (USD)", "1,000,000.00", "2,500,000.00"],
    ]
    assert "Change awaiting review: proposed by editor-user" in _text(page.content)
    assert "The amount from the 2024 report." in _text(page.content)


def test_a_publisher_approves_and_the_change_goes_live_with_both_names_in_the_history(
    editor_client, publisher_client, client
):
    project = make_project(title_en="Guoyuan Port link", **make_amount("1000000"))
    _propose_title_and_amount(editor_client, project)
    revision = Revision.objects.get()

    response = publisher_client.post(
        admin_url(Project, "review", project.pk, revision.pk), {"decision": "approve"}, follow=True
    )

    assert "Approved: “" in _text(response.content)
    project.refresh_from_db()
    assert (project.title_en, project.contract_amount) == ("Guoyuan Port rail link", Decimal("2500000.00"))
    assert "Guoyuan Port rail link" in _text(client.get(project.get_absolute_url()).content)
    latest = project.history.latest()
    assert (latest.history_user.username, latest.history_change_reason) == (
        "publisher-user",
        "Approved the change proposed by editor-user",
    )
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by.username) == ("approved", "publisher-user")
    history = _text(publisher_client.get(admin_url(Project, "history", project.pk)).content)
    assert "Approved the change proposed by editor-user" in history
    with translation.override("zh-hans"):
        chinese = _text(publisher_client.get(admin_url(Project, "history", project.pk)).content)
    assert "批准了 editor-user 提议的修改" in chinese
    outcome = _text(editor_client.get(admin_url(Project, "change", project.pk)).content)
    assert "Change to a published record proposed by editor-user: approved by publisher-user on" in outcome


def test_a_rejection_needs_a_reason_and_leaves_the_record_as_published(editor_client, publisher_client):
    project = make_project(title_en="Guoyuan Port link", **make_amount("1000000"))
    _propose_title_and_amount(editor_client, project)
    revision = Revision.objects.get()
    url = admin_url(Project, "review", project.pk, revision.pk)

    without = publisher_client.post(url, {"decision": "reject", "reason": "  "}, follow=True)
    assert "Say why the change is rejected: the proposer reads the reason." in _text(without.content)
    assert Revision.objects.get().status == "pending"

    publisher_client.post(url, {"decision": "reject", "reason": "The 2024 report gives RMB, not USD."})

    project.refresh_from_db()
    assert project.title_en == "Guoyuan Port link"
    revision.refresh_from_db()
    assert (revision.status, revision.reason) == ("rejected", "The 2024 report gives RMB, not USD.")
    outcome = _text(editor_client.get(admin_url(Project, "change", project.pk)).content)
    assert "proposed by editor-user: rejected by publisher-user on" in outcome
    assert "The 2024 report gives RMB, not USD." in outcome
    history = _text(publisher_client.get(admin_url(Project, "history", project.pk)).content)
    proposal = "· editor-user Change to a published record The amount from the 2024 report."
    assert f"{proposal} Rejected · publisher-user ·" in history
    assert "· The 2024 report gives RMB, not USD." in history
    again = publisher_client.post(url, {"decision": "approve"}, follow=True)
    assert "This revision was already decided." in _text(again.content)
    assert Project.objects.get(pk=project.pk).title_en == "Guoyuan Port link"


def test_an_editor_may_not_decide_and_a_decision_is_posted(editor_client, publisher_client):
    project = make_project()
    _propose_title_and_amount(editor_client, project)
    revision = Revision.objects.get()
    url = admin_url(Project, "review", project.pk, revision.pk)

    assert editor_client.post(url, {"decision": "approve"}).status_code == 403
    assert publisher_client.get(url).status_code == 405
    assert "Choose to approve or to reject" in _text(publisher_client.post(url, {}, follow=True).content)
    assert Revision.objects.get().status == "pending"
    assert Project.objects.get(pk=project.pk).title_en == project.title_en


def test_participants_changed_by_an_editor_wait_for_review_too(editor_client, publisher_client, client):
    bank = make_organization(slug="dbs", name_en="DBS Bank")
    port = make_organization(slug="port", name_en="Chongqing Port Group")
    project = make_project(participants=[(bank, "funding")])
    row = project.participations.get()
    data = project_form(project)
    data.update(
        {
            **inline_management(("participations",), participations=1),
            "participations-TOTAL_FORMS": "2",
            "participations-0-id": str(row.pk),
            "participations-0-project": str(project.pk),
            "participations-0-organization": str(bank.pk),
            "participations-0-role": "funding",
            "participations-0-position": "0",
            "participations-0-DELETE": "on",
            "participations-1-project": str(project.pk),
            "participations-1-organization": str(port.pk),
            "participations-1-role": "operator",
            "participations-1-position": "1",
        }
    )

    assert editor_client.post(admin_url(Project, "change", project.pk), data).status_code == 302

    assert [(p.organization.slug, p.role) for p in project.participations.all()] == [("dbs", "funding")]
    assert "DBS Bank" in _text(client.get(project.get_absolute_url()).content)
    page = publisher_client.get(admin_url(Project, "change", project.pk))
    assert _pending_table(page) == [["Participants", "DBS Bank · Funder · 0", "Chongqing Port Group · Operator · 1"]]

    publisher_client.post(admin_url(Project, "review", project.pk, Revision.objects.get().pk), {"decision": "approve"})

    assert [(p.organization.slug, p.role) for p in project.participations.all()] == [("port", "operator")]
    assert "Chongqing Port Group" in _text(client.get(project.get_absolute_url()).content)


def test_a_publishers_own_change_and_an_editors_draft_are_saved_at_once(editor_client, publisher_client):
    published = make_project(title_en="Published")
    draft = make_project(title_en="Draft", is_published=False)

    publisher_client.post(
        admin_url(Project, "change", published.pk), project_form(published, title_en="By a publisher")
    )
    editor_client.post(admin_url(Project, "change", draft.pk), project_form(draft, title_en="Draft, edited"))

    assert Project.objects.get(pk=published.pk).title_en == "By a publisher"
    assert Project.objects.get(pk=draft.pk).title_en == "Draft, edited"
    assert Revision.objects.count() == 0


def test_an_editor_marks_a_draft_ready_and_a_publisher_publishes_it_from_the_queue(editor_client, publisher_client):
    draft = make_article(title_en="Rail link opens", is_published=False)
    older = make_project(title_en="Older draft", is_published=False)
    editor_client.post(admin_url(Project, "ready", older.pk), {"review_note": "Checked against the bulletin."})

    response = editor_client.post(admin_url(Article, "ready", draft.pk), {"review_note": "Ready."}, follow=True)

    assert "waits for a publisher's review" in _text(response.content)
    assert "Ask a publisher to publish this draft" not in _text(response.content)
    again = editor_client.post(admin_url(Article, "ready", draft.pk), {}, follow=True)
    assert "This draft is already waiting for review." in _text(again.content)
    queue = _text(publisher_client.get(admin_url(Revision, "changelist")).content)
    assert queue.index("Older draft") < queue.index("Rail link opens")  # oldest first
    assert "Checked against the bulletin." in queue
    home = publisher_client.get("/admin/")
    assert "Awaiting review: 0 changes and 2 drafts" in _text(home.content)

    revision = Revision.objects.get(object_id=draft.pk, content_type__model="article")
    publisher_client.post(admin_url(Article, "review", draft.pk, revision.pk), {"decision": "approve"}, follow=True)

    assert Article.objects.get(pk=draft.pk).is_published is True
    assert "Rail link opens" not in _text(publisher_client.get(admin_url(Revision, "changelist")).content)
    done = _text(publisher_client.get(admin_url(Revision, "changelist") + "?status=approved").content)
    assert "Rail link opens" in done


def test_an_editors_revert_of_a_published_article_is_proposed_not_written(editor_client):
    article = make_article(title_en="First title")
    article.title_en = "Second title"
    article.save()
    first = article.history.earliest()

    response = editor_client.post(
        admin_url(Article, "history", article.pk) + f"{first.history_id}/",
        article_form(article, title_en="First title", published_on="2024-01-01"),
    )

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title_en == "Second title"
    revision = Revision.objects.get()
    assert revision.fields == {"title_en": "First title"}
    assert revision.note.startswith("Back to the version of ")


def test_an_editors_import_may_not_change_a_published_record_but_may_repeat_it(editor_client, publisher_client):
    from projects.models import Organization
    from projects.resources import OrganizationResource
    from tests.admin_client import confirm, preview, upload

    make_organization(slug="dbs", name_en="DBS Bank")
    exported = OrganizationResource().export(Organization.objects.all())
    unchanged = upload("organizations.csv", exported.csv.encode())
    exported.dict = [{**row, "name_en": "DBS Bank Ltd"} for row in exported.dict]
    renamed = exported.csv.encode()

    assert preview(editor_client, Organization, unchanged).context["result"].totals["skip"] == 1
    refused = preview(editor_client, Organization, upload("organizations.csv", renamed))
    by_publisher = preview(publisher_client, Organization, upload("organizations.csv", renamed))
    confirm(publisher_client, Organization, by_publisher)

    assert [row.non_field_specific_errors for row in refused.context["result"].invalid_rows] == [
        [
            "This record is published, and a change to it needs a publisher's review: propose it on the record's "
            "page in the admin, or ask a publisher to import the file."
        ]
    ]
    assert Organization.objects.get(slug="dbs").name_en == "DBS Bank Ltd"
