"""Outgoing email in the admin: each email as its recipient reads it, for those allowed to."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from campaigns.access.roles import CAMPAIGNERS, EDITORS, SUPPORTER_DATA
from campaigns.outbox.queue import queue_email

from ..access.factories import StaffFactory, UserFactory

# Longer than a quoted-printable line, with the characters that encoding and HTML change.
LONG_URL = "http://127.0.0.1:8123/act/confirm/" + "eyJzaWduYXR1cmUiOjQyfQ=" * 4 + ":1tXy/?a=1&b=2"
SUPPORTER = "supporter-secret@example.org"


@pytest.fixture
def email(db):
    return queue_email(
        to=[SUPPORTER],
        subject="Please confirm your signature",
        body_text=f"Open this link:\n{LONG_URL}\n\nNot a tag: <script>alert(1)</script>",
        body_html=f'<p><a href="{html.escape(LONG_URL)}">Confirm my signature</a></p>',
    )


def inspect_url(email):
    return reverse("outgoing_email:inspect", args=(email.pk,))


def test_the_inspect_view_shows_the_text_with_its_links_clickable(client, email):
    client.force_login(get_user_model().objects.create_superuser("admin", "", "pw"))
    index = client.get(reverse("outgoing_email:index")).content.decode()
    assert inspect_url(email) in index  # the subject leads to it

    page = client.get(inspect_url(email)).content.decode()
    link = f'<a href="{html.escape(LONG_URL)}">{html.escape(LONG_URL)}</a>'
    assert page.count(link) == 2  # in the text, and in the list of links
    assert SUPPORTER in page and f"[&#x27;{SUPPORTER}" not in page  # an address, not a list
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The HTML part is shown as the recipient sees it, sandboxed away from the admin.
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in page
    assert html.escape(html.escape(LONG_URL)) in page  # inside srcdoc="..."


def test_a_viewer_of_outgoing_email_sees_it(client, email):
    viewer = StaffFactory(username="viewer", permissions=["campaigns.view_outboundemail"])
    client.force_login(viewer)
    response = client.get(inspect_url(email))
    assert response.status_code == 200
    assert f'<a href="{html.escape(LONG_URL)}">' in response.content.decode()


@pytest.mark.parametrize("role", [CAMPAIGNERS, EDITORS, SUPPORTER_DATA])
def test_other_roles_are_refused_the_email_and_its_links(client, email, role):
    client.force_login(UserFactory(role=role))
    response = client.get(inspect_url(email), follow=True)
    assert response.redirect_chain or response.status_code == 403
    page = response.content.decode()
    assert SUPPORTER not in page
    assert "/act/confirm/" not in page
