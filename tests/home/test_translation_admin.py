"""Translating in the admin: campaigners start translations with wagtail-localize, which
works with Wagtail 8 and the site's page admin; translations are drafts until reviewed like
any page; the dashboard says what is left to translate and what is out of date."""

import re

import pytest
from wagtail.models import Locale, Page

from campaigns.access.roles import CAMPAIGNERS, EDITORS
from campaigns.models import CasePage

from ..access.factories import UserFactory
from ..cases.factories import CasePageFactory
from .factories import translate


@pytest.fixture
def case(cases, home_page):
    translate(home_page, "ru")
    translate(cases, "ru")
    return CasePageFactory(parent=cases, person_name="Aigerim Sadykova")


def test_a_campaigner_starts_a_translation_which_stays_a_draft(client, case):
    client.force_login(UserFactory(role=CAMPAIGNERS))
    ru = Locale.objects.get(language_code="ru")
    url = f"/admin/localize/submit/page/{case.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [ru.pk]})
    assert response.status_code == 302
    translation = CasePage.objects.get(translation_key=case.translation_key, locale=ru)
    assert not translation.live  # a draft, until published through the review
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert client.get(f"/ru{case.url}").status_code == 404


def test_the_review_applies_to_translations(case):
    russian = translate(case, "ru", publish=False)
    index = russian.get_parent()
    assert index.get_workflow() is not None  # the Russian case index got the review workflow
    editor = UserFactory(role=EDITORS)
    assert not russian.permissions_for_user(editor).can_publish()


def test_the_dashboard_lists_what_is_left_to_translate(client, case, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "Translations to do" in html
    assert "Aigerim Sadykova" in html
    assert f"/admin/localize/submit/page/{case.pk}/" in html
    translate(case, "ru")
    translate(Page.objects.get(pk=case.pk).specific, "kk")
    case = CasePage.objects.get(pk=case.pk)
    case.summary = "Held for a post about a strike."
    case.save_revision().publish()
    html = client.get("/admin/").content.decode()
    assert "Changed in English since last synced" in html


def test_the_admin_speaks_russian_to_a_campaigner_who_chooses_it(client, home_page):
    from wagtail.users.models import UserProfile

    user = UserFactory(role=CAMPAIGNERS)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert '<html lang="ru"' in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert re.search("[а-яА-Я]", title), title  # Wagtail's own Russian
    assert client.get("/admin/account/").status_code == 200
