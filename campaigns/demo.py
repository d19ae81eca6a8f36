"""Demo content of the campaigns app: the Kazakhstan campaign, its cases, the blog and
the calls to action.

`build(log)` runs after the site shell (home.demo.site) and is idempotent: a page
whose slug already exists under its parent is kept as it is.
"""

from wagtail.models import ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from campaigns.actions.demo import build_actions
from campaigns.blog.demo import build_blog
from campaigns.cases.choices import Country
from campaigns.cases.demo import INDEX, REAL_CASES, ensure_organisations
from campaigns.cases.fictional import fictional_cases
from campaigns.cases.index import CaseIndexPage
from campaigns.cases.models import CasePage
from campaigns.contact.demo import build_contact
from campaigns.corrections.demo import build_corrections
from campaigns.hearings.demo import with_hearings
from campaigns.landing.models import CampaignPage
from campaigns.news.demo import build as build_news
from campaigns.opendata.demo import build_open_data
from home.demo.blocks import heading, paragraph
from home.demo.site import ensure_page, site_texts

CAMPAIGN = {
    "title": "Kazakhstan",
    "slug": "kazakhstan",
    "hero_text": (
        "Activists, journalists and opposition figures in Kazakhstan are prosecuted under "
        "vaguely worded laws. We follow their cases and ask for their freedom and for "
        "reform of the laws used against them."
    ),
    "listing_summary": "The campaign for Kazakhstan's political prisoners.",
    "search_description": "The campaign for Kazakhstan's political prisoners: cases, "
    "updates and what you can do.",
    "body": [
        paragraph(
            "<p>Two of the three documented cases below turned on “inciting discord”, an "
            "offence broad enough to cover criticism itself. We ask for the release of "
            "everyone held for peaceful speech, for fair trials, and for that article to be "
            "rewritten so that speech is only a crime when it incites violence.</p>"
        ),
    ],
}


def campaign_body(cases, actions):
    """The landing page's blocks: text, live figures, the documented cases, the two calls
    to action and the latest posts. The campaign's other cases are listed below them by
    the page itself."""
    petition = actions["reform-inciting-discord"]
    letter = actions["write-to-the-prosecutor-general"]
    return [
        *CAMPAIGN["body"],
        {"type": "live_counter", "value": {"source": "detained", "action": None, "label": ""}},
        {
            "type": "live_counter",
            "value": {"source": "signatures", "action": petition.pk, "label": ""},
        },
        {
            "type": "live_counter",
            "value": {"source": "letters", "action": letter.pk, "label": ""},
        },
        {
            "type": "case_cards",
            "value": {
                "heading": "Three documented cases",
                "cases": [
                    cases[slug].pk
                    for slug in ("vladimir-kozlov", "serikzhan-bilash", "mukhtar-ablyazov")
                ],
                "status": None,
                "country": None,
                "limit": 6,
            },
        },
        heading("What you can do", "act"),
        paragraph(
            "<p>Two things take a few minutes: sign for the reform of the article behind most "
            "of these cases, and write to the official who can ask for a verdict to be "
            "reviewed.</p>"
        ),
        *(
            {
                "type": "action",
                "value": {"action": action.pk, "heading": "", "text": "", "button_label": ""},
            }
            for action in (petition, letter)
        ),
        {"type": "latest_posts", "value": {"heading": "Latest posts", "number": 3}},
    ]


def build(log):
    """Create the campaign, /cases/ and its cases, /blog/ and /act/ where missing."""
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page
    campaign, campaign_new = ensure_page(home, CampaignPage, dict(CAMPAIGN), log)
    index, new = ensure_page(home, CaseIndexPage, dict(INDEX), log)
    created = [page for page, is_new in ((campaign, campaign_new), (index, new)) if is_new]

    existing = set(index.get_children().values_list("slug", flat=True))
    ensure_organisations(log)  # before the cases that name them
    real = [{**make(), "related_campaign": campaign} for make in REAL_CASES]
    # Invented cases in Kazakhstan belong to its campaign too, as real ones would: they
    # give the campaign page its count of people detained.
    fictional = [
        {**spec, "related_campaign": campaign} if spec["country"] == Country.KAZAKHSTAN else spec
        for spec in fictional_cases()
    ]
    specs = with_hearings(real + fictional)
    # Saving a page re-indexes its references once per child row (each update and
    # charge): index each new case once at the end instead.
    with disable_reference_index_auto_update():
        for spec in specs:
            if spec["slug"] not in existing:
                created.append(ensure_page(index, CasePage, spec, log)[0])
    for page in created:
        ReferenceIndex.create_or_update_for_object(page)

    kept = len(specs) - len([p for p in created if isinstance(p, CasePage)])
    if kept:
        log(f"  kept    {kept} case(s) already under {index.url_path}")

    cases = {
        case.slug: case
        for case in CasePage.objects.child_of(index).filter(
            slug__in=[spec["slug"] for spec in real]
        )
    }
    blog, blog_created = build_blog(home, cases, campaign, log)
    act, actions, actions_created = build_actions(home, cases, campaign, log)
    contact, contact_created = build_contact(home, log)
    corrections_created = build_corrections(log)
    if campaign_new:
        # The calls to action exist only now: the body that points at them comes last.
        campaign.body = campaign_body(cases, actions)
        campaign.save_revision().publish()
        log(f"  filled  {campaign.url_path} with its blocks")
    add_to_menu(site, [campaign, index, blog, act, contact], log)
    news_created = build_news(log)  # after the cases and actions it lists
    build_open_data(log)  # after every dataset's data; rebuilt when translations publish
    return (
        len(created)
        + blog_created
        + actions_created
        + contact_created
        + corrections_created
        + news_created
    )


def add_to_menu(site, pages, log):
    """Put each page in the main menu unless a link to it is already there."""
    navigation = site_texts()
    linked = {link.value["page"].pk for link in navigation.primary_links if link.value.get("page")}
    missing = [page for page in pages if page.pk not in linked]
    if not missing:
        return
    links = [("link", dict(link.value)) for link in navigation.primary_links]
    links[:0] = [("link", {"label": "", "page": page, "url": ""}) for page in missing]
    navigation.primary_links = links
    navigation.save()
    log(f"  added   {', '.join(page.title for page in missing)} to the main menu")
