"""Issue 17's query budget on the public pages that are not cases or posts: the home page,
a campaign page, the act index, a petition and a letter, search, hearings, corrections,
a standard page and the 404. At most 15 queries each once the page has been served, the
same with 3 or 12 cases, posts, actions and hearings, and the same whether or not the site
has Russian and Kazakh translations; and, drawn afresh (nothing in the cache), still the
same number with more data: a fragment that misses costs no query per item either."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from campaigns.actions.models import ActionKind
from campaigns.models import ActionPage, ActionTally, CasePage
from home.fragments import bump_generation

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory, add_updates
from ..corrections.factories import CaseCorrectionFactory
from ..hearings.factories import HearingFactory
from ..home.factories import (
    ActionTeaserBlockFactory,
    StandardPageFactory,
    make_site,
    translate,
)
from .factories import CampaignPageFactory, LiveCounterBlockFactory

BUDGET = 15

PAGES = [
    "/",
    "/kazakhstan/",
    "/act/",
    "/act/petition/",
    "/act/letter/",
    "/search/?q=person",
    "/hearings/",
    "/corrections/",
    "/about/",
]
NOT_FOUND = "/no-such-page/"


def queries(client, url, warm=True):
    """The queries of one request for `url`: after a first request filled the caches
    (`warm`), just after a publish (`warm="published"`: every fragment drawn afresh, as
    the first request after any publish draws them), or with the cache emptied just before
    (`warm=False`: nothing kept at all)."""
    client.get(url)
    if warm == "published":
        bump_generation()
    elif not warm:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == (404 if url == NOT_FOUND else 200), url
    return len(captured)


class QueryBudgetTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.index = CaseIndexPageFactory(parent=cls.home, slug="cases")
        cls.blog = BlogIndexPageFactory(parent=cls.home, slug="blog")
        cls.act = ActionIndexPageFactory(parent=cls.home, slug="act")
        cls.petition = ActionPageFactory(parent=cls.act, title="Petition", slug="petition")
        cls.letter = ActionPageFactory(
            parent=cls.act,
            title="Letter",
            slug="letter",
            kind=ActionKind.LETTER,
            letter_template="Dear official,",
        )
        cls.campaign = CampaignPageFactory(
            parent=cls.home,
            title="Kazakhstan",
            slug="kazakhstan",
            body=[
                ("live_counter", LiveCounterBlockFactory(source="detained")),
                ("action", ActionTeaserBlockFactory(action=cls.petition)),
                ("paragraph", "<p>Why this campaign.</p>"),
            ],
        )
        cls.about = StandardPageFactory(parent=cls.home, title="About us", slug="about")

    def fill(self, n, start=0):
        """Cases (with updates, a hearing and a correction), posts and actions, up to `n`."""
        soon = timezone.now() + datetime.timedelta(days=30)
        for i in range(start, n):
            case = CasePageFactory(
                parent=self.index,
                person_name=f"Person {i:03d}",
                related_campaign=self.campaign,
                is_fictional=bool(i % 2),
            )
            add_updates(case, 2, start=datetime.date(2024, 1, 1) + datetime.timedelta(i))
            HearingFactory(page=case)
            CaseCorrectionFactory(page=case, locale_id=case.locale_id)
            BlogPostPageFactory(
                parent=self.blog, title=f"Post {i:03d}", related_campaign=self.campaign
            )
            action = ActionPageFactory(
                parent=self.act,
                title=f"Action {i:03d}",
                related_campaign=self.campaign,
                goal=100,
                deadline=soon,
            )
            ActionTally.add(action.pk, "signatures", i + 1)

    def counts(self, urls=PAGES, warm=True):
        return {url: queries(self.client, url, warm) for url in [*urls, NOT_FOUND]}

    def assert_within_budget(self, counts):
        over = {url: count for url, count in counts.items() if count > BUDGET}
        self.assertEqual(over, {}, f"pages over {BUDGET} queries: {counts}")

    def test_every_page_is_within_budget_and_constant_in_the_data(self):
        self.fill(3)
        few = self.counts()
        self.fill(12, start=3)
        many = self.counts()
        self.assertEqual(CasePage.objects.count(), 12)
        self.assertEqual(few, many)
        self.assert_within_budget(many)
        # The data is really there: the pages list it.
        html = self.client.get("/kazakhstan/").content.decode()
        self.assertIn("See all 12 people", html)

    def test_pages_drawn_afresh_cost_the_same_with_more_data(self):
        self.fill(3)
        few = self.counts(warm=False)
        published = self.counts(warm="published")
        self.fill(12, start=3)
        many = self.counts(warm=False)
        self.assertEqual(few, many)
        self.assertEqual(published, self.counts(warm="published"))
        # Issue 17: within the budget on the first request after a publish too.
        self.assert_within_budget(published)

    def translate_site(self, code):
        for page in (self.home, self.campaign, self.act, self.petition, self.letter, self.about):
            translate(page, code)

    def test_translations_cost_english_pages_nothing_and_translated_pages_stay_within(self):
        self.fill(3)
        english_only = self.counts()
        self.translate_site("ru")
        two_languages = self.counts()
        self.translate_site("kk")
        three_languages = self.counts()
        self.assertEqual(three_languages, two_languages)
        # The 404 looks for the page at the same address in the other languages (two
        # queries, whatever their number) only when the site has other languages.
        del english_only[NOT_FOUND], three_languages[NOT_FOUND]
        self.assertEqual(three_languages, english_only)
        russian = self.counts([f"/ru{url}" for url in PAGES])
        kazakh = self.counts([f"/kk{url}" for url in PAGES])
        self.assert_within_budget(russian)
        self.assertEqual(list(russian.values()), list(kazakh.values()))

    def calls_to_action(self):
        """The campaign's body with several calls to action and live counters: the petition
        and the letter (translated with the site) and an action that is never translated."""
        untranslated = ActionPage.objects.get(slug="action-000")
        self.campaign.body = [
            ("live_counter", LiveCounterBlockFactory(source="detained")),
            ("live_counter", LiveCounterBlockFactory(source="signatures", action=self.petition)),
            ("live_counter", LiveCounterBlockFactory(source="letters", action=self.letter)),
            ("live_counter", LiveCounterBlockFactory(source="campaign-signatures")),
            ("action", ActionTeaserBlockFactory(action=self.petition)),
            ("action", ActionTeaserBlockFactory(action=self.letter)),
            ("action", ActionTeaserBlockFactory(action=untranslated)),
        ]
        self.campaign.save_revision().publish()

    def campaign_counts(self):
        return {
            code: queries(self.client, f"{prefix}/kazakhstan/")
            for code, prefix in (("en", ""), ("ru", "/ru"), ("kk", "/kk"))
        }

    def test_calls_to_action_cost_the_same_in_every_language_and_with_more_actions(self):
        self.fill(3)
        self.calls_to_action()
        self.translate_site("ru")
        self.translate_site("kk")
        few = self.campaign_counts()
        self.fill(12, start=3)
        many = self.campaign_counts()
        self.assertEqual(few, many)
        self.assertEqual(set(many.values()), {many["en"]}, many)
        self.assert_within_budget(many)
        # The Russian page's calls to action lead to the Russian actions where there are
        # some, with the count they share with the English ones.
        html = self.client.get("/ru/kazakhstan/").content.decode()
        for href in ("/ru/act/petition/", "/ru/act/letter/", "/act/action-000/"):
            self.assertIn(f'class="button button--primary" href="{href}"', html)
        ActionTally.add(self.letter.pk, "letters", 7)
        html = self.client.get("/kk/kazakhstan/").content.decode()
        self.assertIn("<strong>7</strong>", html)
