"""Email through the queue to a real SMTP server: headers, parts, retries, exactly once."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from campaigns.models import EmailKind, EmailStatus, OutboundEmail
from campaigns.outbox.queue import queue_email
from campaigns.outbox.tasks import deliver_email, retry_failed

from .. import smtp
from ..access.factories import StaffFactory
from ..contact.factories import VALID
from ..smtp import pending_retries, run_email_worker, skip_back_off
from .factories import OutboundEmailFactory

smtp_server = smtp.smtp_server  # the fixture, under the name the tests ask for


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def queue_test_email(**overrides):
    return queue_email(
        **{
            "to": ["team@example.org"],
            "subject": "Hello",
            "body_text": "Plain",
            "body_html": "<p>Rich</p>",
            **overrides,
        }
    )


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    # SMTP carries CRLF line ends.
    return text.replace("\r\n", "\n"), html.replace("\r\n", "\n")


# --- a contact message, end to end -----------------------------------------------------


def test_contact_message_is_stored_then_arrives_with_the_right_headers(
    client, contact_page, smtp_server
):
    response = client.post(
        contact_page.url,
        {**VALID, "name": "Aigerim Sadykova", "message": "About the hearing.\nTwo lines."},
    )
    assert response.status_code == 200
    # Stored before any email is attempted: the queue has not run yet.
    assert FormSubmission.objects.filter(page=contact_page).count() == 1
    assert smtp_server.messages == []

    run_email_worker()

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "team@example.org"
    assert message["From"] == "campaign@localhost"
    assert message["Reply-To"] == "Aigerim Sadykova <supporter@example.org>"
    assert message["Subject"] == "Message from the contact form"
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    assert "About the hearing.\nTwo lines." in text
    assert "Aigerim Sadykova" in text
    assert "About the hearing.<br>Two lines." in html
    email_row = OutboundEmail.objects.get()
    assert email_row.status == EmailStatus.SENT
    assert email_row.kind == EmailKind.CONTACT
    assert email_row.attempts == 1


def test_the_page_subject_and_from_address_set_in_the_admin_are_used(
    client, contact_page, smtp_server
):
    contact_page.subject = "Website message"
    contact_page.from_address = "noreply@example.org"
    contact_page.to_address = "a@example.org, b@example.org"
    contact_page.save()
    client.post(contact_page.url, VALID)
    run_email_worker()
    (message,) = smtp_server.messages
    assert message["Subject"] == "Website message"
    assert message["From"] == "noreply@example.org"
    assert message["To"] == "a@example.org, b@example.org"


def test_html_in_a_message_is_escaped_in_the_emails_html_part(client, contact_page, smtp_server):
    client.post(contact_page.url, {**VALID, "message": "<script>alert(1)</script> & <b>hi</b>"})
    run_email_worker()
    text, html = parts(smtp_server.messages[0])
    assert "<script>alert(1)</script> & <b>hi</b>" in text  # plain text stays as typed
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;hi&lt;/b&gt;" in html


def test_a_crlf_in_the_name_cannot_add_headers(client, contact_page, smtp_server):
    client.post(
        contact_page.url,
        {**VALID, "name": "Eve\r\nBcc: victim@example.org\r\nX-Injected: yes"},
    )
    run_email_worker()
    (message,) = smtp_server.messages
    assert message["Bcc"] is None
    assert message["X-Injected"] is None
    assert message["Reply-To"].addresses[0].addr_spec == "supporter@example.org"
    assert "\n" not in str(message["Reply-To"])
    # Only the team received it: the smuggled address never became a recipient.
    assert message["To"] == "team@example.org"


def test_a_crlf_in_a_subject_is_normalised_before_it_reaches_a_header(db, smtp_server):
    queue_test_email(subject="Hello\r\nBcc: victim@example.org", headers={"X-Case\r\n": "a\r\nb"})
    assert OutboundEmail.objects.get().subject == "Hello Bcc: victim@example.org"
    run_email_worker()
    (message,) = smtp_server.messages
    assert message["Subject"] == "Hello Bcc: victim@example.org"
    assert message["Bcc"] is None
    assert message["X-Case"] == "a b"


def test_a_unicode_domain_reaches_the_server_encoded(client, contact_page, smtp_server):
    client.post(contact_page.url, {**VALID, "email": "user@exämple.org", "name": "Жанна"})
    run_email_worker()
    (message,) = smtp_server.messages
    (address,) = message["Reply-To"].addresses
    assert address.display_name == "Жанна"
    assert address.addr_spec == "user@xn--exmple-cua.org"


# --- SMTP down, retries, exactly once --------------------------------------------------


def test_smtp_down_keeps_the_message_retries_with_back_off_and_delivers_once(
    client, contact_page, smtp_server, settings
):
    smtp_server.stop()
    response = client.post(contact_page.url, VALID)
    assert response.status_code == 200  # the supporter is thanked all the same
    assert FormSubmission.objects.filter(page=contact_page).count() == 1

    before = timezone.now()
    run_email_worker()
    email_row = OutboundEmail.objects.get()
    assert (email_row.status, email_row.attempts) == (EmailStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in email_row.last_error
    retry = pending_retries().get()
    first_delay = retry.run_after - before
    assert (
        datetime.timedelta(seconds=settings.EMAIL_RETRY_DELAY)
        <= first_delay
        < datetime.timedelta(seconds=settings.EMAIL_RETRY_DELAY + 30)
    )

    run_email_worker()  # the retry is not due yet: nothing happens
    assert OutboundEmail.objects.get().attempts == 1

    skip_back_off()
    before = timezone.now()
    run_email_worker()
    assert OutboundEmail.objects.get().attempts == 2
    second_delay = pending_retries().get().run_after - before
    assert second_delay >= 2 * datetime.timedelta(seconds=settings.EMAIL_RETRY_DELAY)

    smtp_server.start()
    skip_back_off()
    run_email_worker()
    assert len(smtp_server.messages) == 1
    email_row = OutboundEmail.objects.get()
    assert (email_row.status, email_row.attempts) == (EmailStatus.SENT, 3)
    assert not pending_retries().exists()

    # Nothing is sent twice: not by another worker pass, nor by a duplicated task.
    run_email_worker()
    deliver_email.enqueue(email_row.pk)
    run_email_worker()
    deliver_email.call(email_row.pk)
    assert len(smtp_server.messages) == 1


def test_after_the_last_attempt_the_email_is_failed_and_can_be_retried(db, smtp_server, settings):
    settings.EMAIL_MAX_ATTEMPTS = 3
    smtp_server.stop()
    email_row = queue_test_email()
    for _attempt in range(5):
        run_email_worker()
        skip_back_off()
    email_row.refresh_from_db()
    assert (email_row.status, email_row.attempts) == (EmailStatus.FAILED, 3)
    assert not pending_retries().exists()

    smtp_server.start()
    assert retry_failed(email_row)
    assert not retry_failed(email_row)  # already queued again: one retry, not two
    run_email_worker()
    email_row.refresh_from_db()
    assert email_row.status == EmailStatus.SENT
    assert len(smtp_server.messages) == 1


def test_a_message_the_server_rejects_for_good_is_not_retried(db, smtp_server):
    async def reject(server, session, envelope):
        return "554 Transaction failed"

    smtp_server.controller.handler.handle_DATA = reject
    email_row = queue_test_email()
    run_email_worker()
    email_row.refresh_from_db()
    assert email_row.status == EmailStatus.FAILED
    assert "554" in email_row.last_error
    assert not pending_retries().exists()


def test_an_email_failure_never_loses_the_submission(client, contact_page, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr("campaigns.contact.models.queue_email", broken)
    response = client.post(contact_page.url, VALID)
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=contact_page).count() == 1


def test_the_queue_row_and_its_task_are_saved_together(db):
    email_row = queue_test_email()
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [email_row.pk], "kwargs": {}}
    assert (task.queue_name, task.backend_name) == ("email", "email")
    assert mail.outbox == []  # nothing is sent in the request


# --- the queue in the admin ------------------------------------------------------------


@pytest.fixture
def failed_email(db):
    return OutboundEmailFactory(
        to=["team@example.org"],
        subject="Could not be sent",
        body_text="x",
        status=EmailStatus.FAILED,
        attempts=6,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


def test_admins_see_the_queue_filter_it_and_retry_failed_email(client, failed_email):
    queue_test_email(subject="Still waiting")
    client.force_login(get_user_model().objects.create_superuser("admin", "", "pw"))
    index = reverse("outgoing_email:index")
    html = client.get(index).content.decode()
    assert "Could not be sent" in html and "Still waiting" in html
    html = client.get(index, {"status": "failed"}).content.decode()
    assert "Could not be sent" in html and "Still waiting" not in html
    retry_url = reverse("outgoing_email:retry", args=(failed_email.pk,))
    assert retry_url in html

    inspect = client.get(reverse("outgoing_email:inspect", args=(failed_email.pk,)))
    assert "ConnectionRefusedError" in inspect.content.decode()
    # Read-only: emails are never added or edited by hand.
    assert client.get(reverse("outgoing_email:add")).status_code in (302, 403)
    assert client.get(reverse("outgoing_email:edit", args=(failed_email.pk,))).status_code in (
        302,
        403,
    )

    response = client.post(retry_url)
    assert response.status_code == 302
    failed_email.refresh_from_db()
    assert (failed_email.status, failed_email.attempts) == (EmailStatus.QUEUED, 0)
    assert DBTaskResult.objects.filter(args_kwargs__args=[failed_email.pk]).exists()


def test_the_queue_is_closed_to_staff_without_permission(client, failed_email):
    client.force_login(StaffFactory(username="nobody"))
    assert client.get(reverse("outgoing_email:index")).status_code in (302, 403)
    retry_url = reverse("outgoing_email:retry", args=(failed_email.pk,))
    assert client.post(retry_url).status_code in (302, 403)
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.FAILED


def test_viewers_cannot_retry(client, failed_email):
    viewer = StaffFactory(username="viewer", permissions=["campaigns.view_outboundemail"])
    client.force_login(viewer)
    html = client.get(reverse("outgoing_email:index")).content.decode()
    assert "Could not be sent" in html
    retry_url = reverse("outgoing_email:retry", args=(failed_email.pk,))
    assert retry_url not in html
    client.post(retry_url)
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.FAILED

    operator = StaffFactory(
        username="operator",
        permissions=["campaigns.view_outboundemail", "campaigns.retry_outboundemail"],
    )
    client.force_login(operator)
    client.post(retry_url)
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.QUEUED
