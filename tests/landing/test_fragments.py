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
