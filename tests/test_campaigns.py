"""Campaign pages gather the cases that name them, with no list kept by hand."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.models import CampaignPage, CasePage
from home.models import HomePage

from .factories import CaseIndexPageFactory, CasePageFactory, ImageFactory
from .test_pages import make_site


class CampaignPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.campaign = CampaignPage(title="Kazakhstan", slug="kazakhstan", hero_text="Free them.")
        cls.home.add_child(instance=cls.campaign)
        cls.index = CaseIndexPageFactory(parent=cls.home)
        cls.photo = ImageFactory()

    def add_case(self, name, campaign=True, live=True):
        return CasePageFactory(
            parent=self.index,
            person_name=name,
            photo=self.photo,
            related_campaign=self.campaign if campaign else None,
            live=live,
        )

    def test_page_rules(self):
        self.assertAllowedParentPageTypes(CampaignPage, {HomePage})
        self.assertAllowedSubpageTypes(CampaignPage, set())
        self.assertCanNotCreateAt(Page, CampaignPage)

    def test_renders_and_lists_its_live_cases_only(self):
        self.add_case("Aigerim A")
        self.add_case("Bolat B", campaign=False)
        self.add_case("Chingiz C", live=False)
        self.assertPageIsRenderable(self.campaign)
        html = self.client.get(self.campaign.url).content.decode()
        self.assertIn("Aigerim A", html)
        self.assertNotIn("Bolat B", html)
        self.assertNotIn("Chingiz C", html)

    def test_can_be_created_in_the_admin(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Belarus",
                "slug": "belarus",
                "hero_text": "Text",
                "body": streamfield([("paragraph", rich_text("<p>Why.</p>"))]),
            }
        )
        self.assertCanCreate(self.home, CampaignPage, data)

    def test_queries_do_not_grow_with_cases(self):
        for n in range(3):
            self.add_case(f"Person {n}")
        self.client.get(self.campaign.url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.campaign.url)
        for n in range(3, 30):
            self.add_case(f"Person {n}")
        with CaptureQueriesContext(connection) as many:
            self.client.get(self.campaign.url)
        self.assertEqual(len(few), len(many))
        self.assertEqual(CasePage.objects.filter(related_campaign=self.campaign).count(), 30)
