"""Who recognises a person: validation, the facts box, the card, the index filter and its
counter, the chart split, the exports, translations, the admin, permissions and query
counts."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campaigns.access.roles import CAMPAIGNERS, EDITORS
from campaigns.models import CasePage, Organisation, Recognition

from ..access.factories import UserFactory
from ..home.factories import make_site, sync_translations, translate
from .factories import (
    CASE_QUERY_BUDGET,
    INDEX_QUERY_BUDGET,
    CaseIndexPageFactory,
    CasePageFactory,
    OrganisationFactory,
    RecognitionFactory,
    case_form,
    count_queries,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
SOURCE = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page)


@pytest.fixture
def amnesty(db):
    return OrganisationFactory(
        slug="amnesty-international",
        name="Amnesty International",
        name_ru="Amnesty International",
        website="https://www.amnesty.org/",
    )


@pytest.fixture
def wgad(db):
    return OrganisationFactory(
        slug="un-wgad",
        name="UN Working Group on Arbitrary Detention",
        name_ru="Рабочая группа ООН по произвольным задержаниям",
    )


def make_case(index, name, **fields):
    return CasePageFactory(
        parent=index, person_name=name, slug=name.lower().replace(" ", "-"), **fields
    )


@pytest.fixture
def recognised(index, amnesty, wgad):
    """“Serik B”, recognised by Amnesty (prisoner of conscience, dated) and the UN WGAD
    (arbitrary detention, undated); “Vlad K”, by Amnesty only; “Free F”, by nobody."""
    serik = make_case(index, "Serik B", arrest_date=datetime.date(2019, 3, 10))
    RecognitionFactory(
        page=serik,
        organisation=amnesty,
        date=datetime.date(2019, 8, 19),
        source_title="Urgent Action 046/19-3",
    )
    RecognitionFactory(
        page=serik,
        organisation=wgad,
        designation="arbitrary-detention",
        note="opinion adopted in 2020",
        source_url="https://thediplomat.com/2020/11/wgad/",
        source_title="The Diplomat, November 2020",
    )
    vlad = make_case(index, "Vlad K", arrest_date=datetime.date(2012, 1, 23))
    RecognitionFactory(page=vlad, organisation=amnesty)
    make_case(index, "Free F", arrest_date=datetime.date(2012, 5, 1))
    return serik


# --- the model ---------------------------------------------------------------------


def recognition(case, organisation, **fields):
    return Recognition(
        page=case,
        organisation=organisation,
        **{
            "designation": "prisoner-of-conscience",
            "source_url": SOURCE,
            "source_title": "UA 046/19-3",
            **fields,
        },
    )


def test_a_recognition_without_a_source_is_refused(index, amnesty):
    case = make_case(index, "Serik B")
    with pytest.raises(ValidationError) as error:
        recognition(case, amnesty, source_url="", source_title="").full_clean()
    assert error.value.message_dict["source_url"] == [
        "Every recognition needs a source: give its link."
    ]
    assert error.value.message_dict["source_title"] == [
        "Give the source a title readers will recognise."
    ]


def test_a_recognition_cannot_be_dated_in_the_future(index, amnesty):
    case = make_case(index, "Serik B")
    with pytest.raises(ValidationError) as error:
        recognition(case, amnesty, date=TODAY + DAY).full_clean()
    assert error.value.message_dict["date"] == ["A recognition cannot be dated in the future."]
    recognition(case, amnesty, date=TODAY).full_clean()
    recognition(case, amnesty, date=None).full_clean()


def test_a_recognition_refuses_a_designation_it_does_not_know(index, amnesty):
    with pytest.raises(ValidationError) as error:
        recognition(make_case(index, "Serik B"), amnesty, designation="hero").full_clean()
    assert "designation" in error.value.message_dict


def test_an_organisation_in_use_cannot_be_deleted(recognised, amnesty):
    with pytest.raises(ProtectedError):
        amnesty.delete()


def test_organisation_name_follows_the_readers_language(amnesty, wgad):
    with translation.override("ru"):
        assert str(wgad) == "Рабочая группа ООН по произвольным задержаниям"
        assert wgad.name_language == "ru"
    with translation.override("kk"):  # no Kazakh name: the English one, marked as English
        assert str(wgad) == "UN Working Group on Arbitrary Detention"
        assert wgad.name_language == "en"


# --- the case page and the card -------------------------------------------------------


def test_case_page_lists_each_recognition_with_its_source(client, recognised):
    html = client.get(recognised.url).content.decode()
    facts = html.split('id="facts-heading"', 1)[1].split("</aside>", 1)[0]
    section = facts.split("<dt>Recognised as</dt>", 1)[1].split("</dd>", 1)[0]
    assert "<strong>Prisoner of conscience</strong>" in section
    assert '<a href="https://www.amnesty.org/" rel="noopener">Amnesty International</a>' in (
        section
    )
    assert '<time datetime="2019-08-19">19 August 2019</time>' in section
    assert f'<a href="{SOURCE}" rel="noopener">Urgent Action 046/19-3</a>' in section
    assert "<strong>Arbitrarily detained (UN WGAD opinion)</strong>" in section
    assert "(opinion adopted in 2020)" in section
    assert "The Diplomat, November 2020" in section


def test_a_case_without_recognitions_shows_no_section(client, index):
    html = client.get(make_case(index, "Free F").url).content.decode()
    assert "Recognised as" not in html


def cards(html):
    return {
        card.split('case-card__name"', 1)[1].split("</a>", 1)[0].rsplit(">", 1)[1]: card
        for card in html.split('<article class="case-card">')[1:]
    }


def test_case_card_names_each_recognition_briefly(client, index, recognised):
    found = cards(client.get(index.url).content.decode())
    assert (
        '<p class="case-card__recognitions">Prisoner of conscience (Amnesty International); '
        "Arbitrarily detained (UN WGAD opinion) (UN Working Group on Arbitrary Detention)</p>"
    ) in found["Serik B"]
    assert "Prisoner of conscience (Amnesty International)</p>" in found["Vlad K"]
    assert "case-card__recognitions" not in found["Free F"]


# --- the index: filter, counter, chart ------------------------------------------------


def names(response):
    return sorted(case.person_name for case in response.context["cases_page"])


def test_index_filters_by_the_recognising_organisation(client, index, recognised):
    response = client.get(f"{index.url}?recognised_by=amnesty-international")
    assert names(response) == ["Serik B", "Vlad K"]
    assert names(client.get(f"{index.url}?recognised_by=un-wgad")) == ["Serik B"]
    html = response.content.decode()
    assert '<label for="id_recognised_by">Recognised by</label>' in html
    assert '<option value="amnesty-international" selected>Amnesty International</option>' in (
        html
    )
    assert "2 cases match" in html
    assert response.context["filter_query"] == "recognised_by=amnesty-international"


def test_the_filter_offers_only_organisations_that_recognise_a_listed_case(
    client, index, recognised
):
    OrganisationFactory(slug="memorial", name="Memorial")  # recognises nobody here
    draft = make_case(index, "Draft D", live=False)
    RecognitionFactory(page=draft, organisation=OrganisationFactory(slug="kibhr", name="KIBHR"))
    form = client.get(index.url).context["form"]
    assert [value for value, _label in form.fields["recognised_by"].choices] == [
        "",
        "amnesty-international",
        "un-wgad",
    ]


def test_an_unknown_organisation_is_ignored_with_a_message(client, index, recognised):
    response = client.get(f"{index.url}?recognised_by=nobody<script>")
    assert response.status_code == 200
    assert names(response) == ["Free F", "Serik B", "Vlad K"]
    assert "were ignored: Recognised by." in response.content.decode()
    # A NUL byte is refused before any filter, as on every page: never a 500.
    assert client.get(f"{index.url}?recognised_by=un-wgad%00").status_code == 400


def test_the_filter_combines_with_the_others(client, index, recognised):
    url = f"{index.url}?recognised_by=amnesty-international&year=2012"
    assert names(client.get(url)) == ["Vlad K"]
    assert names(client.get(f"{url}&q=Serik")) == []
    assert names(client.get(f"{index.url}?recognised_by=un-wgad&status=imprisoned")) == ["Serik B"]


def test_counters_count_the_recognised_cases(client, index, recognised):
    response = client.get(index.url)
    assert response.context["counters"]["recognised"] == 2
    assert response.context["counters"]["total"] == 3
    html = response.content.decode()
    assert "cases recognised by at least one organisation" in html


def test_chart_can_be_split_by_recognition(client, index, recognised):
    plain = client.get(index.url)
    assert plain.context["chart_split"] == "status"
    html = client.get(f"{index.url}?chart=recognition").content.decode()
    chart = html.split('id="chart-heading"', 1)[1].split("</section>", 1)[0]
    assert 'href="/cases/?chart=recognition#chart-heading" aria-current="true"' in chart
    assert "Cases by year of arrest and whether an organisation recognises the person" in chart
    # The table beside the chart: 2012, one recognised (Vlad K), one not (Free F); no arrest
    # from 2013 to 2018 (rows of zero); 2019, one recognised (Serik B).
    table = chart.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in table.split("<tr>")[1:]]
    empty_years = [[str(year), "0", "0", "0"] for year in range(2013, 2019)]
    assert rows == [["2012", "1", "1", "2"], *empty_years, ["2019", "1", "0", "1"]]
    header = chart.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert "Recognised by at least one organisation" in header
    assert "No recognition listed" in header
    assert "<svg" in chart and "<title>2019: 1 recognised by at least one organisation" in chart


def test_an_unknown_chart_split_falls_back_to_the_status(client, index, recognised):
    response = client.get(f"{index.url}?chart=%3Cscript%3E")
    assert response.status_code == 200 and response.context["chart_split"] == "status"


# --- exports ------------------------------------------------------------------------


def test_exports_carry_the_recognitions(client, index, recognised):
    text = client.get(f"{index.url}export.csv").content.decode()
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["serik-b"]["recognitions"] == (
        "amnesty-international:prisoner-of-conscience:2019-08-19; un-wgad:arbitrary-detention:"
    )
    assert rows["serik-b"]["recognised_by"] == "amnesty-international; un-wgad"
    assert rows["vlad-k"]["recognised_by"] == "amnesty-international"
    assert rows["free-f"]["recognitions"] == "" and rows["free-f"]["recognised_by"] == ""

    data = json.loads(client.get(f"{index.url}export.json").content)
    assert set(data["columns"]) == set(data["cases"][0])
    assert "prisoner-of-conscience" in data["columns"]["recognitions"]
    assert "recognised_by" in data["columns"]
    serik = next(case for case in data["cases"] if case["slug"] == "serik-b")
    assert serik["recognised_by"] == "amnesty-international; un-wgad"


# --- translations -------------------------------------------------------------------


def test_recognition_facts_are_synchronised_and_texts_translated(client, recognised, home_page):
    translate(home_page, "ru")
    translate(recognised, "ru", {"opinion adopted in 2020": "мнение принято в 2020 году"})
    amnesty = recognised.recognitions.get(designation="prisoner-of-conscience")
    amnesty.date = datetime.date(2019, 8, 20)
    amnesty.save()
    recognised.save_revision().publish()
    sync_translations(recognised)

    russian = CasePage.objects.get(
        translation_key=recognised.translation_key, locale__language_code="ru"
    )
    rows = {row.designation: row for row in russian.recognitions.all()}
    assert rows["prisoner-of-conscience"].date == datetime.date(2019, 8, 20)
    assert rows["arbitrary-detention"].note == "мнение принято в 2020 году"
    assert rows["arbitrary-detention"].organisation.slug == "un-wgad"
    html = client.get(russian.url).content.decode()
    assert "Рабочая группа ООН по произвольным задержаниям" in html
    # The Russian index filters its own cases by the same slug.
    response = client.get("/ru/cases/?recognised_by=un-wgad")
    assert [case.pk for case in response.context["cases_page"]] == [russian.pk]


def test_recognition_facts_cannot_be_overridden_per_language():
    from wagtail_localize.fields import get_translatable_fields

    fields = {field.field_name: field for field in get_translatable_fields(Recognition)}
    for name in ("organisation", "designation", "date", "source_url"):
        assert fields[name].is_synchronized(None) and not fields[name].overridable, name
    for name in ("note", "source_title"):
        assert fields[name].is_translated(None), name


# --- query counts ---------------------------------------------------------------------


def test_index_queries_do_not_grow_with_recognitions(client, index, amnesty, wgad):
    urls = [
        index.url,
        f"{index.url}?recognised_by=amnesty-international",
        f"{index.url}?chart=recognition",
    ]
    case = make_case(index, "Person 000")
    RecognitionFactory(page=case, organisation=amnesty)
    one = [count_queries(client, url) for url in urls]
    for n in range(1, 30):
        case = make_case(index, f"Person {n:03d}", arrest_date=datetime.date(2010 + n % 9, 1, 1))
        RecognitionFactory(page=case, organisation=amnesty)
        RecognitionFactory(page=case, organisation=wgad, designation="arbitrary-detention")
    many = [count_queries(client, url) for url in urls]
    assert one == many
    assert many[0] <= INDEX_QUERY_BUDGET
    assert many[2] == many[0]  # the split chart is kept with the rest (fragments)


def test_case_page_queries_do_not_grow_with_recognitions(client, index, amnesty):
    case = make_case(index, "Serik B")
    RecognitionFactory(page=case, organisation=amnesty)
    one = count_queries(client, case.url)
    for _n in range(10):
        RecognitionFactory(
            page=case, organisation=OrganisationFactory(), designation="political-prisoner"
        )
    assert count_queries(client, case.url) == one <= CASE_QUERY_BUDGET


def test_export_queries_do_not_grow_with_recognitions(client, index, amnesty, wgad):
    RecognitionFactory(page=make_case(index, "P0"), organisation=amnesty)
    urls = [f"{index.url}export.csv", f"{index.url}export.json"]
    one = [count_queries(client, url) for url in urls]
    for n in range(1, 25):
        case = make_case(index, f"P{n}")
        RecognitionFactory(page=case, organisation=amnesty)
        RecognitionFactory(page=case, organisation=wgad, designation="arbitrary-detention")
    assert [count_queries(client, url) for url in urls] == one


# --- the admin ------------------------------------------------------------------------


class RecognitionAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.index = CaseIndexPageFactory(parent=cls.home)
        cls.amnesty = OrganisationFactory(slug="amnesty-international", name="Amnesty")

    def post(self, *recognitions, **extra):
        data = case_form("Serikzhan Bilash", "serikzhan-bilash", **extra)
        data = {key: value for key, value in data.items() if not key.startswith("recognitions-")}
        data.update(nested_form_data({"recognitions": inline_formset(list(recognitions))}))
        return self.client.post(f"/admin/pages/add/campaigns/casepage/{self.index.pk}/", data)

    def row(self, **fields):
        return {
            "organisation": self.amnesty.pk,
            "designation": "prisoner-of-conscience",
            "date": "2019-08-19",
            "note": "",
            "source_url": SOURCE,
            "source_title": "Urgent Action 046/19-3",
            **fields,
        }

    def test_edit_form_has_the_recognitions_panel(self):
        self.login()
        response = self.client.get(
            f"/admin/pages/add/campaigns/casepage/{self.index.pk}/", follow=True
        )
        html = response.content.decode()
        assert "Recognised as" in html
        assert "a recognition without a source is refused" in html

    def test_case_can_be_created_with_a_recognition(self):
        self.login()
        response = self.post(self.row())
        self.assertEqual(response.status_code, 302)
        recognition = CasePage.objects.get(slug="serikzhan-bilash").recognitions.get()
        assert recognition.organisation == self.amnesty
        assert recognition.date == datetime.date(2019, 8, 19)
        assert recognition.locale_id == self.index.locale_id

    def test_admin_refuses_the_same_recognition_twice(self):
        self.login()
        response = self.post(self.row(), self.row(date=""))
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "Amnesty already recognises this person as “Prisoner of conscience”."
        )
        self.assertContains(
            response, "The same recognition is listed twice under “Recognised as”: remove one."
        )
        self.assertFalse(CasePage.objects.filter(slug="serikzhan-bilash").exists())

    def test_a_deleted_row_does_not_count_as_a_duplicate(self):
        self.login()
        response = self.post(self.row(), {**self.row(), "DELETE": "1"})
        self.assertEqual(response.status_code, 302)
        assert CasePage.objects.get(slug="serikzhan-bilash").recognitions.count() == 1

    def test_admin_refuses_a_future_date(self):
        self.login()
        response = self.post(self.row(date=(TODAY + DAY).isoformat()))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "A recognition cannot be dated in the future.")

    def test_admin_refuses_to_publish_a_recognition_without_a_source(self):
        self.login()
        response = self.post(self.row(source_url=""), **{"action-publish": "action-publish"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This field is required.")
        self.assertFalse(CasePage.objects.filter(slug="serikzhan-bilash").exists())


# --- who may edit the organisations -----------------------------------------------------


def organisation_form(slug="hrw"):
    return {"name": "Human Rights Watch", "slug": slug, "name_ru": "", "name_kk": ""}


def test_editors_add_and_change_organisations(client, home_page):
    client.force_login(UserFactory(role=EDITORS))
    response = client.post(
        reverse("wagtailsnippets_campaigns_organisation:add"), organisation_form()
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="hrw")
    response = client.post(
        reverse("wagtailsnippets_campaigns_organisation:edit", args=[organisation.pk]),
        {**organisation_form(), "name_ru": "Хьюман Райтс Вотч"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name_ru == "Хьюман Райтс Вотч"


def test_an_organisation_needs_a_unique_slug(client, amnesty):
    client.force_login(UserFactory(role=EDITORS))
    response = client.post(
        reverse("wagtailsnippets_campaigns_organisation:add"),
        organisation_form("amnesty-international"),
    )
    assert response.status_code == 200
    assert Organisation.objects.filter(slug="amnesty-international").count() == 1


def test_campaigners_choose_organisations_but_cannot_add_them(client, amnesty):
    campaigner = UserFactory(role=CAMPAIGNERS)
    assert campaigner.has_perm("campaigns.view_organisation")
    assert not campaigner.has_perm("campaigns.add_organisation")
    client.force_login(campaigner)
    response = client.post(
        reverse("wagtailsnippets_campaigns_organisation:add"), organisation_form()
    )
    assert response.status_code in (302, 403)
    assert not Organisation.objects.filter(slug="hrw").exists()
    chooser = client.get(reverse("wagtailsnippetchoosers_campaigns_organisation:choose"))
    assert chooser.status_code == 200 and "Amnesty International" in chooser.content.decode()


# --- the demo ---------------------------------------------------------------------------


def test_the_demo_lists_only_sourced_recognitions_of_real_cases(built_demo, db, client):
    """FACTS.md: Amnesty named Kozlov and Bilash prisoners of conscience; the UN WGAD found
    Bilash's detention arbitrary (2020). Nothing else, and no invented case, is recognised."""
    english = Recognition.objects.filter(locale__language_code="en")
    found = {(r.page.slug, r.organisation.slug, r.designation) for r in english}
    assert found == {
        ("vladimir-kozlov", "amnesty-international", "prisoner-of-conscience"),
        ("serikzhan-bilash", "amnesty-international", "prisoner-of-conscience"),
        ("serikzhan-bilash", "un-wgad", "arbitrary-detention"),
    }
    for row in Recognition.objects.all():
        assert row.source_url.startswith("https://") and row.source_title
        assert not row.page.specific.is_fictional
    assert set(Organisation.objects.values_list("slug", flat=True)) == {
        "amnesty-international",
        "human-rights-watch",
        "memorial",
        "un-wgad",
        "kibhr",
    }
    response = client.get("/cases/?recognised_by=amnesty-international")
    assert names(response) == ["Serikzhan Bilash", "Vladimir Kozlov"]
    # The translations carry them, with their notes translated.
    for language, note in (("ru", "мнение принято в 2020 году"), ("kk", "пікір 2020 жылы")):
        bilash = CasePage.objects.get(slug="serikzhan-bilash", locale__language_code=language)
        wgad_row = bilash.recognitions.get(organisation__slug="un-wgad")
        assert wgad_row.note.startswith(note), language
        html = client.get(bilash.url).content.decode()
        assert wgad_row.source_title in html.replace("&#x27;", "'").replace("&quot;", '"')
