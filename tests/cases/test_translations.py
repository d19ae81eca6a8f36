"""A case in three languages: its facts are one set, copied to every translation when it is
synced; its prose stays translated; an update keeps its identity (permalink) everywhere."""

import csv
import datetime
import io

import pytest
from wagtail_localize.fields import get_translatable_fields

from campaigns.models import CasePage, CaseUpdate

from ..home.factories import sync_translations, translate
from .factories import CaseChargeFactory, CasePageFactory

RUSSIAN = {
    "Aigerim Sadykova": "Айгерим Садыкова",
    "Held for reporting on a strike.": "Задержана за репортаж о забастовке.",
    "Hearing opened": "Открылось заседание",
    "inciting discord": "разжигание розни",
}
KAZAKH = {
    "Aigerim Sadykova": "Әйгерім Садықова",
    "Held for reporting on a strike.": "Ереуіл туралы репортажы үшін ұсталды.",
    "Hearing opened": "Сот отырысы ашылды",
    "inciting discord": "алауыздықты қоздыру",
}


@pytest.fixture
def case(cases, home_page):
    case = CasePageFactory(
        parent=cases, person_name="Aigerim Sadykova", status="pre-trial-detention"
    )
    CaseChargeFactory(page=case)
    case.updates.add(CaseUpdate(date=datetime.date(2021, 3, 1), title="Hearing opened"))
    case.save_revision().publish()
    case = CasePage.objects.get(pk=case.pk)
    translate(home_page, "ru")
    translate(home_page, "kk")
    translate(case, "ru", RUSSIAN)
    translate(case, "kk", KAZAKH)
    return case


def test_facts_cannot_be_edited_per_language():
    fields = {field.field_name: field for field in get_translatable_fields(CasePage)}
    for name in (
        "status",
        "arrest_date",
        "sentence_date",
        "release_date",
        "sources",
        "last_verified",
    ):
        assert fields[name].is_synchronized(None) and not fields[name].overridable, name
    for name in ("title", "person_name", "summary", "body", "sentence"):
        assert fields[name].is_translated(None), name


def test_a_new_status_on_the_english_page_shows_in_every_language_after_sync(client, case):
    assert "Pre-trial detention" in client.get(case.url).text
    case.updates.add(
        CaseUpdate(date=datetime.date(2021, 9, 1), title="Verdict", new_status="imprisoned")
    )
    case.arrest_date = datetime.date(2019, 3, 11)
    case.save_revision().publish()
    sync_translations(case)
    russian = client.get(f"/ru{case.url}").content.decode()
    kazakh = client.get(f"/kk{case.url}").content.decode()
    assert "В заключении" in russian and "СИЗО" not in russian.split("Статус", 1)[1][:200]
    assert "11 марта 2019 г." in russian
    assert "2019 ж. 11 наурыз" in kazakh
    for code in ("ru", "kk"):
        translated = CasePage.objects.get(
            translation_key=case.translation_key, locale__language_code=code
        )
        assert translated.current_status == "imprisoned"
        assert translated.arrest_date == datetime.date(2019, 3, 11)
    # The prose stays translated; the new update is in English until it is translated.
    assert "Айгерим Садыкова" in russian and "Задержана за репортаж о забастовке." in russian
    assert "Открылось заседание" in russian and "Held for reporting" not in russian
    assert "Әйгерім Садықова" in kazakh and "Сот отырысы ашылды" in kazakh


def test_an_update_has_the_same_permalink_in_every_language(client, case):
    update = case.updates.get()
    for code in ("ru", "kk"):
        translated = CaseUpdate.objects.get(
            translation_key=update.translation_key, locale__language_code=code
        )
        assert translated.anchor == update.anchor
        assert translated.get_absolute_url() == f"/{code}{case.url}#{update.anchor}"
        assert f'id="{update.anchor}"' in client.get(f"/{code}{case.url}").text


def test_charges_keep_their_article_and_code_and_translate_the_description(client, case):
    russian = client.get(f"/ru{case.url}").text
    assert "174(2)" in russian and "разжигание розни" in russian
    assert "Уголовный кодекс Казахстана (2014)" in russian


def test_exports_per_language_keep_the_fact_columns(client, case, cases):
    def rows(prefix):
        text = client.get(f"{prefix}{cases.url}export.csv").content.decode()
        return list(csv.DictReader(io.StringIO(text)))

    english, russian = rows(""), rows("/ru")
    assert [row["language"] for row in english] == ["en"]
    assert [row["language"] for row in russian] == ["ru"]
    assert russian[0]["name"] == "Айгерим Садыкова"
    facts = ("slug", "status", "detained", "country", "role", "arrest_date", "fictional")
    assert {key: english[0][key] for key in facts} == {key: russian[0][key] for key in facts}
    feed = client.get(f"/ru{cases.url}feed/").content.decode()
    assert 'xml:lang="ru"' in feed and "Открылось заседание" in feed


def test_an_untranslated_case_is_listed_in_english_on_a_translated_index(client, case, cases):
    translate(cases, "ru")
    CasePageFactory(parent=cases, person_name="Bolat Bekov")
    html = client.get(f"/ru{cases.url}").content.decode()
    assert "Айгерим Садыкова" in html and "Bolat Bekov" in html
    assert html.count("Aigerim Sadykova") == 0  # each case once, in Russian where it can be
