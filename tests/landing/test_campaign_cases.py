"""The campaign page lists at most 12 people, the detained first, and links to the case
index filtered by the campaign; `?campaign=` works with the other filters; a person
without a photo gets a neutral, accessible mark instead."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils import WagtailPageTestCase

from home.blocks import AddressBlock
from home.fragments import bump_generation

from ..cases.factories import (
    CaseCardsBlockFactory,
    CaseIndexPageFactory,
    CasePageFactory,
    count_queries,
)
from ..home.factories import ImageFactory, make_site
from .factories import CampaignPageFactory


class CampaignCasesTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.campaign = CampaignPageFactory(parent=cls.home, title="Kazakhstan", slug="kazakhstan")
        cls.other = CampaignPageFactory(parent=cls.home, title="Belarus", slug="belarus")
        cls.index = CaseIndexPageFactory(parent=cls.home)

    def add_case(self, name, campaign=None, **fields):
        return CasePageFactory(
            parent=self.index,
            person_name=name,
            related_campaign=campaign or self.campaign,
            **fields,
        )

    def html(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()


class CampaignPageCapTests(CampaignCasesTestCase):
    def test_at_most_twelve_people_detained_first_and_a_link_to_all(self):
        for n in range(10):
            self.add_case(
                f"Free {n:02d}", status="released", release_date=datetime.date(2024, 1, 1)
            )
        for n in range(10):
            self.add_case(f"Held {n:02d}")
        html = self.html(self.campaign.url)
        cases = html[html.index('id="campaign-cases-heading"') :]
        self.assertEqual(cases.count('class="case-card"'), 12)
        for n in range(10):
            self.assertIn(f"Held {n:02d}", cases)
        self.assertIn("Free 00", cases)
        self.assertNotIn("Free 02", cases)
        self.assertIn('<a href="/cases/?campaign=kazakhstan">See all 20 people', cases)

    def test_queries_do_not_grow_with_the_campaigns_cases(self):
        self.add_case("Held 00")
        few = count_queries(self.client, self.campaign.url)
        for n in range(1, 40):
            self.add_case(f"Held {n:02d}")
        self.assertEqual(count_queries(self.client, self.campaign.url), few)


class CampaignFilterTests(CampaignCasesTestCase):
    def test_the_index_filters_by_campaign_with_the_other_filters(self):
        self.add_case("Kazakh Held")
        self.add_case("Kazakh Free", status="released", release_date=datetime.date(2024, 1, 1))
        self.add_case("Belarus Held", campaign=self.other)
        html = self.html("/cases/?campaign=kazakhstan")
        self.assertIn("Kazakh Held", html)
        self.assertIn("Kazakh Free", html)
        self.assertNotIn("Belarus Held", html)
        self.assertIn('<option value="kazakhstan" selected>Kazakhstan</option>', html)
        html = self.html("/cases/?campaign=kazakhstan&status=released")
        self.assertIn("Kazakh Free", html)
        self.assertNotIn("Kazakh Held", html)
        self.assertNotIn("Belarus Held", html)

    def test_an_unknown_campaign_is_ignored_with_the_usual_message(self):
        self.add_case("Kazakh Held")
        self.add_case("Belarus Held", campaign=self.other)
        html = self.html("/cases/?campaign=nowhere")
        self.assertIn("Kazakh Held", html)
        self.assertIn("Belarus Held", html)
        self.assertIn("Some filters were not understood and were ignored: Campaign.", html)

    def test_the_filter_costs_no_query_per_case(self):
        self.add_case("Kazakh 00")
        few = count_queries(self.client, "/cases/?campaign=kazakhstan")
        for n in range(1, 20):
            self.add_case(f"Kazakh {n:02d}")
        self.assertEqual(count_queries(self.client, "/cases/?campaign=kazakhstan"), few)


class NoPhotoTests(CampaignCasesTestCase):
    def test_a_case_without_a_photo_gets_a_named_neutral_mark(self):
        case = self.add_case("Aigerim Zhumabayeva (fictional)", slug="aigerim", photo=None)
        for url in (case.url, self.campaign.url):
            html = self.html(url)
            self.assertIn('role="img" aria-label="No photo"', html)
            self.assertIn('<span class="no-photo__initials" aria-hidden="true">AZ</span>', html)
            self.assertIn('aria-hidden="true" focusable="false"', html)  # the SVG mark

    def test_a_case_with_a_photo_has_no_mark(self):
        case = self.add_case("Bolat Photo", photo=ImageFactory())
        self.assertNotIn("no-photo", self.html(case.url))


class AddressTests(CampaignCasesTestCase):
    def test_a_letter_address_is_complete_or_refused(self):
        # Street lines, then postcode and city, then country; a street needs its city.
        block = AddressBlock()
        value = block.clean(
            block.to_python(
                {
                    "recipient": "Prosecutor General",
                    "postal_address": "Prosecutor General's Office\n14 Example Avenue",
                    "postcode": "010000",
                    "city": "Astana",
                    "country": "Kazakhstan",
                    "email": "",
                    "note": "",
                }
            )
        )
        html = block.render(value)
        self.assertIn(
            "<address>Prosecutor General&#x27;s Office<br>14 Example Avenue<br>"
            "010000 Astana<br>Kazakhstan</address>",
            html,
        )
        with self.assertRaises(StructBlockValidationError) as raised:
            block.clean(block.to_python({"recipient": "X", "postal_address": "1 Street"}))
        self.assertEqual(set(raised.exception.block_errors), {"city", "country"})
        emailed = block.clean(block.to_python({"recipient": "X", "email": "a@example.org"}))
        self.assertNotIn("<address>", block.render(emailed))


class CampaignCardsBatchTests(CampaignCasesTestCase):
    """The body's chosen case cards and the people the page lists are read in one batch
    when the page is drawn afresh (one query for the cases, one for their recognitions)."""

    def test_chosen_cards_and_the_list_are_one_batch_and_show_what_each_read_alone(self):
        listed = [self.add_case(f"Held {n:02d}") for n in range(14)]
        outside = self.add_case("Elsewhere E", campaign=self.other)
        unpublished = self.add_case("Draft D")
        unpublished.unpublish()
        chosen = [listed[13], outside, unpublished, listed[0]]
        self.campaign.body = [("case_cards", CaseCardsBlockFactory(cases=chosen))]
        self.campaign.save_revision().publish()
        self.client.get(self.campaign.url)
        bump_generation()
        with CaptureQueriesContext(connection) as captured:
            html = self.html(self.campaign.url)
        recognition_reads = [
            query for query in captured if 'FROM "campaigns_recognition"' in query["sql"]
        ]
        self.assertEqual(len(recognition_reads), 1, [q["sql"] for q in captured])
        body = html[: html.index('id="campaign-cases-heading"')]
        # The chosen ones in their order, the unpublished one left out; the campaign's
        # 14th person too, although the list below stops at 12.
        names = ["Held 13", "Elsewhere E", "Held 00"]
        positions = [body.index(name) for name in names]
        self.assertEqual(positions, sorted(positions))
        self.assertNotIn("Draft D", body)
        cases = html[html.index('id="campaign-cases-heading"') :]
        self.assertEqual(cases.count('class="case-card"'), 12)
        self.assertNotIn("Held 13", cases)
        self.assertNotIn("Elsewhere E", cases)
        self.assertIn("See all 14 people", cases)
