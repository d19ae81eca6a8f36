"""The home page campaigns: its sections come from campaigns through a hook that `home`
defines, a new home page starts with them, each finds its content by itself, and the
page's queries do not grow with the cases, updates, posts, hearings or actions."""

import datetime
import re

from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.actions.queries import most_needed_action
from campaigns.models import ActionTally, CasePage
from home.blocks import HomePageBlock, default_home_page_body, home_page_sections
from home.models import HomePage

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory, add_updates, count_queries
from ..hearings.factories import HearingFactory
from ..home.factories import make_site

DEFAULT_SECTIONS = [
    "live_counter",
    "detained_cases",
    "most_needed_action",
    "latest_updates",
    "latest_posts",
    "next_hearings",
]


class HomeTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.index = CaseIndexPageFactory(parent=cls.home)
        cls.blog = BlogIndexPageFactory(parent=cls.home)
        cls.act = ActionIndexPageFactory(parent=cls.home)

    def add_case(self, name, **fields):
        return CasePageFactory(parent=self.index, person_name=name, **fields)

    def add_action(self, title, signatures=0, **fields):
        action = ActionPageFactory(parent=self.act, title=title, **fields)
        if signatures:
            ActionTally.add(action.pk, "signatures", signatures)
        return action

    def html(self, url="/"):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def section(self, html, css_class):
        """The HTML of the first <section> whose class list has `css_class`."""
        match = re.search(rf'<section class="[^"]*\b{css_class}\b.*?</section>', html, re.S)
        self.assertIsNotNone(match, css_class)
        return match.group(0)


