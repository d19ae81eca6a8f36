"""Control characters in what supporters type are dropped, in every public form, on every
database: never a 500 (PostgreSQL cannot store NUL), never a refusal over something the
person cannot see. See campaigns/supporters/text.py for the rule and why."""

import pytest
from django.core.cache import cache

from campaigns.models import BlogComment, Signature
from campaigns.supporters.text import multi_line, one_line

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory

HOSTILE = "A\x00n\x01a\x1b[31m\x7f \u202eevil\u202c\u2028B\x85C\u2066x\u2069\x9b"


def test_one_line_drops_every_invisible_character():
    assert one_line(HOSTILE) == "A n a [31m evil B C x"
    assert one_line("  Ана\r\nКим\t ") == "Ана Ким"


def test_multi_line_keeps_line_breaks_and_tabs_only():
    assert multi_line(HOSTILE) == "Ana[31m evil\nB\nCx"
    assert multi_line("a\r\nb\rc\u2029d\te") == "a\nb\nc\nd\te"
    assert multi_line("\x00\x01 \n") == ""  # nothing left: the field is empty


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def test_a_comment_is_stored_without_them(client, home_page):
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home_page))
    data = {"author_name": HOSTILE, "email": "", "body": HOSTILE, "website": ""}
    assert client.post(f"/comments/{post.pk}/", data).status_code == 200
    comment = BlogComment.objects.get()
    assert comment.author_name == one_line(HOSTILE)
    assert comment.body == multi_line(HOSTILE)


def test_a_comment_of_control_characters_only_is_empty(client, home_page):
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home_page))
    data = {"author_name": "\x00\x01", "email": "", "body": "\x00\u202e", "website": ""}
    response = client.post(f"/comments/{post.pk}/", data)
    assert response.status_code == 400
    assert "Please write your comment." in response.text
    assert not BlogComment.objects.exists()


def test_a_signature_name_is_stored_without_them(client, home_page):
    petition = ActionPageFactory(parent=ActionIndexPageFactory(parent=home_page))
    data = {"name": HOSTILE, "email": "ana@example.org", "consent": "on", "website": ""}
    assert client.post(f"/sign/{petition.pk}/", data).status_code == 303
    assert Signature.objects.get().name == one_line(HOSTILE)


def test_the_contact_form_stores_them_dropped(client, contact_page):
    data = {"name": HOSTILE, "email": "ana@example.org", "message": HOSTILE, "website": ""}
    assert client.post(contact_page.url, data).status_code == 200
    (stored,) = contact_page.get_submission_class().objects.all()
    assert stored.form_data["name"] == one_line(HOSTILE)
    assert stored.form_data["message"] == multi_line(HOSTILE)


def test_undecodable_bytes_in_a_body_are_not_a_500(client, home_page):
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home_page))
    body = b"author_name=Dana&website=&body=%ED%A0%80%FF%00ok"
    response = client.post(
        f"/comments/{post.pk}/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert BlogComment.objects.get().body == "\ufffd\ufffd\ufffd\ufffdok"
