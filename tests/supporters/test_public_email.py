"""Every public form refuses an address no public mail server could receive, and says why.

`validate_public_email` (campaigns/supporters/emails.py) is the one check; these tests drive
it directly and through each form that takes an address: follow, sign, contact, comment.
"""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from campaigns.models import BlogComment, Follow, OutboundEmail, Signature
from campaigns.supporters.emails import validate_public_email

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CasePageFactory

MESSAGE = "Please give an email address at a public domain, like name@mail.kz."

NOT_PUBLIC = [
    "x@[127.0.0.1]",  # IP literals: mail straight to a machine, ours or a private one
    "x@[IPv6:::1]",
    "x@localhost",  # dotless: a host on the server's own network
    "x@intranet",
    "x@mail.localhost",  # RFC 6761
    "x@printer.local",  # RFC 6762, multicast DNS
    "x@host.test",  # RFC 2606 / 6761
    "x@host.invalid",
    "x@host.example",
    "x@router.home.arpa",  # RFC 8375
    "x@1.0.0.127.in-addr.arpa",
    "x@hidden.onion",  # RFC 7686
    "x@a.alt",  # RFC 9476
    "x@db.internal",  # ICANN, 2024
    "x@files.corp",
    "x@nas.home",
    "x@pc.lan",
    "x@box.private",
    "x@host.localdomain",
    "x@Host.LOCAL",
    "x@host.local.",
    "x@a_b.org",  # not a host name label
    "x@exa\u202emple.org",  # a right-to-left override hidden in the domain
]
PUBLIC = [
    "name@mail.kz",
    "reader@example.org",  # RFC 2606 reserves these second-level names, but they resolve:
    "reader@example.com",  # the tests and the demo use them, so they are accepted
    "reader@exämple.org",
    "reader@пример.рф",
    "a@xn--80ak6aa92e.com",
    "a@sub.domain.co.uk",
    "",  # empty: the field's own "required" says so
]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_addresses_off_the_public_internet_are_refused(address):
    with pytest.raises(ValidationError) as refused:
        validate_public_email(address)
    assert refused.value.messages == [MESSAGE]


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    validate_public_email(address)


# --- through every form -----------------------------------------------------------------

FORM_CASES = ["x@[127.0.0.1]", "x@localhost", "x@nas.home"]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.mark.parametrize("address", FORM_CASES)
def test_follow_refuses(client, cases, address):
    case = CasePageFactory(parent=cases)
    response = client.post(f"/follow/{case.pk}/", {"email": address, "website": ""})
    assert response.status_code == 400
    assert MESSAGE in response.text
    assert not Follow.objects.exists() and not OutboundEmail.objects.exists()


@pytest.mark.parametrize("address", FORM_CASES)
def test_signing_refuses(client, home_page, address):
    petition = ActionPageFactory(parent=ActionIndexPageFactory(parent=home_page))
    data = {"name": "Ana", "email": address, "consent": "on", "website": ""}
    response = client.post(f"/sign/{petition.pk}/", data)
    assert response.status_code == 400
    assert MESSAGE in response.text
    assert not Signature.objects.exists() and not OutboundEmail.objects.exists()


@pytest.mark.parametrize("address", FORM_CASES)
def test_the_contact_form_refuses(client, contact_page, address):
    data = {"name": "Ana", "email": address, "message": "Hello", "website": ""}
    response = client.post(contact_page.url, data)
    assert response.status_code == 400
    assert MESSAGE in response.text
    assert not contact_page.get_submission_class().objects.exists()


@pytest.mark.parametrize("address", FORM_CASES)
def test_a_comment_refuses(client, home_page, address):
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home_page))
    data = {"author_name": "Dana", "email": address, "body": "Free them.", "website": ""}
    response = client.post(f"/comments/{post.pk}/", data)
    assert response.status_code == 400
    assert MESSAGE in response.text
    assert not BlogComment.objects.exists()