class DefaultBodyTests(HomeTestCase):
    def test_a_new_home_page_starts_with_the_campaign_sections(self):
        self.assertEqual([block.block_type for block in HomePage().body], DEFAULT_SECTIONS)
        # make_site's home page too: nothing was set, and it campaigns.
        self.assertEqual([block.block_type for block in self.home.body], DEFAULT_SECTIONS)

    def test_each_page_gets_its_own_default_list(self):
        first, second = default_home_page_body(), default_home_page_body()
        self.assertEqual(first, second)
        self.assertIsNot(first, second)

    def test_the_body_offers_generic_blocks_and_every_registered_section(self):
        block = HomePage._meta.get_field("body").stream_block
        self.assertIsInstance(block, HomePageBlock)
        names = set(block.child_blocks)
        self.assertTrue({"heading", "paragraph", "callout", "case_cards", "open_actions"} <= names)
        self.assertTrue(set(DEFAULT_SECTIONS) <= names)
        self.assertEqual(block.meta.block_counts["detained_cases"], {"max_num": 1})
        self.assertEqual(block.meta.block_counts["sources"], {"max_num": 1})
        sections = {section.name: section for section in home_page_sections()}
        self.assertFalse(sections["case_cards"].in_default_body)

    def test_a_home_page_created_in_the_admin_keeps_the_sections_an_editor_posts(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Another home",
                "slug": "another-home",
                "hero_heading": "",
                "hero_text": "",
                "hero_link_text": "",
                "intro": rich_text(""),
                "body": streamfield(
                    [
                        ("detained_cases", {"heading": "Held now", "limit": 3}),
                        ("latest_updates", {"heading": "", "number": 4}),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.root, HomePage, data)
        page = HomePage.objects.get(slug="another-home")
        self.assertEqual([b.block_type for b in page.body], ["detained_cases", "latest_updates"])


class SectionTests(HomeTestCase):
    def test_people_detained_real_first_with_status_and_days(self):
        today = timezone.localdate()
        self.add_case(
            "Invented Person",
            is_fictional=True,
            arrest_date=today - datetime.timedelta(days=3000),
        )
        self.add_case("Real Person", arrest_date=today - datetime.timedelta(days=1200))
        self.add_case("Freed Person", status="released", release_date=today)
        html = self.section(self.html(), "block-detained")
        self.assertLess(html.index("Real Person"), html.index("Invented Person"))
        self.assertNotIn("Freed Person", html)
        self.assertIn("1,200 days in detention", html)
        self.assertIn("Imprisoned", html)

    def test_live_count_counts_each_detained_person_once(self):
        self.add_case("One")
        self.add_case("Two", status="pre-trial-detention")
        self.add_case("Three", status="released", release_date=datetime.date(2024, 1, 1))
        html = self.html()
        self.assertIn('<strong class="live-counter__number">2</strong>', html)
        self.assertIn("people currently detained, all countries", html)

    def test_the_action_that_most_needs_people_shows_its_progress(self):
        soon = timezone.now() + datetime.timedelta(days=3)
        self.add_action("Reached", goal=10, signatures=12, deadline=soon)
        self.add_action("Far from goal", goal=1000, signatures=250, deadline=soon)
        self.add_action("No deadline", goal=1000, signatures=1)
        self.add_action("Closed", goal=1000, deadline=timezone.now() - datetime.timedelta(days=1))
        html = self.section(self.html(), "most-needed")
        self.assertIn("Far from goal", html)
        self.assertIn("<strong>250</strong> confirmed signatures", html)
        self.assertIn("of a goal of 1,000", html)
        self.assertIn('<progress class="action-count__bar" max="100" value="25"', html)
        self.assertIn("Sign the petition", html)

    def test_most_needed_action_order_and_a_chosen_one(self):
        soon = timezone.now() + datetime.timedelta(days=3)
        later = timezone.now() + datetime.timedelta(days=30)
        self.assertIsNone(most_needed_action(None))
        reached = self.add_action("Reached", goal=10, signatures=10, deadline=soon)
        self.assertEqual(most_needed_action(None).pk, reached.pk)  # open, even if reached
        later_one = self.add_action("Later", goal=100, deadline=later)
        self.assertEqual(most_needed_action(None).pk, later_one.pk)
        soon_one = self.add_action("Soon", goal=100, signatures=5, deadline=soon)
        self.assertEqual(most_needed_action(None).pk, soon_one.pk)
        self.assertEqual(most_needed_action(None, chosen=later_one).pk, later_one.pk)

    def test_latest_updates_across_cases_newest_first_with_permalinks(self):
        first, second = self.add_case("First Case"), self.add_case("Second Case")
        add_updates(first, 2, start=datetime.date(2024, 1, 1))
        add_updates(second, 1, start=datetime.date(2025, 6, 1))
        html = self.section(self.html(), "latest-updates")
        self.assertLess(html.index("Second Case"), html.index("First Case"))
        update = first.updates.order_by("-date").first()
        self.assertIn(f'href="{first.url}#{update.anchor}"', html)

    def test_next_hearings_only_when_there_are_some(self):
        case = self.add_case("In Court")
        html = self.html()
        self.assertNotIn("Next hearings", html)
        HearingFactory(page=case)
        html = self.section(self.html(), "hearings")
        self.assertIn("Next hearings", html)
        self.assertIn("In Court", html)
        self.assertIn("Medeu district court", html)

    def test_latest_posts(self):
        BlogPostPageFactory(parent=self.blog, title="A fresh post")
        self.assertIn("A fresh post", self.section(self.html(), "latest-posts"))


class QueryTests(HomeTestCase):
    def fill(self, n, start=0):
        soon = timezone.now() + datetime.timedelta(days=20)
        for i in range(start, n):
            case = self.add_case(f"Person {i:03d}", is_fictional=bool(i % 2))
            add_updates(case, 2, start=datetime.date(2024, 1, 1) + datetime.timedelta(i))
            HearingFactory(page=case)
            BlogPostPageFactory(parent=self.blog, title=f"Post {i:03d}")
            self.add_action(f"Action {i:03d}", goal=100, signatures=i + 1, deadline=soon)

    def test_queries_do_not_grow_with_the_data(self):
        self.fill(1)
        few = count_queries(self.client, "/")
        self.fill(25, start=1)
        many = count_queries(self.client, "/")
        self.assertEqual(few, many)
        self.assertEqual(CasePage.objects.count(), 25)
        html = self.html()
        for shown in ("Person 000", "Action 000", "Post 024", "Hearing 1", "Next hearings"):
            self.assertIn(shown, html)
        # Each section counts or lists in one to four queries (cards: photos, recognitions);
        # the rest is the page shell's (site, settings, menus, translations).
        self.assertLessEqual(many, 30)
