"""Every page type: where it may live, that it renders, and that the admin can create it."""

from django.test import TestCase
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from campaigns.models import (
    ActionIndexPage,
    BlogIndexPage,
    CampaignPage,
    CaseIndexPage,
    ContactPage,
)
from home.models import HomePage, SiteSettings, SiteTexts, StandardPage

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..landing.factories import every_campaign_block
from .factories import (
    HeadingBlockFactory,
    ImageFactory,
    ImageFigureBlockFactory,
    LinkBlockFactory,
    StandardPageFactory,
    every_body_block,
    make_site,
)


class PageRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                CaseIndexPage,
                CampaignPage,
                BlogIndexPage,
                ActionIndexPage,
                ContactPage,
            },
        )

    def test_standard_page_lives_under_home_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_standard_page_cannot_be_created_at_the_root(self):
        self.assertCanNotCreateAt(Page, StandardPage)
        self.assertCanCreateAt(HomePage, StandardPage)


class PageRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.image = ImageFactory(credit="Photo: Jane Doe", licence="cc-by-4.0")
        cls.page = StandardPageFactory(
            parent=cls.home,
            title="About us",
            slug="about",
            body=[
                ("heading", HeadingBlockFactory(text="Our team")),
                (
                    "image",
                    ImageFigureBlockFactory(
                        image__image=cls.image,
                        image__alt_text="Two volunteers",
                        caption="Volunteers",
                    ),
                ),
            ],
        )

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)

    def test_standard_page_renders_with_blocks(self):
        self.assertPageIsRenderable(self.page)
        html = self.client.get(self.page.url).content.decode()
        self.assertIn('<h2 id="our-team" class="block-heading">Our team</h2>', html)
        self.assertIn('alt="Two volunteers"', html)
        # The credit stored with the image is printed under it.
        self.assertIn("Photo: Jane Doe · CC BY 4.0", html)

    def test_pages_are_previewable(self):
        # StreamFields are drawn by the admin's JavaScript, so the form data is given.
        self.assertPageIsPreviewable(
            self.home,
            post_data=nested_form_data(
                {
                    "title": "Home",
                    "slug": "home",
                    "hero_heading": "Free them",
                    "hero_text": "",
                    "intro": rich_text("<p>Intro</p>"),
                    "body": every_body_block(self.image),
                }
            ),
        )
        self.assertPageIsPreviewable(
            self.page,
            post_data=nested_form_data(
                {
                    "title": "About us",
                    "slug": "about",
                    "intro": "",
                    "body": every_body_block(self.image),
                }
            ),
        )

    def test_head_has_canonical_opengraph_and_twitter_meta(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, '<link rel="canonical" href="http://localhost/about/">')
        self.assertContains(response, '<meta property="og:title" content="About us">')
        self.assertContains(response, '<meta name="twitter:card" content="summary">')
        self.assertContains(response, '<html lang="en">')

    def test_share_image_falls_back_to_the_site_default(self):
        settings = SiteSettings.objects.get()
        settings.default_share_image = self.image
        settings.save()
        response = self.client.get(self.page.url)
        self.assertContains(response, '<meta property="og:image" content="http://testserver/')
        self.assertContains(response, 'content="summary_large_image"')

    def test_landmarks_skip_link_and_breadcrumbs(self):
        html = self.client.get(self.page.url).content.decode()
        self.assertIn('<a class="skip-link" href="#main">', html)
        for landmark in ("<header", '<main id="main"', "<footer", 'aria-label="Breadcrumb"'):
            self.assertIn(landmark, html)
        self.assertIn('<a href="/about/" aria-current="page">About us</a>', html)

    def test_navigation_and_footer_come_from_the_site_texts(self):
        navigation = SiteTexts.objects.get()
        navigation.primary_links = [("link", LinkBlockFactory(page=self.page))]
        navigation.footer_links = [
            ("link", LinkBlockFactory(label="Elsewhere", url="https://example.org/"))
        ]
        navigation.footer_text = "<p>Run by volunteers.</p>"
        navigation.save()
        html = self.client.get(self.home.url).content.decode()
        self.assertIn('<a href="/about/">About us</a>', html)
        self.assertIn('<a href="https://example.org/">Elsewhere</a>', html)
        self.assertIn("Run by volunteers.", html)

    def test_anonymous_responses_may_be_cached_by_shared_caches(self):
        response = self.client.get(self.page.url)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage", response["Cache-Control"])

    def test_signed_in_editors_get_a_private_copy(self):
        # The Wagtail user bar is per-visitor HTML: it must never reach a shared cache.
        self.client.force_login(self.make_superuser())
        response = self.client.get(self.page.url)
        self.assertIn("private", response["Cache-Control"])
        self.assertNotIn("public", response["Cache-Control"])

    def test_public_pages_get_a_strict_content_security_policy(self):
        policy = self.client.get(self.page.url)["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("script-src 'self';", policy)
        self.assertNotIn("unsafe-inline", policy)

    def test_query_count_is_bounded(self):
        self.client.get(self.page.url)  # warm the per-process caches
        with self.assertNumQueriesAtMost(12):
            self.client.get(self.page.url)

    def make_superuser(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_superuser("editor", "", "pw")

    def assertNumQueriesAtMost(self, budget):
        return _AtMost(self, budget)


class _AtMost:
    def __init__(self, test, budget):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.test, self.budget = test, budget
        self.context = CaptureQueriesContext(connection)

    def __enter__(self):
        self.context.__enter__()

    def __exit__(self, *exc):
        self.context.__exit__(*exc)
        count = len(self.context.captured_queries)
        self.test.assertLessEqual(
            count,
            self.budget,
            "\n".join(q["sql"] for q in self.context.captured_queries),
        )


class AdminCreateTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.image = ImageFactory()

    def setUp(self):
        self.login()

    def test_home_page_can_be_created_with_every_block(self):
        data = nested_form_data(
            {
                "title": "Another home",
                "slug": "another-home",
                "hero_heading": "Free them",
                "hero_text": "Short text",
                "intro": rich_text("<p>Intro</p>"),
                "body": every_body_block(self.image),
            }
        )
        self.assertCanCreate(self.root, HomePage, data)
        page = HomePage.objects.get(slug="another-home")
        self.assertEqual(
            [block.block_type for block in page.body],
            [
                "heading",
                "paragraph",
                "quote",
                "callout",
                "image",
                "embed",
                "table",
                "button",
                "sources",
            ],
        )
        self.assertEqual(page.body[4].value["image"].contextual_alt_text, "A court")
        self.assertEqual(page.body[8].value["sources"][0]["publisher"], "HRW")

    def test_standard_page_can_be_created_with_every_block(self):
        data = nested_form_data(
            {
                "title": "Methodology",
                "slug": "methodology",
                "intro": "How we work.",
                "body": every_body_block(self.image),
            }
        )
        self.assertCanCreate(self.home, StandardPage, data)
        page = StandardPage.objects.get(slug="methodology")
        self.assertEqual(len(page.body), 9)
        response = self.client.get(page.url)
        self.assertContains(response, "Hearing video")
        self.assertContains(response, '<th scope="col">Status</th>', html=True)
        self.assertContains(response, "A report")

    def test_campaign_page_can_be_created_with_every_block_and_renders_each(self):
        from campaigns.models import ActionTally

        case = CasePageFactory(
            parent=CaseIndexPageFactory(parent=self.home), person_name="Aigerim A"
        )
        act = ActionIndexPageFactory(parent=self.home)
        petition = ActionPageFactory(parent=act, title="Reform the law")
        letter = ActionPageFactory(
            parent=act, title="Write to them", kind="letter", letter_template="Dear official,"
        )
        ActionTally.add(petition.pk, "signatures", 7)
        ActionTally.add(letter.pk, "letters", 4)
        data = nested_form_data(
            {
                "title": "Belarus",
                "slug": "belarus",
                "hero_text": "",
                "body": every_campaign_block(self.image, case, petition, letter),
            }
        )
        self.assertCanCreate(self.home, CampaignPage, data)
        page = CampaignPage.objects.get(slug="belarus")
        self.assertEqual(
            [block.block_type for block in page.body][9:],
            [
                "case_cards",
                "action",
                "live_counter",
                "live_counter",
                "live_counter",
                "live_counter",
                "latest_posts",
                "open_actions",
            ],
        )
        html = self.client.get(page.url).content.decode()
        for text in (
            "Hearing video",  # a generic block
            "Aigerim A",  # case cards
            'href="/act/reform-the-law/">Sign the petition</a>',  # call to action
            '<strong class="live-counter__number">0</strong>',  # nobody detained here yet
            "held now",
            '<strong class="live-counter__number">7</strong>',
            '<strong class="live-counter__number">4</strong>',
            ">News</h2>",
            "No posts yet.",  # none names this new campaign
            ">Act today</h2>",
            "There is no open action at the moment.",
        ):
            self.assertIn(text, html)


class SettingsAdminTests(TestCase):
    def test_site_settings_and_navigation_are_editable_in_the_admin(self):
        from django.contrib.auth import get_user_model

        make_site()
        site = Site.objects.get()
        self.client.force_login(get_user_model().objects.create_superuser("a", "", "pw"))
        url = f"/admin/settings/home/sitesettings/{site.pk}/"
        self.assertEqual(self.client.get(url).status_code, 200, url)
        # The menus and footer are a translatable snippet: one set per language.
        texts = SiteTexts.objects.get()
        url = f"/admin/snippets/home/sitetexts/edit/{texts.pk}/"
        self.assertEqual(self.client.get(url).status_code, 200, url)
