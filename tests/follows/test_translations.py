"""Following a case in any language follows the case: one follow, one email per update,
in the language the reader followed in."""

import datetime
import re

import pytest
from django.core.cache import cache

from campaigns.models import CasePage, CaseUpdate, Follow

from .. import smtp
from ..cases.factories import CasePageFactory
from ..home.factories import sync_translations, translate
from ..smtp import run_email_worker

smtp_server = smtp.smtp_server
CONFIRM = re.compile(r"http://testserver(/(?:kk/|ru/)?follow/confirm/[^/\s]+/)")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def case(cases, home_page):
    case = CasePageFactory(parent=cases, person_name="Aigerim Sadykova")
    translate(home_page, "kk")
    translate(home_page, "ru")
    translate(case, "kk", {"Aigerim Sadykova": "Әйгерім Садықова"})
    translate(case, "ru", {"Aigerim Sadykova": "Айгерим Садыкова"})
    return case


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def follow_in(client, prefix, page, email, smtp_server):
    count = len(smtp_server.messages)
    client.post(f"{prefix}/follow/{page.pk}/", {"email": email, "website": ""})
    run_email_worker()
    (message,) = smtp_server.messages[count:]
    (link,) = set(CONFIRM.findall(text_of(message)))
    assert client.post(link).status_code == 200
    return message


def test_following_in_kazakh_follows_the_case_and_writes_in_kazakh(client, case, smtp_server):
    kazakh = CasePage.objects.get(translation_key=case.translation_key, locale__language_code="kk")
    confirmation = follow_in(client, "/kk", kazakh, "aida@example.org", smtp_server)
    assert "Әйгерім Садықова" in confirmation["Subject"]
    russian = CasePage.objects.get(
        translation_key=case.translation_key, locale__language_code="ru"
    )
    follow_in(client, "/ru", russian, "ivan@example.org", smtp_server)
    follow_in(client, "", case, "anna@example.org", smtp_server)
    follows = Follow.objects.order_by("email")
    assert [(f.email, f.case_id, f.language) for f in follows] == [
        ("aida@example.org", case.pk, "kk"),
        ("anna@example.org", case.pk, "en"),
        ("ivan@example.org", case.pk, "ru"),
    ]
    # Following again in another language is the same follow.
    client.post(f"/ru/follow/{case.pk}/", {"email": "aida@example.org", "website": ""})
    assert Follow.objects.filter(email="aida@example.org").count() == 1

    sent = len(smtp_server.messages)
    page = CasePage.objects.get(pk=case.pk)
    page.updates.add(CaseUpdate(date=datetime.date(2021, 5, 1), title="Verdict appealed"))
    page.save_revision().publish()
    sync_translations(page)  # publishing the translations sends nothing more
    run_email_worker()
    news = {message["To"]: message for message in smtp_server.messages[sent:]}
    assert sorted(news) == ["aida@example.org", "anna@example.org", "ivan@example.org"]
    assert "Әйгерім Садықова" in news["aida@example.org"]["Subject"]
    assert "/kk/cases/" in text_of(news["aida@example.org"])
    assert "Айгерим Садыкова" in news["ivan@example.org"]["Subject"]
    assert "/ru/cases/" in text_of(news["ivan@example.org"])
    assert "Aigerim Sadykova" in news["anna@example.org"]["Subject"]
