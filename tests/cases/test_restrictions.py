"""Restrictions after release: validation, the facts box, the status line, the card
marker, the index filter, the exports, the admin, translations and query counts."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaigns.models import CasePage, CaseRestriction

from ..home.factories import make_site, sync_translations, translate
from .factories import (
    CASE_QUERY_BUDGET,
    INDEX_QUERY_BUDGET,
    CaseIndexPageFactory,
    CasePageFactory,
    CaseRestrictionFactory,
    add_updates,
    count_queries,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
SOURCE = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page)


def make_case(index, **fields):
    return CasePageFactory(parent=index, **{"status": "released", **fields})


def restrict(case, **fields):
    restriction = CaseRestrictionFactory(page=case, **fields)
    return restriction


@pytest.fixture
def restricted(index):
    """A released case with a travel ban until further notice, a ban on public activity
    in force until a known day, and a past supervision."""
    case = make_case(index, person_name="Serik B", slug="serik-b")
    restrict(case, kind="travel-ban", starts=datetime.date(2019, 8, 17), note="plea deal")
    restrict(
        case,
        kind="public-activity-ban",
        starts=datetime.date(2019, 8, 17),
        ends=TODAY + 300 * DAY,
        note="7 years",
    )
    restrict(
        case,
        kind="supervision",
        starts=datetime.date(2019, 8, 17),
        ends=datetime.date(2020, 8, 17),
        source_title="Court ruling",
    )
    return case


# --- the model ---------------------------------------------------------------------


def test_a_restriction_cannot_end_before_it_begins(index):
    case = make_case(index)
    restriction = CaseRestriction(
        page=case,
        kind="travel-ban",
        starts=datetime.date(2020, 1, 10),
        ends=datetime.date(2020, 1, 9),
        source_url=SOURCE,
        source_title="UA",
    )
    with pytest.raises(ValidationError) as error:
        restriction.full_clean()
    assert error.value.message_dict["ends"] == [
        "The restriction cannot end before it begins (10 January 2020)."
    ]


def test_a_restriction_without_a_source_is_refused(index):
    case = make_case(index)
    restriction = CaseRestriction(
        page=case, kind="travel-ban", starts=datetime.date(2020, 1, 10), source_title="UA"
    )
    with pytest.raises(ValidationError) as error:
        restriction.full_clean()
    assert error.value.message_dict["source_url"] == [
        "Every restriction needs a source: give its link."
    ]


def test_a_restriction_ending_the_day_it_begins_is_accepted(index):
    restriction = CaseRestriction(
        page=make_case(index),
        kind="other",
        starts=datetime.date(2020, 1, 10),
        ends=datetime.date(2020, 1, 10),
        source_url=SOURCE,
        source_title="UA",
    )
    restriction.full_clean()


@pytest.mark.parametrize(
    ("starts", "ends", "in_force"),
    [
        (TODAY - DAY, None, True),
        (TODAY, TODAY, True),
        (TODAY - 10 * DAY, TODAY - DAY, False),
        (TODAY + DAY, None, False),
    ],
)
def test_in_force_means_begun_and_not_ended(index, starts, ends, in_force):
    restriction = restrict(make_case(index), starts=starts, ends=ends)
    assert restriction.is_in_force() is in_force
    flagged = CasePage.objects.filter(pk=restriction.page_id)
    from campaigns.cases.models import for_cards

    assert for_cards(flagged).get().restricted is in_force


def test_status_line_names_the_restrictions_in_force(index):
    case = make_case(index)
    restrict(case, kind="travel-ban", ends=datetime.date(2026, 8, 17))
    restrict(case, kind="public-activity-ban", ends=datetime.date(2026, 8, 17))
    restrict(case, kind="supervision", ends=datetime.date(2020, 1, 1))  # past
    case = CasePage.objects.get(pk=case.pk)
    on = datetime.date(2026, 1, 1)
    assert case.status_line(on) == (
        "Released, under a travel ban and a ban on public activity until 17 August 2026"
    )
    assert case.status_line(datetime.date(2026, 9, 1)) == "Released"
    with translation.override("ru"):
        assert case.status_line(on) == (
            "Освобождён, под запретом на выезд и запретом на общественную деятельность "
            "до 17 августа 2026 г."
        )


def test_status_line_puts_open_ended_restrictions_last(index):
    case = make_case(index)
    restrict(case, kind="travel-ban")
    restrict(case, kind="frozen-assets", ends=datetime.date(2030, 1, 1))
    case = CasePage.objects.get(pk=case.pk)
    assert case.status_line(datetime.date(2026, 1, 1)) == (
        "Released, under frozen accounts or assets until 1 January 2030 and a travel ban"
    )


# --- the public pages -----------------------------------------------------------------


def test_case_page_lists_restrictions_in_force_and_past_with_sources(client, restricted):
    html = client.get(restricted.url).content.decode()
    facts = html.split('id="facts-heading"', 1)[1].split("</aside>", 1)[0]
    in_force = facts.split("Restrictions in force", 1)[1].split("Past restrictions", 1)[0]
    past = facts.split("Past restrictions", 1)[1]
    assert "Travel ban" in in_force and "until further notice" in in_force
    assert "Ban on public activity" in in_force and "(7 years)" in in_force
    assert f'datetime="{(TODAY + 300 * DAY).isoformat()}"' in in_force
    assert "Supervision / probation" in past and "17 August 2020" in past
    assert "Supervision" not in in_force
    assert f'href="{SOURCE}"' in facts and "Court ruling" in past
    ends = (TODAY + 300 * DAY).strftime("%-d %B %Y")
    assert (
        '<p class="case__status-line">Released, under a ban on public activity until '
        f"{ends} and a travel ban</p>"
    ) in html


def test_a_restriction_not_yet_begun_is_listed_as_to_come(client, index):
    case = make_case(index)
    restrict(case, starts=TODAY + 5 * DAY)
    html = client.get(case.url).content.decode()
    assert "Restrictions to come" in html and "Restrictions in force" not in html
    assert "case__status-line" not in html


def test_a_case_without_restrictions_shows_no_status_line(client, index):
    case = make_case(index)
    html = client.get(case.url).content.decode()
    assert "case__status-line" not in html and "Restrictions" not in html


def test_case_page_in_russian_dates_restrictions_in_russian(client, restricted, home_page):
    translate(home_page, "ru")
    translate(restricted, "ru", {"7 years": "7 лет"})
    html = client.get(f"/ru{restricted.url}").content.decode()
    assert "Запрет на выезд" in html and "до особого распоряжения" in html
    assert "(7 лет)" in html and "17 августа 2020 г." in html


def test_case_card_marks_restrictions_in_force(client, index, restricted):
    past = make_case(index, person_name="Past P", slug="past-p")
    restrict(past, ends=datetime.date(2020, 1, 1))
    html = client.get(index.url).content.decode()
    cards = {
        card.split('case-card__name"', 1)[1].split("</a>", 1)[0].rsplit(">", 1)[1]: card
        for card in html.split('<article class="case-card">')[1:]
    }
    assert "Restrictions in force" in cards["Serik B"]
    assert "Restrictions in force" not in cards["Past P"]


def test_index_filters_cases_with_restrictions_in_force(client, index, restricted):
    past = make_case(index, person_name="Past P", slug="past-p")
    restrict(past, ends=datetime.date(2020, 1, 1))
    make_case(index, person_name="Free F", slug="free-f")
    two = make_case(index, person_name="Two T", slug="two-t")
    restrict(two)
    restrict(two, kind="supervision")  # two in force: listed once

    response = client.get(f"{index.url}?restricted=1")
    names = [case.person_name for case in response.context["cases_page"]]
    assert sorted(names) == ["Serik B", "Two T"]
    html = response.content.decode()
    assert '<label for="id_restricted">Restrictions in force</label>' in html
    assert 'name="restricted" value="1"' in html and "checked" in html
    assert "2 cases match" in html

    unfiltered = client.get(index.url)
    assert len(unfiltered.context["cases_page"]) == 4
    assert not unfiltered.context["is_filtered"]
    assert response.context["filter_query"] == "restricted=1"


# --- exports ------------------------------------------------------------------------


def test_exports_list_restrictions_and_whether_one_is_in_force(client, index, restricted):
    make_case(index, person_name="Free F", slug="free-f")
    rows = {
        row["slug"]: row
        for row in csv.DictReader(
            io.StringIO(client.get(f"{index.url}export.csv").content.decode())
        )
    }
    ends = (TODAY + 300 * DAY).isoformat()
    assert rows["serik-b"]["restrictions"] == (
        f"travel-ban 2019-08-17–; public-activity-ban 2019-08-17–{ends}; "
        "supervision 2019-08-17–2020-08-17"
    )
    assert rows["serik-b"]["restricted"] == "true"
    assert rows["free-f"]["restrictions"] == "" and rows["free-f"]["restricted"] == "false"

    data = json.loads(client.get(f"{index.url}export.json").content)
    assert set(data["columns"]) == set(data["cases"][0])
    assert "travel-ban" in data["columns"]["restrictions"]
    serik = next(case for case in data["cases"] if case["slug"] == "serik-b")
    assert serik["restricted"] is True
    assert serik["restrictions"].startswith("travel-ban 2019-08-17–;")


# --- translations -------------------------------------------------------------------


def test_restriction_facts_are_synchronised_to_translations(client, restricted, home_page):
    translate(home_page, "ru")
    translate(restricted, "ru", {"Court ruling": "Решение суда", "7 years": "7 лет"})
    ban = restricted.restrictions.get(kind="public-activity-ban")
    ban.ends = datetime.date(2040, 1, 1)
    ban.save()
    CaseRestrictionFactory(page=restricted, kind="office-ban")
    restricted.save_revision().publish()
    sync_translations(restricted)

    russian = CasePage.objects.get(
        translation_key=restricted.translation_key, locale__language_code="ru"
    )
    rows = {row.kind: row for row in russian.restrictions.all()}
    assert set(rows) == {"travel-ban", "public-activity-ban", "supervision", "office-ban"}
    assert rows["public-activity-ban"].ends == datetime.date(2040, 1, 1)
    assert rows["public-activity-ban"].note == "7 лет"
    assert rows["supervision"].source_title == "Решение суда"
    assert rows["supervision"].source_url == SOURCE
    assert rows["public-activity-ban"].translation_key == ban.translation_key


def test_restriction_facts_cannot_be_overridden_per_language():
    from wagtail_localize.fields import get_translatable_fields

    fields = {field.field_name: field for field in get_translatable_fields(CaseRestriction)}
    for name in ("kind", "starts", "ends", "source_url"):
        assert fields[name].is_synchronized(None) and not fields[name].overridable, name
    for name in ("note", "source_title"):
        assert fields[name].is_translated(None), name


# --- query counts ---------------------------------------------------------------------


def test_index_queries_do_not_grow_with_restricted_cases(client, index):
    urls = [index.url, f"{index.url}?restricted=1"]
    for n in range(3):
        case = make_case(index, person_name=f"Person {n:03d}")
        restrict(case)
        add_updates(case, 1)
    few = [count_queries(client, url) for url in urls]
    for n in range(3, 40):
        case = make_case(index, person_name=f"Person {n:03d}")
        restrict(case)
        restrict(case, kind="supervision", ends=datetime.date(2020, 1, 1))
    many = [count_queries(client, url) for url in urls]
    assert few == many
    assert max(many) <= INDEX_QUERY_BUDGET


def test_case_page_queries_do_not_grow_with_restrictions(client, index):
    case = make_case(index)
    restrict(case)
    one = count_queries(client, case.url)
    for n in range(30):
        restrict(case, kind="other", starts=datetime.date(2019, 1, 1) + n * DAY)
    assert count_queries(client, case.url) == one <= CASE_QUERY_BUDGET


def test_export_queries_do_not_grow_with_restrictions(client, index):
    for n in range(3):
        restrict(make_case(index, person_name=f"P{n}"))
    few = count_queries(client, f"{index.url}export.csv")
    for n in range(3, 30):
        case = make_case(index, person_name=f"P{n}")
        restrict(case)
        restrict(case, kind="office-ban")
    assert count_queries(client, f"{index.url}export.csv") == few


# --- the admin ------------------------------------------------------------------------


class RestrictionAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.index = CaseIndexPageFactory(parent=cls.home)

    def case_data(self, restriction):
        return nested_form_data(
            {
                "title": "Serikzhan Bilash",
                "slug": "serikzhan-bilash",
                "person_name": "Serikzhan Bilash",
                "status": "released",
                "role": "activist",
                "country": "KZ",
                "summary": "Founder of Atajurt.",
                "arrest_date": "2019-03-10",
                "release_date": "2019-08-17",
                "charges": inline_formset([]),
                "updates": inline_formset([]),
                "restrictions": inline_formset([restriction]),
                "corrections": inline_formset([]),
                "hearings": inline_formset([]),
                "recognitions": inline_formset([]),
                "body": streamfield([]),
                "sources": streamfield([]),
            }
        )

    def test_edit_form_has_the_restrictions_panel(self):
        self.login()
        response = self.client.get(
            f"/admin/pages/add/campaigns/casepage/{self.index.pk}/", follow=True
        )
        html = response.content.decode()
        assert "Restrictions after release" in html
        assert "a restriction without a source is refused" in html

    def test_case_can_be_created_with_a_restriction(self):
        self.login()
        data = self.case_data(
            {
                "kind": "public-activity-ban",
                "starts": "2019-08-17",
                "ends": "2026-08-17",
                "note": "7 years",
                "source_url": SOURCE,
                "source_title": "Amnesty International, UA 046/19",
            }
        )
        self.assertCanCreate(self.index, CasePage, data)
        restriction = CasePage.objects.get(slug="serikzhan-bilash").restrictions.get()
        assert restriction.kind == "public-activity-ban"
        assert restriction.ends == datetime.date(2026, 8, 17)
        assert restriction.locale_id == self.index.locale_id

    def post(self, restriction, **extra):
        data = {**self.case_data(restriction), **extra}
        return self.client.post(f"/admin/pages/add/campaigns/casepage/{self.index.pk}/", data)

    def test_admin_refuses_an_end_before_the_start_with_a_clear_message(self):
        self.login()
        response = self.post(
            {
                "kind": "travel-ban",
                "starts": "2019-08-17",
                "ends": "2019-08-16",
                "source_url": SOURCE,
                "source_title": "UA",
            }
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "The restriction cannot end before it begins (17 August 2019)."
        )
        self.assertFalse(CasePage.objects.filter(slug="serikzhan-bilash").exists())

    def test_admin_refuses_to_publish_a_restriction_without_a_source(self):
        # Wagtail lets a draft leave required fields empty; publishing never does.
        self.login()
        response = self.post(
            {"kind": "travel-ban", "starts": "2019-08-17", "source_url": "", "source_title": "UA"},
            **{"action-publish": "action-publish"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This field is required.")
        self.assertFalse(CasePage.objects.filter(slug="serikzhan-bilash").exists())
