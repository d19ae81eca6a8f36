"""Campaign pages gather the cases, posts and actions that name them, with no list kept by
hand; their blocks count live; case pages and posts show the actions about them."""

import datetime
import re
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.actions.blocks import ActionListBlock
from campaigns.blog.blocks import LatestPostsBlock
from campaigns.cases.models import CaseQuerySet
from campaigns.landing.blocks import LiveCounterBlock
from campaigns.models import ActionTally, CampaignPage, CasePage
from home.models import HomePage

from ..actions.factories import (
    ActionIndexPageFactory,
    ActionListBlockFactory,
    ActionPageFactory,
    SignatureFactory,
)
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory, LatestPostsBlockFactory
from ..cases.factories import (
    CASE_QUERY_BUDGET,
    CaseCardsBlockFactory,
    CaseIndexPageFactory,
    CasePageFactory,
)
from ..home.factories import ActionTeaserBlockFactory, ImageFactory, make_site
from .factories import CampaignPageFactory, LiveCounterBlockFactory, every_campaign_block

PAST = timezone.now() - datetime.timedelta(days=1)


def teaser(action):
    return ("action", ActionTeaserBlockFactory(action=action))


def counter(source, action=None, label=""):
    return ("live_counter", LiveCounterBlockFactory(source=source, action=action, label=label))


def queries(client, url):
    client.get(url)  # warm the per-process caches (site, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


class CampaignTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.campaign = CampaignPageFactory(
            parent=cls.home, title="Kazakhstan", slug="kazakhstan", hero_text="Free them."
        )
        cls.other_campaign = CampaignPageFactory(parent=cls.home, title="Belarus", slug="belarus")
        cls.index = CaseIndexPageFactory(parent=cls.home)
        cls.blog = BlogIndexPageFactory(parent=cls.home)
        cls.act = ActionIndexPageFactory(parent=cls.home)
        cls.photo = ImageFactory()

    def add_case(self, name, campaign=True, live=True, **fields):
        return CasePageFactory(
            parent=self.index,
            person_name=name,
            photo=self.photo,
            related_campaign=self.campaign if campaign is True else campaign or None,
            live=live,
            **fields,
        )

    def add_post(self, title, campaign=True, live=True, **fields):
        return BlogPostPageFactory(
            parent=self.blog,
            title=title,
            hero_image=self.photo,
            related_campaign=self.campaign if campaign is True else campaign or None,
            live=live,
            **fields,
        )

    def add_action(self, title, campaign=True, signatures=0, cases=(), **fields):
        action = ActionPageFactory(
            parent=self.act,
            title=title,
            related_campaign=self.campaign if campaign is True else campaign or None,
            **fields,
        )
        if cases:
            action.related_cases.set(cases)
            action.save()
        if signatures:
            ActionTally.add(action.pk, "signatures", signatures)
        return action

    def set_body(self, *blocks):
        self.campaign.body = list(blocks)
        self.campaign.save_revision().publish()

    def html(self, url=None):
        response = self.client.get(url or self.campaign.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()


class CampaignPageTests(CampaignTestCase):
    def test_page_rules(self):
        self.assertAllowedParentPageTypes(CampaignPage, {HomePage})
        self.assertAllowedSubpageTypes(CampaignPage, set())
        self.assertCanNotCreateAt(Page, CampaignPage)

    def test_renders_and_lists_its_live_cases_only(self):
        self.add_case("Aigerim A")
        self.add_case("Bolat B", campaign=False)
        self.add_case("Chingiz C", live=False)
        self.assertPageIsRenderable(self.campaign)
        html = self.html()
        self.assertIn("Aigerim A", html)
        self.assertNotIn("Bolat B", html)
        self.assertNotIn("Chingiz C", html)

    def test_can_be_created_in_the_admin(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Kyrgyzstan",
                "slug": "kyrgyzstan",
                "hero_text": "Text",
                "body": streamfield([("paragraph", rich_text("<p>Why.</p>"))]),
            }
        )
        self.assertCanCreate(self.home, CampaignPage, data)

    def test_a_new_campaign_can_be_previewed_with_every_block(self):
        # Nothing names an unsaved campaign yet: its blocks must say so, not fail.
        self.login()
        case = self.add_case("Aigerim A")
        petition = self.add_action("Reform", signatures=3)
        letter = self.add_action("Write", kind="letter", letter_template="Dear official,")
        data = nested_form_data(
            {
                "title": "Kyrgyzstan",
                "slug": "kyrgyzstan",
                "hero_text": "",
                "body": every_campaign_block(self.photo, case, petition, letter),
            }
        )
        url = f"/admin/pages/add/campaigns/campaignpage/{self.home.pk}/preview/"
        self.assertEqual(self.client.post(url, data).json()["is_valid"], True)
        html = self.client.get(url).content.decode()
        self.assertIn("Aigerim A", html)
        self.assertIn("No posts yet.", html)
        self.assertIn('<strong class="live-counter__number">3</strong>', html)

    # --- what names the campaign appears by itself ------------------------------------

    def test_lists_its_newest_live_posts_by_itself(self):
        for day in range(1, 5):
            self.add_post(f"Ours {day}", date=datetime.date(2026, 1, day))
        self.add_post("Elsewhere", campaign=self.other_campaign, date=datetime.date(2026, 2, 1))
        self.add_post("Unattached", campaign=False, date=datetime.date(2026, 2, 1))
        self.add_post("Draft", live=False, date=datetime.date(2026, 2, 1))
        html = self.html()
        section = html[html.index('id="campaign-posts-heading"') :]
        self.assertLess(section.index("Ours 4"), section.index("Ours 3"))
        self.assertIn("Ours 2", section)
        for absent in ("Ours 1", "Elsewhere", "Unattached", "Draft"):
            self.assertNotIn(absent, html)

    def test_lists_its_open_actions_with_live_counts(self):
        self.add_action("Open petition", signatures=12)
        self.add_action("Closed petition", deadline=PAST)
        self.add_action("Other campaign", campaign=self.other_campaign)
        self.add_action("Draft petition", live=False)
        html = self.html()
        section = html[html.index('id="campaign-actions-heading"') :]
        self.assertIn(">Act now</h2>", section)
        self.assertIn("Open petition", section)
        self.assertIn("<strong>12</strong> confirmed signatures", section)
        for absent in ("Closed petition", "Other campaign", "Draft petition"):
            self.assertNotIn(absent, html)

    def test_actions_promoted_in_the_body_are_not_listed_twice(self):
        promoted = self.add_action("Promoted petition")
        self.add_action("Another petition")
        self.set_body(teaser(promoted))
        html = self.html()
        self.assertEqual(html.count('href="/act/promoted-petition/"'), 1)
        section = html[html.index('id="campaign-actions-heading"') :]
        self.assertIn("Another petition", section)

    def test_no_empty_sections(self):
        html = self.html()
        self.assertNotIn('id="campaign-actions-heading"', html)
        self.assertNotIn('id="campaign-posts-heading"', html)
        self.assertNotIn('id="campaign-cases-heading"', html)

    def test_blocks_in_the_body_take_the_place_of_the_automatic_sections(self):
        self.add_post("Our post")
        self.add_action("Our petition", signatures=2)
        self.add_action("Our letter", kind="letter", letter_template="Dear official,")
        self.set_body(
            ("latest_posts", LatestPostsBlockFactory(heading="From the blog", number=2)),
            ("open_actions", ActionListBlockFactory(heading="Sign now", kind="petition")),
        )
        html = self.html()
        self.assertNotIn('id="campaign-actions-heading"', html)
        self.assertNotIn('id="campaign-posts-heading"', html)
        self.assertIn(">From the blog</h2>", html)
        self.assertIn("Our post", html)
        self.assertIn(">Sign now</h2>", html)
        self.assertIn("Our petition", html)
        self.assertNotIn("Our letter", html)  # the block lists petitions only

    # --- live counters -------------------------------------------------------------------

    def test_live_counters_count_the_campaign_in_sql(self):
        self.add_case("Held 1", status="imprisoned")
        self.add_case("Held 2", status="pre-trial-detention")
        self.add_case("Held 3", status="house-arrest")
        self.add_case("Free", status="released")
        self.add_case("Held elsewhere", status="imprisoned", campaign=self.other_campaign)
        self.add_case("Held draft", status="imprisoned", live=False)
        first = self.add_action("First", signatures=5)
        self.add_action("Second", signatures=7)
        self.add_action("Old", signatures=1, deadline=PAST)  # closed, but its signatures count
        self.add_action("Elsewhere", signatures=100, campaign=self.other_campaign)
        self.add_action("Draft", signatures=50, live=False)
        letter = self.add_action("Letter", kind="letter", letter_template="Dear official,")
        ActionTally.add(letter.pk, "letters", 4)
        self.set_body(
            counter("detained"),
            counter("campaign-signatures", label="signatures on our petitions"),
            counter("signatures", first),
            counter("letters", letter, label="letters written"),
        )
        html = self.html()
        for number, label in (
            (3, "people in this campaign currently detained"),
            (13, "signatures on our petitions"),
            (5, "confirmed signatures"),
            (4, "letters written"),
        ):
            self.assertRegex(
                html,
                f'<strong class="live-counter__number">{number}</strong>\\s*'
                f'<span class="live-counter__label">{label}</span>',
            )
        # Never stored: the next signature shows at once.
        ActionTally.add(first.pk, "signatures")
        self.assertIn('<strong class="live-counter__number">6</strong>', self.html())
        self.assertNotIn("number", self.campaign.body.raw_data[0]["value"])

    def test_detained_counters_say_what_they_count_and_share_one_definition(self):
        self.add_case("Held here", status="imprisoned")
        self.add_case("Free here", status="released")
        self.add_case("Held elsewhere", status="pre-trial-detention", country="KG", campaign=False)
        self.add_case("Held in Belarus", status="house-arrest", campaign=self.other_campaign)
        self.set_body(counter("detained"))

        def figures():
            campaign = re.search(
                r'live-counter__number">(\d+)</strong>\s*<span class="live-counter__label">'
                r"([^<]+)</span>",
                self.html(),
            ).groups()
            index = re.search(
                r'counter__number">(\d+)</strong>\s*([^<]+?)</p>', self.html(self.index.url)
            ).groups()
            return campaign, index

        campaign, index = figures()
        self.assertEqual(campaign, ("1", "person in this campaign currently detained"))
        self.assertEqual(index, ("3", "people currently detained, all countries"))

        # Both count with the one definition: change it, and both follow.
        def released(cases):
            return cases.filter(current_status="released")

        cache.clear()  # the index's counters are kept with its fragments (campaigns.cases)
        with mock.patch.object(CaseQuerySet, "currently_detained", released):
            campaign, index = figures()
        self.assertEqual((campaign[0], index[0]), ("1", "1"))
        self.assertNotIn(
            "Free here",
            [case.person_name for case in CasePage.objects.currently_detained()],
        )

    def test_campaign_blocks_outside_a_campaign_use_the_whole_site(self):
        self.add_post("Campaign post", date=datetime.date(2026, 1, 1))
        self.add_post("Unattached post", campaign=False, date=datetime.date(2026, 1, 2))
        self.add_action("Campaign action", signatures=2)
        self.add_action("Unattached action", campaign=False, signatures=3)
        self.add_case("Held here", status="imprisoned")
        self.add_case("Held no campaign", status="imprisoned", campaign=False)
        posts = LatestPostsBlock()
        html = posts.render(posts.to_python({"heading": "News", "number": 6}))
        self.assertIn("Campaign post", html)
        self.assertIn("Unattached post", html)
        actions = ActionListBlock()
        html = actions.render(actions.to_python({"heading": "Act", "kind": "", "limit": 6}))
        self.assertIn("Campaign action", html)
        self.assertIn("Unattached action", html)
        counters = LiveCounterBlock()
        for source, number in (("detained", 2), ("campaign-signatures", 5)):
            value = counters.to_python({"source": source, "action": None, "label": ""})
            self.assertIn(f">{number}</strong>", counters.render(value))
        value = counters.to_python({"source": "detained", "action": None, "label": ""})
        self.assertIn("people currently detained, all countries", counters.render(value))

    def test_demo_style_tally_matches_confirmed_signatures(self):
        petition = self.add_action("Petition")
        now = timezone.now()
        for n in range(3):
            SignatureFactory(
                action=petition, email=f"s{n}@example.org", name=f"S {n}", confirmed_at=now
            )
        SignatureFactory(action=petition, email="late@example.org", name="Late")
        ActionTally.add(petition.pk, "signatures", 3)
        self.set_body(counter("signatures", petition))
        self.assertIn('<strong class="live-counter__number">3</strong>', self.html())

    # --- query counts --------------------------------------------------------------------

    def fill(self, cases, posts, actions, start=0):
        for n in range(start, cases):
            self.add_case(f"Person {n:02d}", status="imprisoned" if n % 2 else "released")
        for n in range(start, posts):
            self.add_post(f"Post {n:02d}", date=datetime.date(2026, 1, 1) + datetime.timedelta(n))
        for n in range(start, actions):
            self.add_action(
                f"Action {n:02d}",
                signatures=n + 1,
                kind="letter" if n % 3 == 2 else "petition",
                letter_template="Dear official," if n % 3 == 2 else "",
            )

    def assert_constant_queries(self):
        self.fill(cases=3, posts=1, actions=1)
        few = queries(self.client, self.campaign.url)
        self.fill(cases=30, posts=20, actions=10, start=3)
        many = queries(self.client, self.campaign.url)
        self.assertEqual(CasePage.objects.filter(related_campaign=self.campaign).count(), 30)
        self.assertEqual(few, many)
        return many

    def test_queries_do_not_grow_with_cases_posts_or_actions(self):
        # The automatic sections: cases, "Act now" and "Latest posts".
        many = self.assert_constant_queries()
        html = self.html()
        # At most 12 people, the detained (odd numbers) first: the rest are a link away.
        self.assertIn("Person 23", html)
        self.assertNotIn("Person 25", html)
        self.assertIn('href="/cases/?campaign=kazakhstan">See all 30 people', html)
        self.assertIn("Action 09", html)
        self.assertIn("Post 19", html)
        # 20, the page's translations (language switcher), the cards' recognitions, and
        # for "See all": the number of people and the case index's address.
        self.assertLessEqual(many, 24)

    def test_queries_with_every_campaign_block_do_not_grow(self):
        petition = self.add_action("Promoted", signatures=1)
        self.set_body(
            counter("detained"),
            counter("campaign-signatures"),
            counter("signatures", petition),
            ("case_cards", CaseCardsBlockFactory(status="imprisoned", limit=12)),
            teaser(petition),
            ("latest_posts", LatestPostsBlockFactory(heading="News", number=6)),
            ("open_actions", ActionListBlockFactory(heading="Act", limit=12)),
        )
        many = self.assert_constant_queries()
        # Each block counts or lists in one to four queries of its own.
        # 32, the page's translations (language switcher), and the recognitions of the
        # case cards (the campaign's own and a case cards block's), and "See all" (2).
        self.assertLessEqual(many, 37)


