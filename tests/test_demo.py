"""`manage.py load_demo`: builds DESIGN.md's page tree, and a second run changes nothing."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from home.models import CustomImage, HomePage, SiteSettings, StandardPage

DEMO_URLS = [
    "/",
    "/about/",
    "/privacy/",
    "/search/",
    "/search/?q=prisoners",
    "/sitemap.xml",
    "/robots.txt",
    "/kazakhstan/",
    "/act/",
    "/act/reform-inciting-discord/",
    "/act/write-to-the-prosecutor-general/",
]
SEED_POST = "/blog/kazakhstan-political-prisoners-and-human-rights/"
PETITION = "/act/reform-inciting-discord/"
LETTER = "/act/write-to-the-prosecutor-general/"


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(built_demo, db):
    return built_demo


def test_demo_builds_the_site_shell(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert set(StandardPage.objects.live().values_list("slug", flat=True)) == {"about", "privacy"}
    assert SiteSettings.for_site(site).organisation_name
    # Wagtail's "Welcome" placeholder is gone.
    assert not Page.objects.filter(content_type__model="page", depth=2).exists()
    assert "Demo ready:" in demo.splitlines()[-1]


def test_second_run_changes_nothing(demo):
    counts = (Page.objects.count(), Revision.objects.count(), CustomImage.objects.count())
    second = load_demo()
    assert (Page.objects.count(), Revision.objects.count(), CustomImage.objects.count()) == counts
    assert "0 item(s) created" in second


def test_the_demo_site_follows_base_url_when_it_changes(demo, settings, client):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    settings.BASE_URL = "http://127.0.0.1:8123"
    assert "updated the default site: http://127.0.0.1:8123" in load_demo()
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8123"
    assert Site.objects.count() == 1
    # Links to the site, in its pages and its sitemap, now name the new address.
    html = client.get("/about/", headers={"host": "127.0.0.1:8123"}).text
    assert '<link rel="canonical" href="http://127.0.0.1:8123/about/">' in html
    sitemap = client.get("/sitemap.xml", headers={"host": "127.0.0.1:8123"}).text
    assert "<loc>http://127.0.0.1:8123/about/</loc>" in sitemap
    assert "updated the default site" not in load_demo()


def test_demo_images_are_generated_locally_and_credited(demo):
    images = CustomImage.objects.all()
    assert images.count() >= 2
    for image in images:
        assert image.credit and image.licence, image.title
        assert image.file.size > 0


@pytest.mark.parametrize("url", DEMO_URLS)
def test_every_demo_url_answers(demo, client, url):
    response = client.get(url)
    assert response.status_code == 200, url


def test_demo_home_page_shows_the_hero_and_the_photo_credit(demo, client):
    html = client.get("/").content.decode()
    assert "Nobody should be jailed for speaking out" in html
    assert "Illustration generated for the demo site · CC0 1.0" in html


def test_demo_cases_carry_the_corrected_facts(demo):
    from campaigns.models import CasePage

    statuses = dict(
        CasePage.objects.filter(
            slug__in=["mukhtar-ablyazov", "vladimir-kozlov", "serikzhan-bilash"]
        ).values_list("slug", "current_status")
    )
    assert statuses == {
        "mukhtar-ablyazov": "convicted-in-absentia",
        "vladimir-kozlov": "released",
        "serikzhan-bilash": "in-exile",
    }
    kozlov = CasePage.objects.get(slug="vladimir-kozlov", locale__language_code="en")
    assert {(c.article, c.code_edition) for c in kozlov.charges.all()} >= {
        ("164(3)", "kz-cc-1997")
    }
    assert len(kozlov.sources) > 0 and kozlov.updates.count() >= 2
    fictional = CasePage.objects.filter(is_fictional=True)
    assert fictional.count() == 12  # a dozen: the three real cases stay in view
    assert all(slug.startswith("demo-") for slug in fictional.values_list("slug", flat=True))
    assert all(
        name.endswith("(fictional)") for name in fictional.values_list("person_name", flat=True)
    )


def test_demo_blog_has_the_seed_article_with_cases_and_comments(demo, client):
    html = client.get("/blog/kazakhstan-political-prisoners-and-human-rights/").content.decode()
    for section in (
        "Introduction",
        "Notable cases",
        "Why it happens",
        "What it costs",
        "What would change it",
        "Conclusion",
    ):
        assert section in html
    assert 'class="case-card"' in html and "Vladimir Kozlov" in html
    assert "comments" in html and "Aizhan" in html
    # The seed's mistakes are not repeated.
    assert "imprisoned since 2002" not in html


def test_demo_menu_links_the_main_sections(demo, client):
    html = client.get("/").content.decode()
    for href in ('href="/kazakhstan/"', 'href="/cases/"', 'href="/blog/"', 'href="/act/"'):
        assert href in html


def test_demo_campaign_page_gathers_the_cases_the_post_and_both_actions(demo, client):
    html = client.get("/kazakhstan/").content.decode()
    for href in (
        'href="/cases/mukhtar-ablyazov/"',
        'href="/cases/vladimir-kozlov/"',
        'href="/cases/serikzhan-bilash/"',
        f'href="{SEED_POST}"',
        f'href="{PETITION}"',
        f'href="{LETTER}"',
    ):
        assert href in html, href
    counters = [int(n) for n in re.findall(r'live-counter__number">(\d+)<', html)]
    assert len(counters) >= 2 and all(counters), counters
    assert "people in this campaign currently detained" in html
    assert "confirmed signatures" in html


def test_demo_petition_tally_equals_its_confirmed_signatures(demo, client):
    from campaigns.models import ActionPage

    petition = ActionPage.objects.get(slug="reform-inciting-discord", locale__language_code="en")
    confirmed = petition.signatures.filter(confirmed_at__isnull=False)
    assert petition.tally.signatures == confirmed.count() > 0
    assert petition.signatures.filter(confirmed_at__isnull=True).exists()  # they do not count
    assert all(
        email.endswith("@example.org") for email in confirmed.values_list("email", flat=True)
    )
    assert petition.is_petition and petition.goal and petition.deadline is None
    # The cases charged under the article it targets, and no other.
    assert set(petition.related_cases.values_list("slug", flat=True)) == {
        "vladimir-kozlov",
        "serikzhan-bilash",
    }
    html = client.get(PETITION).content.decode()
    assert f"<strong>{confirmed.count()}</strong> confirmed signatures" in html
    assert "Mazhilis" in html and "Article 174" in html and "Article 164" in html
    # Named signers show a first name and country only; addresses never.
    assert "<li>Anna, Germany</li>" in html
    assert "Anna Example" not in html and "anna.1@example.org" not in html
    load_demo()
    assert petition.signatures.filter(confirmed_at__isnull=False).count() == confirmed.count()


def test_demo_letter_is_filled_from_the_case_and_invents_no_address(demo, client):
    """Kazakh offices' streets are not in any source we cite, so they stay empty; the one
    complete address is the UN Working Group's, and the page cites where it comes from."""
    from campaigns.models import ActionPage

    letter = ActionPage.objects.get(
        slug="write-to-the-prosecutor-general", locale__language_code="en"
    )
    assert letter.letter_case.slug == "serikzhan-bilash"
    assert letter.tally.letters > 0
    text = letter.letter_text()
    assert "Serikzhan Bilash" in text and "{" not in text
    html = client.get(LETTER).content.decode()
    assert "What not to write" in html
    assert "official website for the current address before sending" in html
    complete = [block.value for block in letter.addresses if block.value["email"]]
    assert [value["email"] for value in complete] == ["hrc-wg-ad@un.org"]
    assert complete[0]["postcode"] and re.search(r"\d", complete[0]["postal_address"])
    assert "https://www.ohchr.org/EN/Issues/Detention/Pages/Complaints.aspx" in html
    for block in letter.addresses:
        if block.value["country"] == "Kazakhstan":
            assert not re.search(r"\d", block.value["postal_address"]), "no invented street"
            assert not block.value["postcode"] and not block.value["email"]


def test_demo_seed_post_names_the_campaign_and_shows_its_actions(demo, client):
    from campaigns.models import BlogPostPage

    post = BlogPostPage.objects.get(
        slug="kazakhstan-political-prisoners-and-human-rights", locale__language_code="en"
    )
    assert post.related_campaign.slug == "kazakhstan"
    html = client.get(SEED_POST).content.decode()
    assert "Take action" in html
    assert f'href="{PETITION}"' in html and f'href="{LETTER}"' in html
    case = client.get("/cases/serikzhan-bilash/").content.decode()
    assert f'href="{PETITION}"' in case and f'href="{LETTER}"' in case
