"""The development mailer: every email decoded in var/mail/, its links whole and clickable."""

import io

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from campaigns.outbox.queue import queue_email
from home.mail import DevelopmentEmailBackend, links_in

from ..smtp import run_email_worker

# Longer than the 76 characters a quoted-printable line may hold, with the "=" that
# quoted-printable writes as "=3D": copied from the raw message, it leads nowhere.
LONG_URL = "http://127.0.0.1:8123/act/confirm/" + "eyJzaWduYXR1cmUiOjQyfQ=" * 4 + ":1tXyZ:abc/"


@pytest.fixture
def console():
    return io.StringIO()


@pytest.fixture
def backend(tmp_path, console):
    return DevelopmentEmailBackend(directory=tmp_path / "mail", stream=console)


def confirmation(**overrides):
    message = EmailMultiAlternatives(
        subject="Пожалуйста, подтвердите подпись: Reform “inciting discord”",
        body=f"Someone, we hope you, signed.\n\nOpen this link:\n{LONG_URL}\n\nThank you.",
        from_email="campaign@example.org",
        to=["Ада Reader <reader@example.org>"],
        **overrides,
    )
    message.attach_alternative(
        f'<p>Someone signed.</p><p><a href="{LONG_URL}">Confirm my signature</a></p>',
        "text/html",
    )
    return message


def written(directory, suffix):
    (path,) = directory.glob(f"*{suffix}")
    return path.read_bytes() if suffix == ".eml" else path.read_text(encoding="utf-8")


def test_each_message_is_written_decoded_with_long_links_whole(backend, tmp_path):
    assert len(LONG_URL) > 76
    assert backend.send_messages([confirmation()]) == 1
    directory = tmp_path / "mail"
    # On the wire the link is cut by soft line breaks: the reason for this backend.
    assert LONG_URL.encode() not in written(directory, ".eml")
    text = written(directory, ".txt")
    assert LONG_URL in text.splitlines()
    assert "To: Ада Reader <reader@example.org>" in text
    assert "Subject: Пожалуйста, подтвердите подпись: Reform “inciting discord”" in text
    assert "\nDate: " in text
    assert text.rstrip().endswith(f"Links:\n{LONG_URL}")
    html = written(directory, ".html")
    assert f'<a href="{LONG_URL}">Confirm my signature</a>' in html
    assert '<meta charset="utf-8">' in html


def test_the_console_gets_a_short_summary_with_each_link_on_its_own_line(backend, console):
    backend.send_messages([confirmation()])
    lines = console.getvalue().splitlines()
    assert lines[0] == (
        "Email “Пожалуйста, подтвердите подпись: Reform “inciting discord”” "
        "to Ада Reader <reader@example.org>"
    )
    assert lines[1].startswith("  decoded in ") and lines[1].endswith(".txt (also .html, .eml)")
    assert [line.strip() for line in lines[2:]] == [LONG_URL]
    assert "=3D" not in console.getvalue()


def test_one_file_set_per_message_in_the_order_sent(backend, tmp_path):
    backend.send_messages([confirmation(), confirmation(bcc=["team@example.org"])])
    texts = sorted((tmp_path / "mail").glob("*.txt"))
    assert len(texts) == 2
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 2
    assert "Bcc: team@example.org" in texts[1].read_text(encoding="utf-8")


def test_a_plain_text_email_has_no_html_file(backend, tmp_path, console):
    backend.send_messages([mail.EmailMessage("Plain", f"Go to {LONG_URL}.", to=["a@b.org"])])
    assert not list((tmp_path / "mail").glob("*.html"))
    assert LONG_URL in written(tmp_path / "mail", ".txt").splitlines()[-1]
    assert "(also .eml)" in console.getvalue()


def test_queued_email_reaches_var_mail_through_the_worker(db, settings, tmp_path, capsys):
    settings.MAILERS = {
        "default": {
            "BACKEND": "home.mail.DevelopmentEmailBackend",
            "OPTIONS": {"directory": str(tmp_path)},
        }
    }
    queue_email(
        to=["reader@example.org"],
        subject="Please confirm",
        body_text=f"Open this link:\n{LONG_URL}\n",
        body_html=f'<a href="{LONG_URL}">Confirm</a>',
    )
    run_email_worker()
    assert LONG_URL in written(tmp_path, ".txt").splitlines()
    assert f"  {LONG_URL}" in capsys.readouterr().out.splitlines()


def test_links_are_found_whole_in_text_and_html():
    text = (
        "Sign (https://example.org/act/sign/?a=1&b=2). See https://example.org/about/, "
        "then «https://example.org/ru/»."
    )
    html = (
        '<a href="https://example.org/act/sign/?a=1&amp;b=2">x</a>'
        '<a href="mailto:team@example.org">y</a><a href="/relative/">z</a>'
        '<a href="https://example.org/privacy/">p</a>'
    )
    assert links_in(text, html) == [
        "https://example.org/act/sign/?a=1&b=2",
        "https://example.org/about/",
        "https://example.org/ru/",
        "https://example.org/privacy/",
    ]
