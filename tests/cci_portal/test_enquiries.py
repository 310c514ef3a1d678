"""Ask the bureau: the enquiry form on the contact page and on record pages, its stored records,
emails, limits, honeypot, privacy, and who sees enquiries."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cci_portal.enquiries.services import enquiry_purge_expired, enquiry_submit
from cci_portal.models import Enquiry, EnquiryStatus
from tests.api_client import PASSWORD
from tests.factories import make_organization, make_project, make_staff, make_zone

pytestmark = pytest.mark.django_db

FORM = {"name": "Tan Wei Ling", "email": "weiling@example.sg", "organization": "Port Authority", "message": "Hi?"}


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server down")


def post(client, path="/contact/", **fields):
    return client.post(path, {**FORM, **fields})


def test_an_enquiry_about_a_project_is_stored_with_exactly_what_was_sent(client):
    project = make_project(public_id="CCI-2020-0042", title_en="Chongqing logistics hub")

    response = post(client, subject_kind="project", subject="CCI-2020-0042")

    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email, enquiry.organization, enquiry.message, enquiry.language) == (
        "Tan Wei Ling",
        "weiling@example.sg",
        "Port Authority",
        "Hi?",
        "en",
    )
    assert (enquiry.project, enquiry.zone, enquiry.subject_organization) == (project, None, None)
    assert (enquiry.status, enquiry.assigned_to, enquiry.staff_notes) == (EnquiryStatus.NEW, None, "")
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your enquiry" in thanks.text


@pytest.mark.parametrize("kind", ["zone", "organization"])
def test_an_enquiry_about_a_zone_or_organization_names_it(client, kind):
    record = make_zone(slug="liangjiang") if kind == "zone" else make_organization(slug="liangjiang")

    post(client, subject_kind=kind, subject="liangjiang")

    assert Enquiry.objects.get().subject == record


def test_the_contact_page_sends_a_general_enquiry(client):
    page = client.get("/contact/")
    assert page.status_code == 200
    assert "Contact the bureau" in page.text
    assert 'name="csrfmiddlewaretoken"' in page.text

    post(client)

    assert Enquiry.objects.get().subject is None


def test_the_confirmation_is_in_english_for_an_english_sender(client):
    make_project(public_id="CCI-2020-0042", title_en="Chongqing logistics hub")

    post(client, subject_kind="project", subject="CCI-2020-0042")

    [message] = mail.outbox
    assert message.subject == "Your enquiry to the CCI Portal"
    assert message.to == ["weiling@example.sg"]
    assert message.body.startswith("Dear Tan Wei Ling,\n\nThank you for your enquiry to the CCI Portal.")
    assert "About: CCI-2020-0042 Chongqing logistics hub" in message.body
    assert "Your message:\nHi?\n" in message.body


def test_the_confirmation_is_in_chinese_for_a_chinese_sender(client):
    response = post(client, path="/zh-hans/contact/", name="王芳")

    assert response["Location"] == "/zh-hans/contact/thanks/"
    assert Enquiry.objects.get().language == "zh-hans"
    [message] = mail.outbox
    assert message.subject == "您向CCI门户提交的咨询"
    assert message.body.startswith("王芳，您好：\n\n感谢您向CCI门户提交咨询。")
    assert "您的留言：\nHi?\n" in message.body
    assert "感谢您的咨询" in client.get("/zh-hans/contact/thanks/").text


def test_the_bureau_gets_a_notice_when_its_address_is_set(client, settings):
    settings.ENQUIRY_NOTIFY_EMAIL = "bureau@example.org"

    post(client)

    assert [message.to for message in mail.outbox] == [["weiling@example.sg"], ["bureau@example.org"]]
    assert mail.outbox[1].subject == "New enquiry from Tan Wei Ling"


def test_a_failing_email_backend_keeps_the_enquiry_and_thanks_the_sender(client, settings, caplog):
    settings.EMAIL_BACKEND = "tests.cci_portal.test_enquiries.FailingEmailBackend"

    response = post(client)

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert Enquiry.objects.get().email == "weiling@example.sg"
    assert "could not be sent" in caplog.text


def test_the_service_stores_before_sending(settings):
    settings.EMAIL_BACKEND = "tests.cci_portal.test_enquiries.FailingEmailBackend"

    enquiry = enquiry_submit(name="A", email="a@example.org", message="Question", language="en")

    assert Enquiry.objects.filter(pk=enquiry.pk).exists()


def test_a_bot_that_fills_the_honeypot_sees_the_thank_you_page_but_nothing_is_kept(client):
    response = post(client, website="http://spam.example")

    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = client.get("/contact/").text

    trap = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', page, re.S).group(1)
    assert "Leave this field empty" in trap
    assert 'name="website"' in trap and 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_missing_fields_re_render_the_form_with_messages_in_english(client):
    response = client.post("/contact/", {"name": "", "email": "not-an-address", "message": ""})

    assert response.status_code == 400
    assert 'data-testid="error-name">This field is required.' in response.text
    assert 'data-testid="error-email">Enter a valid email address.' in response.text
    assert 'value="not-an-address"' in response.text
    assert Enquiry.objects.count() == 0


def test_missing_fields_re_render_the_form_with_messages_in_chinese(client):
    response = client.post("/zh-hans/contact/", {"name": "", "email": "x@example.org", "message": ""})

    assert response.status_code == 400
    assert 'data-testid="error-name">该字段是必填项。' in response.text
    assert "您的姓名" in response.text


def test_an_unpublished_subject_is_a_400_that_says_so(client):
    make_project(public_id="CCI-2020-0007", is_published=False)

    response = post(client, subject_kind="project", subject="CCI-2020-0007")

    assert response.status_code == 400
    assert "The record this enquiry is about is not published." in response.text
    assert Enquiry.objects.count() == 0


def test_an_unknown_subject_kind_is_a_400(client):
    response = post(client, subject_kind="article", subject="x")

    assert response.status_code == 400
    assert "The page this enquiry came from is not one the bureau answers about." in response.text


def test_one_email_address_is_limited(client, settings):
    settings.ENQUIRY_RATE_LIMITS = {"client": None, "email": "2/hour"}

    answers = [post(client, email="Same@Example.org" if n % 2 else "same@example.org").status_code for n in range(3)]

    assert answers == [302, 302, 429]
    assert Enquiry.objects.count() == 2


def test_one_client_is_limited_whatever_the_address(client, settings):
    settings.ENQUIRY_RATE_LIMITS = {"client": "2/hour", "email": None}

    answers = [post(client, email=f"sender{n}@example.org").status_code for n in range(3)]

    assert answers == [302, 302, 429]
    assert Enquiry.objects.count() == 2


def test_the_form_is_csrf_protected_and_works_after_a_cached_page(settings):
    settings.PAGE_CACHE = True
    make_project(public_id="CCI-2020-0042")
    browser = Client(enforce_csrf_checks=True)
    Client().get("/")  # the home page, now in the page cache

    assert browser.post("/contact/", FORM).status_code == 403
    page = browser.get("/projects/CCI-2020-0042/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = browser.post(
        "/contact/", {**FORM, "subject_kind": "project", "subject": "CCI-2020-0042", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert Enquiry.objects.count() == 1


def test_the_contact_page_is_never_cached():
    response = Client().get("/contact/")

    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["project", "zone", "organization"])
def test_a_published_record_page_carries_the_form_and_a_draft_preview_does_not(client, kind):
    make = {"project": make_project, "zone": make_zone, "organization": make_organization}[kind]
    published, draft = make(), make(is_published=False)
    client.force_login(make_staff("viewer"))

    shown = client.get(published.get_absolute_url()).text
    hidden = client.get(draft.get_absolute_url()).text

    key = published.public_id if kind == "project" else published.slug
    assert f'name="subject_kind" value="{kind}"' in shown and f'name="subject" value="{key}"' in shown
    assert "We keep an enquiry for two years, then delete it." in shown
    assert 'data-testid="enquiry"' not in hidden


def test_enquiries_are_never_public(client):
    project = make_project(title_en="Hub")
    enquiry_submit(
        name="Zhaoxi Secret", email="zx@example.org", message="Zhaoxi question", language="en", record=project
    )

    pages = [
        client.get("/api/v1/"),
        client.get(f"/api/v1/projects/{project.public_id}/"),
        client.get("/sitemap.xml"),
        client.get("/search/?q=Zhaoxi"),
        client.get(project.get_absolute_url()),
        client.get("/api/v1/projects/?format=csv"),
    ]

    assert [page.status_code for page in pages] == [200] * 6
    for page in pages:
        text = (b"".join(page.streaming_content) if page.streaming else page.content).decode()
        assert "Zhaoxi Secret" not in text and "zx@example.org" not in text and "Zhaoxi question" not in text
    assert client.get("/api/v1/enquiries/").status_code == 404
    assert client.get("/admin/cci_portal/enquiry/")["Location"].startswith("/admin/login/")


def test_a_publisher_lists_filters_and_assigns_enquiries(client):
    publisher = make_staff("publisher")
    enquiry_submit(name="Tan Wei Ling", email="weiling@example.sg", message="Hi?", language="en")
    enquiry_submit(name="Wang Fang", email="wf@example.cn", message="你好", language="zh-hans")
    client.force_login(publisher)

    listing = client.get("/admin/cci_portal/enquiry/?status__exact=new&q=Tan")
    enquiry = Enquiry.objects.get(name="Tan Wei Ling")
    change = client.post(
        f"/admin/cci_portal/enquiry/{enquiry.pk}/change/",
        {"status": "in_progress", "assigned_to": publisher.pk, "staff_notes": "Asked the zone office."},
    )

    assert listing.status_code == 200
    assert "weiling@example.sg" in listing.text and "wf@example.cn" not in listing.text
    assert change.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.assigned_to, enquiry.staff_notes, enquiry.message) == (
        "in_progress",
        publisher,
        "Asked the zone office.",
        "Hi?",
    )
    assert client.get(f"/admin/cci_portal/enquiry/?assigned_to__id__exact={publisher.pk}").status_code == 200
    assert client.get("/admin/cci_portal/enquiry/add/").status_code == 403


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 403), ("publisher", 200)])
def test_only_publishers_and_superusers_see_enquiries(client, role, status):
    client.force_login(make_staff(role))

    assert client.get("/admin/cci_portal/enquiry/").status_code == status


def test_a_superuser_sees_and_deletes_enquiries(client):
    enquiry = enquiry_submit(name="A", email="a@example.org", message="Q", language="en")
    client.force_login(User.objects.create_superuser(username="admin", password=PASSWORD))

    assert client.get("/admin/cci_portal/enquiry/").status_code == 200
    assert client.post(f"/admin/cci_portal/enquiry/{enquiry.pk}/delete/", {"post": "yes"}).status_code == 302
    assert Enquiry.objects.count() == 0


def test_enquiries_older_than_the_retention_period_are_purged(settings):
    settings.ENQUIRY_RETENTION_DAYS = 730
    old = enquiry_submit(name="Old", email="o@example.org", message="Q", language="en")
    Enquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))
    enquiry_submit(name="Recent", email="r@example.org", message="Q", language="en")

    assert enquiry_purge_expired() == 1
    out = StringIO()
    call_command("purge_enquiries", stdout=out)
    assert out.getvalue() == "Deleted 0 enquiries older than 730 days.\n"
    assert list(Enquiry.objects.values_list("name", flat=True)) == ["Recent"]
