"""One petition, one count, in every language: a signature on /ru/act/x/ counts toward the
petition of /act/x/, one address signs once, and its emails are in the page's language."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import ActionKind, ActionTally, Signature

from .. import smtp
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..home.factories import translate
from ..smtp import run_email_worker
from .factories import ActionIndexPageFactory, ActionPageFactory

smtp_server = smtp.smtp_server
LINK = re.compile(r"http://testserver(/(?:ru/|kk/)?sign/confirm/[^/\s]+/)")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def petition(home_page):
    index = ActionIndexPageFactory(parent=home_page)
    petition = ActionPageFactory(parent=index, slug="reform", title="Reform the article", goal=10)
    translate(home_page, "ru")
    translate(home_page, "kk")
    translate(petition, "ru", {"Reform the article": "Измените статью"})
    translate(petition, "kk", {"Reform the article": "Бапты өзгертіңіз"})
    return petition


def sign(client, prefix, action, email):
    data = {"name": "Ana Petrova", "email": email, "country": "KZ", "consent": "on", "website": ""}
    return client.post(f"{prefix}/sign/{action.pk}/", data)


def translation_of(page, code):
    return type(page).objects.get(translation_key=page.translation_key, locale__language_code=code)


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_signature_confirmed_in_russian_counts_in_every_language(client, petition, smtp_server):
    russian = translation_of(petition, "ru")
    response = sign(client, "/ru", russian, "ana@example.org")
    assert response.status_code == 303 and response["Location"] == "/ru/act/reform/thanks/"
    run_email_worker()
    (message,) = smtp_server.messages
    assert "Пожалуйста" in message["Subject"] or "подпис" in message["Subject"].lower()
    assert "Измените статью" in message["Subject"]
    body = text_of(message)
    assert "Please" not in body
    (link,) = set(LINK.findall(body))
    assert link.startswith("/ru/sign/confirm/")
    assert client.post(link).status_code == 200
    signature = Signature.objects.get()
    assert signature.action_id == petition.pk and signature.language == "ru"
    assert ActionTally.objects.get(pk=petition.pk).signatures == 1
    for url in ("/act/reform/", "/ru/act/reform/", "/kk/act/reform/"):
        assert "<strong>1</strong>" in client.get(url).text, url


def test_one_address_signs_once_whatever_the_language(client, petition, smtp_server):
    sign(client, "", petition, "ana@example.org")
    sign(client, "/kk", translation_of(petition, "kk"), "Ana@Example.org")
    assert Signature.objects.count() == 1


def test_a_supporter_signing_in_kazakh_is_written_to_in_kazakh(client, petition, smtp_server):
    sign(client, "/kk", translation_of(petition, "kk"), "aida@example.org")
    run_email_worker()
    (message,) = smtp_server.messages
    assert "Бапты өзгертіңіз" in message["Subject"]
    assert "/kk/sign/confirm/" in text_of(message)
    assert "Please" not in text_of(message)


def test_letters_sent_from_any_language_add_to_one_count(client, home_page):
    index = ActionIndexPageFactory(parent=home_page)
    letter = ActionPageFactory(
        parent=index, slug="write", kind=ActionKind.LETTER, letter_template="Dear Sir"
    )
    translate(home_page, "ru")
    russian = translate(letter, "ru", {"Dear Sir": "Уважаемый господин"})
    client.post(f"/letters/{letter.pk}/sent/", {"website": ""})
    client.post(f"/ru/letters/{russian.pk}/sent/", {"website": ""})
    assert ActionTally.objects.get(pk=letter.pk).letters == 2
    assert not ActionTally.objects.filter(pk=russian.pk).exists()


def test_a_translated_letter_names_the_case_in_its_language_at_no_extra_query(client, home_page):
    """The letter's case is read in the reader's language in the query that reads it
    (ActionPage.letter_case_for_reader): /ru/act/write/ costs what /act/write/ costs."""
    case = CasePageFactory(
        parent=CaseIndexPageFactory(parent=home_page), person_name="Aigerim", title="Aigerim"
    )
    letter = ActionPageFactory(
        parent=ActionIndexPageFactory(parent=home_page),
        slug="write",
        kind=ActionKind.LETTER,
        letter_case=case,
        letter_template="Free {name}",
    )
    translate(case, "ru", {"Aigerim": "Айгерим"})
    translate(letter, "ru")
    counts = {}
    for address in ("/act/write/", "/ru/act/write/"):
        client.get(address)  # warm the per-process caches (site, locales)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(address).content.decode()
        counts[address] = len(captured)
        assert ("Free Айгерим" if address.startswith("/ru/") else "Free Aigerim") in html
    assert counts["/ru/act/write/"] == counts["/act/write/"]