# --- "Take action" on case pages and posts ------------------------------------------------


class RelatedActionsTests(CampaignTestCase):
    def test_case_page_shows_its_actions_open_first(self):
        case = self.add_case("Aigerim A")
        other = self.add_case("Bolat B")
        self.add_action("Closed for her", cases=[case], deadline=PAST)
        self.add_action("Open for her", cases=[case, other], signatures=9)
        self.add_action("For him only", cases=[other])
        self.add_action("Draft for her", cases=[case], live=False)
        html = self.html(case.url)
        section = html[html.index('id="case-actions-heading"') :]
        self.assertIn(">Take action</h2>", section)
        self.assertLess(section.index("Open for her"), section.index("Closed for her"))
        self.assertIn("<strong>9</strong> confirmed signatures", section)
        self.assertNotIn("For him only", html)
        self.assertNotIn("Draft for her", html)

    def test_kept_actions_still_close_on_time_and_count_live(self):
        """Which actions a case shows is kept with its fragments; whether each is still open,
        and its count, are read at each request."""
        case = self.add_case("Aigerim A")
        self.add_action("Open for long", cases=[case])
        closing = self.add_action(
            "Closing soon", cases=[case], deadline=timezone.now() + datetime.timedelta(minutes=1)
        )

        def section():
            html = self.html(case.url)
            return html[html.index('id="case-actions-heading"') :]

        self.assertLess(section().index("Closing soon"), section().index("Open for long"))
        ActionTally.add(closing.pk, "signatures", 4)
        self.assertIn("<strong>4</strong> confirmed signatures", section())
        later = timezone.now() + datetime.timedelta(minutes=2)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assertLess(section().index("Open for long"), section().index("Closing soon"))

    def test_case_page_without_actions_has_no_section(self):
        case = self.add_case("Aigerim A")
        self.assertNotIn("case-actions-heading", self.html(case.url))

    def test_post_shows_actions_about_its_cases_or_its_campaign(self):
        case = self.add_case("Aigerim A", campaign=False)
        post = self.add_post("A post")
        post.related_cases.set([case])
        post.save_revision().publish()
        self.add_action("About her", cases=[case], campaign=False)
        self.add_action("For the campaign")
        self.add_action("Elsewhere", campaign=self.other_campaign)
        html = self.html(post.url)
        section = html[html.index('id="post-actions-heading"') :]
        self.assertIn("About her", section)
        self.assertIn("For the campaign", section)
        self.assertNotIn("Elsewhere", html)

    def test_post_without_cases_or_campaign_has_no_section(self):
        post = self.add_post("Loose", campaign=False)
        self.add_action("Unrelated")
        self.assertNotIn("post-actions-heading", self.html(post.url))

    def test_case_and_post_queries_do_not_grow_with_actions(self):
        case = self.add_case("Aigerim A")
        post = self.add_post("A post")
        post.related_cases.set([case])
        post.save_revision().publish()
        self.add_action("Action 0", cases=[case], signatures=1)
        few = (queries(self.client, case.url), queries(self.client, post.url))
        for n in range(1, 10):
            self.add_action(f"Action {n}", cases=[case], signatures=n)
        many = (queries(self.client, case.url), queries(self.client, post.url))
        self.assertEqual(few, many)
        self.assertLessEqual(many[0], CASE_QUERY_BUDGET)
        html = self.html(case.url)
        self.assertIn("Action 5", html)
