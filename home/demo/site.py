"""The site shell of the demo: home, about, privacy, settings and navigation."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.blocks import default_home_page_body
from home.models import HomePage, SiteSettings, SiteTexts, StandardPage

from .images import ensure_demo_image

ORGANISATION = "Free Kazakhstan's Political Prisoners"

HOME = {
    "title": "Home",
    "slug": "home",
    "seo_title": ORGANISATION,
    "hero_heading": "Nobody should be jailed for speaking out",
    "hero_text": (
        "We document the cases of people in Kazakhstan who were detained, tried or driven "
        "into exile for their journalism, activism or political opposition, and we ask "
        "you to act for them."
    ),
    "intro": (
        "<p>Human rights groups count dozens of political prisoners in Kazakhstan. Behind "
        "each number is a person, a family and a court file. This site keeps their cases "
        "accurate, sourced and current.</p>"
    ),
    "listing_summary": "Cases, updates and actions for Kazakhstan's political prisoners.",
    "search_description": (
        "A campaign documenting political prisoners in Kazakhstan: their cases, sources "
        "and what you can do."
    ),
    "body": [
        {"type": "heading", "value": {"text": "What we do", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>We follow each case from arrest to release: the charges and the articles of "
                "the Criminal Code they rest on, the court's decisions, the place of detention "
                "and what changed since. Every fact carries a source you can check.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "tone": "info",
                "heading": "Safe to read",
                "text": (
                    "<p>This site sets no tracking cookies and loads nothing from other sites, "
                    "so your visit is seen by no one but us.</p>"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "Everyone has the right to freedom of opinion and expression; this right "
                    "includes freedom to hold opinions without interference and to seek, receive "
                    "and impart information and ideas through any media and regardless of "
                    "frontiers."
                ),
                "attribution": "Universal Declaration of Human Rights, Article 19",
                "source_title": "United Nations, 1948",
                "source_url": "https://www.un.org/en/about-us/universal-declaration-of-human-rights",
            },
        },
    ],
}

ABOUT = {
    "title": "About us",
    "slug": "about",
    "intro": (
        "We are a small volunteer team of campaigners, translators and researchers who "
        "follow the cases of political prisoners in Kazakhstan."
    ),
    "listing_summary": "Who we are, how we work and how we check facts.",
    "body": [
        {
            "type": "callout",
            "value": {
                "tone": "info",
                "heading": "A demonstration site",
                "text": (
                    "<p>This site shows how the software works. Its organisation, Free "
                    "Kazakhstan's Political Prisoners, is invented for the demonstration, and so "
                    "are its team, its funding and its addresses. The real cases are documented "
                    "from public sources; the invented ones are marked as fictional.</p>"
                ),
            },
        },
        {
            "type": "heading",
            "value": {"text": "Who runs this site", "level": "h2", "anchor": "who-we-are"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Volunteers run the site: campaigners write the case pages and the actions, "
                "translators publish them in Russian and Kazakh, and researchers check every "
                "fact against its source. An editorial group of three decides what is "
                "published and answers for every correction.</p>"
            ),
        },
        {
            "type": "heading",
            "value": {"text": "How we stay independent", "level": "h2", "anchor": "independence"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>We belong to no party, government or company, and we take no instructions "
                "from the people whose cases we follow, their families or their lawyers. We "
                "follow a case because a person is held for what they said, wrote or "
                "organised, whoever they are; following it does not mean we share their "
                "views.</p>"
            ),
        },
        {
            "type": "heading",
            "value": {"text": "How we are funded", "level": "h2", "anchor": "funding"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Small donations from individuals pay for the server and the translations. "
                "We take no money from governments, political parties or their candidates, and "
                "no donor gives more than a tenth of a year's budget. Once a year we publish "
                "what we received and what we spent.</p>"
            ),
        },
        {
            "type": "heading",
            "value": {"text": "Contact us, or the press team", "level": "h2", "anchor": "contact"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Write to us with the contact form or at team@example.org. Journalists can "
                "reach the press team at press@example.org; we answer within two working days. "
                "If writing to us could put you at risk, read our privacy page first.</p>"
            ),
        },
        {
            "type": "heading",
            "value": {"text": "How we check facts", "level": "h2", "anchor": "fact-checking"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Sources on political cases are often partisan, on every side. We cite "
                "independent reporting, the findings of international bodies and court rulings, "
                "and we state courts' findings neutrally, even when we disagree with them.</p>"
            ),
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Each case page shows when its facts were last verified. If you find a "
                "mistake, tell us: we correct it and say what changed.</p>"
            ),
        },
        {
            "type": "table",
            "value": {
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "Sources we rely on, and why",
                "data": [
                    ["Kind of source", "Example", "Why it matters"],
                    [
                        "International bodies",
                        "UN Working Group on Arbitrary Detention",
                        "Formal findings on whether a detention was arbitrary",
                    ],
                    [
                        "Human rights groups",
                        "Amnesty International, Human Rights Watch",
                        "Trial monitoring and urgent actions",
                    ],
                    ["Independent press", "RFE/RL, Reuters", "Dated reports of events"],
                    ["Court rulings", "Verdicts and appeal decisions", "What the state found"],
                ],
            },
        },
    ],
}

PRIVACY = {
    "title": "Privacy",
    "slug": "privacy",
    "intro": (
        "Some of our readers live where supporting political prisoners is dangerous. We "
        "collect as little as we can, keep it briefly and never publish it."
    ),
    "listing_summary": "What we keep about visitors and supporters, and for how long.",
    "body": [
        {
            "type": "heading",
            "value": {"text": "When you read the site", "level": "h2", "anchor": "reading"},
        },
        {
            "type": "paragraph",
            "value": (
                "<ul><li>No tracking cookies, no analytics, no advertising.</li>"
                "<li>No fonts, scripts, videos or images from other sites: your browser talks "
                "to us only.</li>"
                "<li>Our server logs do not record your IP address or what you searched for.</li>"
                "</ul>"
            ),
        },
        {
            "type": "heading",
            "value": {"text": "When you write to us or act", "level": "h2", "anchor": "acting"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>When a form asks for your email address, we use it only for what the form "
                "says, never show it on the site and never share it. You can ask us to "
                "delete anything you sent at any time.</p>"
            ),
        },
        {
            "type": "table",
            "value": {
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "What we keep, and for how long",
                "data": [
                    ["What", "Kept", "Then"],
                    ["Messages sent with the contact form", "90 days", "Deleted"],
                    ["Copies of the emails the site sends", "90 days", "Deleted"],
                    [
                        "Your email address on a comment (never shown)",
                        "90 days",
                        "Removed; a published comment stays",
                    ],
                    ["Comments we did not publish", "90 days", "Deleted"],
                    [
                        "Your email address when you follow a case",
                        "Until you unsubscribe (any email has the link)",
                        "Deleted 90 days later; unconfirmed requests after 90 days",
                    ],
                    [
                        "Your name, email address and country when you sign a petition "
                        "(never shown, except your first name and country if you tick the box)",
                        "While the petition is open, and 90 days after it closes",
                        "Deleted; the number of signatures stays. Signatures never confirmed: "
                        "deleted after 90 days",
                    ],
                    [
                        "Your email address when you ask for campaign news",
                        "Until you unsubscribe (any email has the link); unconfirmed requests "
                        "for 7 days",
                        "Deleted 90 days later",
                    ],
                    [
                        "Your name and email address on a report of an inaccuracy (both optional)",
                        "While we check the report, and 90 days after we close it",
                        "Removed; the report's text stays",
                    ],
                    [
                        "Your IP address",
                        "Never stored",
                        "A scrambled form is held for minutes to slow down floods",
                    ],
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "tone": "warning",
                "heading": "If you are in Kazakhstan",
                "text": (
                    "<p>Consider using a VPN or Tor Browser to read the site, and an email "
                    "address that does not carry your name.</p>"
                ),
            },
        },
    ],
}


def ensure_page(parent, model, spec, log):
    """Create and publish the page under `parent` unless a page with its slug exists there."""
    existing = parent.get_children().filter(slug=spec["slug"]).specific().first()
    if existing:
        log(f"  kept    {existing.url_path} ({model.__name__})")
        return existing, False
    page = model(**spec)
    parent.add_child(instance=page)
    page.save_revision().publish()
    log(f"  created {page.url_path} ({model.__name__})")
    return page, True


def site_address(base_url):
    """The (hostname, port) of a Wagtail Site serving `base_url`."""
    public = urlsplit(base_url)
    return public.hostname or "localhost", public.port or (443 if public.scheme == "https" else 80)


def build(log):
    """Home page as the default site's root, about and privacy under it, settings filled."""
    created = 0
    hero, new = ensure_demo_image("Steppe at dawn (demo illustration)")
    created += new
    mark, new = ensure_demo_image("Campaign mark (demo illustration)")
    created += new

    root = Page.get_first_root_node()
    # Wagtail's own migration leaves a "Welcome to Wagtail" page (and a site
    # pointing at it) where our home page belongs.
    placeholder = (
        root.get_children()
        .filter(
            slug=HOME["slug"], content_type__model="page", content_type__app_label="wagtailcore"
        )
        .first()
    )
    if placeholder and not placeholder.get_children().exists():
        placeholder.delete()
        log("  removed Wagtail's placeholder page")
    # The campaign sections a new home page starts with (the count, the people detained,
    # the action, updates, posts, hearings), then the demo's own text.
    body = [*default_home_page_body(), *HOME["body"]]
    home, new = ensure_page(root, HomePage, {**HOME, "body": body, "hero_image": hero}, log)
    created += new

    # The site's address (in share links, canonical links, sitemaps, feeds) is BASE_URL,
    # and follows it: `make run PORT=8123` after a run on 8000 moves the site to 8123.
    hostname, port = site_address(settings.BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=ORGANISATION,
        )
        log(f"  created the default site at {site.root_url}")
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
        site.root_page = home
        site.hostname, site.port = hostname, port
        site.save()
        log(f"  updated the default site: {site.root_url}, the home page at its root")

    about, new = ensure_page(home, StandardPage, ABOUT, log)
    created += new
    privacy, new = ensure_page(home, StandardPage, PRIVACY, log)
    created += new

    if not home.hero_link_page_id:
        home.hero_link_page = about
        home.hero_link_text = "How we work"
        home.save_revision().publish()

    site_settings = SiteSettings.for_site(site)
    if not site_settings.organisation_name:
        site_settings.organisation_name = ORGANISATION
        site_settings.contact_email = "team@example.org"
        site_settings.default_share_image = mark
        site_settings.social_links = [
            ("profile", {"network": "mastodon", "url": "https://mastodon.social/@example"}),
            ("profile", {"network": "telegram", "url": "https://t.me/example"}),
        ]
        site_settings.save()
        log("  saved   site settings")

    navigation = site_texts()
    if not navigation.primary_links:
        navigation.site_name = ORGANISATION
        navigation.tagline = "Cases, updates and actions"
        navigation.primary_links = [
            ("link", {"label": "", "page": about, "url": ""}),
        ]
        navigation.footer_links = [
            ("link", {"label": "", "page": about, "url": ""}),
            ("link", {"label": "", "page": privacy, "url": ""}),
        ]
        navigation.footer_text = (
            "<p>Texts on this site may be shared under CC BY 4.0. Photos carry their own "
            "credits and licences.</p>"
        )
        navigation.save()
        log("  saved   menus and footer")
    return created


def site_texts():
    """The default language's menus and footer (made empty if there are none yet)."""
    locale = Locale.get_default()
    return SiteTexts.objects.filter(locale=locale).first() or SiteTexts(locale=locale)
