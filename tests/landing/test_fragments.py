"""The home and campaign pages keep their listings as fragments in the cache
(home.fragments): served from the cache until a page is published, never across
languages, never to a preview; the menus likewise until the menus are saved."""

import pytest
from django.test import RequestFactory
from wagtail.test.utils import WagtailPageTestCase

from campaigns.models import CasePage
from home.fragments import fragment_key
from home.models import SiteTexts

from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..home.factories import LinkBlockFactory, StandardPageFactory, make_site, translate
from .factories import CampaignPageFactory


def detained_section(html):
    start = html.index('class="w-block-detained_cases')
    return html[start : html.index("</section>", start)]


class FragmentTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.index = CaseIndexPageFactory(parent=cls.home, slug="cases")
        cls.campaign = CampaignPageFactory(parent=cls.home, title="Kazakhstan", slug="kazakhstan")
        CasePageFactory(
            parent=cls.index, person_name="Known Person", related_campaign=cls.campaign
        )

    def html(self, url="/"):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_listings_are_served_from_the_cache_until_a_page_is_published(self):
        draft = CasePageFactory(parent=self.index, person_name="New Person", live=False)
        self.assertNotIn("New Person", self.html())
        self.assertNotIn("New Person", self.html("/kazakhstan/"))
        # A change no signal reports (an update in SQL) is not seen: the fragment is served.
        CasePage.objects.filter(person_name="Known Person").update(person_name="Renamed")
        self.assertIn("Known Person", detained_section(self.html()))
        self.assertIn("Known Person", self.html("/kazakhstan/"))
        # Publishing any page draws the listings afresh.
        draft.related_campaign = self.campaign
        draft.save_revision().publish()
        home = detained_section(self.html())
        self.assertIn("New Person", home)
        self.assertIn("Renamed", home)
        self.assertIn("New Person", self.html("/kazakhstan/"))

    def test_a_fragment_is_never_served_in_another_language(self):
        translate(self.home, "ru", {"Detained now": "Задержаны сейчас"})
        self.assertIn("Detained now", detained_section(self.html()))
        russian = detained_section(self.html("/ru/"))
        self.assertIn("Задержаны сейчас", russian)
        self.assertNotIn("Detained now", russian)

    def test_a_preview_neither_reads_nor_stores_fragments(self):
        self.assertIn("Detained now", self.html())  # the live page's fragment is stored
        draft = self.home.get_latest_revision_as_object()
        draft.body[1].value["heading"] = "Held today"
        preview = draft.make_preview_request().content.decode()
        self.assertIn("Held today", detained_section(preview))
        self.assertIn("Detained now", detained_section(self.html()))

    def test_the_key_says_which_page(self):
        request = RequestFactory().get("/")
        self.assertNotEqual(fragment_key(request, self.home), fragment_key(request, self.campaign))
        request.is_preview = True
        self.assertIsNone(fragment_key(request, self.home))

    def test_menus_follow_their_texts_and_pages(self):
        about = StandardPageFactory(parent=self.home, title="About us", slug="about")
        texts = SiteTexts.objects.get()
        texts.primary_links = [("link", LinkBlockFactory(page=about, label=""))]
        texts.save()
        self.assertIn('<a href="/about/">About us</a>', self.html())
        texts.primary_links = [("link", LinkBlockFactory(page=about, label="Who we are"))]
        texts.save()
        self.assertIn('<a href="/about/">Who we are</a>', self.html())
        # The page that is shown is marked in the menu.
        self.assertIn('<a href="/about/" aria-current="page">Who we are</a>', self.html("/about/"))


@pytest.mark.django_db
def test_the_generation_moves_again_when_the_change_is_committed(
    django_capture_on_commit_callbacks,
):
    """A request served between a publish's save and its commit reads the old rows: what
    it stores under the generation of that moment must not outlive the commit."""
    from home.fragments import bump_generation, generation

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bump_generation()
        during = generation()
    assert callbacks
    assert generation() not in ("", during)


@pytest.mark.django_db
def test_a_body_is_kept_in_runs_and_its_live_counts_are_drawn_each_time(client, home_page):
    """Neighbouring blocks that depend on nothing live (text, headings, case cards) are kept
    together as one fragment; an action teaser between them is drawn on every request."""
    from campaigns.models import ActionTally
    from home.fragments import fragment_context

    from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
    from ..home.factories import ActionTeaserBlockFactory

    petition = ActionPageFactory(parent=ActionIndexPageFactory(parent=home_page), slug="reform")
    campaign = CampaignPageFactory(
        parent=home_page,
        slug="kazakhstan",
        body=[
            ("heading", {"text": "Why now", "level": "h2"}),
            ("paragraph", "<p>First words.</p>"),
            ("action", ActionTeaserBlockFactory(action=petition)),
            ("paragraph", "<p>Last words.</p>"),
        ],
    )
    request = RequestFactory().get("/kazakhstan/")
    runs = fragment_context(request, campaign, campaign.body, frozenset())["body_runs"]
    assert [([item.block_type for item in run.items], run.cached) for run in runs] == [
        (["heading", "paragraph"], True),
        (["action"], False),
        (["paragraph"], True),
    ]
    assert len({run.key for run in runs}) == 3

    ActionTally.add(petition.pk, "signatures", 2)
    html = client.get("/kazakhstan/").content.decode()
    assert "First words." in html and "<strong>2</strong>" in html
    # Text changed where no signal sees it is not drawn again: the run is served from the
    # cache. The teaser's count, drawn each time, moves at once.
    changed = [
        {**raw, "value": "<p>Other words.</p>"} if raw["type"] == "paragraph" else dict(raw)
        for raw in campaign.body.raw_data
    ]
    type(campaign).objects.filter(pk=campaign.pk).update(body=changed)
    ActionTally.add(petition.pk, "signatures", 3)
    html = client.get("/kazakhstan/").content.decode()
    assert "First words." in html and "Last words." in html and "Other words." not in html
    assert "<strong>5</strong>" in html
    # Publishing draws the runs afresh.
    type(campaign).objects.get(pk=campaign.pk).save_revision().publish()
    html = client.get("/kazakhstan/").content.decode()
    assert html.count("Other words.") == 2 and "First words." not in html
