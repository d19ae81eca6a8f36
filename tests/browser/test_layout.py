"""Layout on a phone and a desktop, as a reader sees it in Debian's chromium: nothing scrolls
sideways, every page type shares one width and left edge, the header fits on its rows, the
case list comes before its filters on a phone, the chart reads at 375 px, the letter reads
as a letter, and a feed opened in the browser explains how to subscribe."""

import pytest
from playwright.sync_api import expect

PETITION = "/act/reform-inciting-discord/"
LETTER = "/act/write-to-the-prosecutor-general/"
# One address of every public page type of the demo (the case index also filtered).
PUBLIC_PAGES = [
    "/",
    "/kazakhstan/",
    "/cases/",
    "/cases/?status=imprisoned&country=KZ",
    "/cases/mukhtar-ablyazov/",
    "/blog/",
    "/blog/kazakhstan-political-prisoners-and-human-rights/",
    "/act/",
    PETITION,
    LETTER,
    "/contact/",
    "/about/",
    "/search/?q=kazakhstan",
    "/hearings/",
    "/corrections/",
    "/open-data/",
    "/newsletter/",
]
SMALLEST_PHONE = 320
PHONE = 375
DESKTOP = 1280


def visit(page, site_server, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(site_server.url + path)
    assert response.status == 200, path


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_page_scrolls_sideways_on_the_smallest_phone(page, site_server, path):
    visit(page, site_server, path, SMALLEST_PHONE)
    assert scroll_width(page) <= SMALLEST_PHONE, path
    assert page.external_requests == []


def test_the_petition_fits_a_phone_and_its_header_band_spans_it(page, axe, site_server):
    visit(page, site_server, PETITION, PHONE)
    assert scroll_width(page) <= PHONE  # it was 388
    header = page.locator(".site-header").bounding_box()
    assert header["x"] == 0 and header["width"] == PHONE
    axe(page)


@pytest.mark.parametrize(
    "path",
    [
        "/kazakhstan/",
        "/cases/",
        "/cases/mukhtar-ablyazov/",
        "/blog/",
        "/blog/kazakhstan-political-prisoners-and-human-rights/",
        "/act/",
        PETITION,
        "/contact/",
        "/about/",
        "/search/?q=kazakhstan",
        "/corrections/",
        "/open-data/",
    ],
)
def test_every_page_type_shares_one_width_and_left_edge(page, site_server, path):
    """On a desktop every page starts its title where the site's name and the breadcrumb
    start; none is centred in a narrow column of its own, none wider than the header."""
    visit(page, site_server, path, DESKTOP)
    edge = page.locator(".site-name").bounding_box()["x"]
    # Pages served by views rather than Wagtail (search, corrections, open data) have none.
    if page.locator(".breadcrumbs ol").count():
        assert page.locator(".breadcrumbs ol").bounding_box()["x"] == edge
    title = page.locator("main h1").first.bounding_box()
    assert title["x"] == edge, path
    header_inner = page.locator(".site-header__inner").bounding_box()
    main_box = page.locator("main .wrap").first.bounding_box()
    assert main_box["x"] + main_box["width"] <= header_inner["x"] + header_inner["width"] + 1


@pytest.mark.parametrize("language", ["", "/ru", "/kk"])
def test_header_search_stays_on_the_first_row_on_a_desktop(page, site_server, language):
    visit(page, site_server, f"{language}/cases/", DESKTOP)
    name = page.locator(".site-name").bounding_box()
    search = page.locator(".site-search").bounding_box()
    languages = page.locator(".language-switcher").bounding_box()
    nav = page.locator(".site-nav").bounding_box()
    middle = name["y"] + name["height"] / 2
    for box in (search, languages):
        assert box["y"] <= middle <= box["y"] + box["height"], language
    # The menu has a row of its own below, whole.
    assert nav["y"] >= search["y"] + search["height"] - 1
    assert nav["height"] < 50


@pytest.mark.parametrize("language", ["", "/ru", "/kk"])
def test_case_index_on_a_phone_shows_a_case_before_the_folded_filters(
    page, axe, site_server, language
):
    visit(page, site_server, f"{language}/cases/", PHONE)
    filters = page.locator("details.filters")
    assert filters.get_attribute("open") is None
    expect(page.locator(".filters__form")).to_be_hidden()
    first_case = page.locator(".case-card").first.bounding_box()
    assert first_case["y"] < 900, first_case  # it was 1,300 px down
    assert scroll_width(page) <= PHONE
    axe(page)
    # Opening them needs no script: a <details>.
    page.locator(".filters__summary").click()
    expect(page.locator(".filters__form")).to_be_visible()


def test_filters_stay_open_once_applied_on_a_phone_and_always_show_on_a_desktop(page, site_server):
    visit(page, site_server, "/cases/?status=imprisoned", PHONE)
    assert page.locator("details.filters").get_attribute("open") is not None
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    visit(page, site_server, "/cases/", DESKTOP)
    assert page.locator("details.filters").get_attribute("open") is None
    expect(page.get_by_label("Status", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Show cases")).to_be_visible()


def chart_metrics(page):
    return page.evaluate(
        """() => {
        const shown = [...document.querySelectorAll('.chart__plot')]
            .filter(svg => svg.getBoundingClientRect().width > 0);
        const labels = [...shown[0].querySelectorAll('.chart__label')]
            .map(text => text.getBoundingClientRect());
        const swatches = [...document.querySelectorAll('.chart__legend li')].map(li => {
            const swatch = li.querySelector('.chart__swatch').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(li.lastChild);
            return {width: swatch.width, gap: range.getBoundingClientRect().left - swatch.right};
        });
        return {
            shown: shown.map(svg => svg.getAttribute('class')),
            labelHeights: labels.map(box => box.height),
            overlaps: labels.slice(1).filter((box, i) => box.left < labels[i].right).length,
            swatches,
        };
    }"""
    )


@pytest.mark.parametrize(
    ("width", "drawing"), [(PHONE, "chart__plot--narrow"), (DESKTOP, "chart__plot--wide")]
)
def test_chart_reads_at_every_width_with_swatches_beside_their_labels(
    page, site_server, width, drawing
):
    visit(page, site_server, "/cases/", width)
    metrics = chart_metrics(page)
    assert metrics["shown"] == [f"chart__plot {drawing}"]
    # Year labels: at least 11 px tall on screen (they were under 6 px at 375) and apart.
    assert min(metrics["labelHeights"]) >= 11, metrics
    assert metrics["overlaps"] == 0
    # Each swatch is its 14 px square, right beside its label (it was stretched away).
    assert metrics["swatches"]
    for swatch in metrics["swatches"]:
        assert swatch["width"] == 14 and 0 <= swatch["gap"] <= 10, swatch


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_letter_reads_as_a_letter(page, axe, site_server, width):
    visit(page, site_server, LETTER, width)
    letter = page.get_by_label("Letter text")
    assert letter.evaluate("element => element.tagName") == "ARTICLE"
    assert letter.locator("p").count() >= 4  # paragraphs, as written
    looks = letter.evaluate(
        """element => {
        const style = getComputedStyle(element);
        return {clipped: element.scrollHeight > element.clientHeight + 1,
                overflow: style.overflowY, font: style.fontFamily};
    }"""
    )
    assert looks == {"clipped": False, "overflow": "visible", "font": looks["font"]}
    assert "Georgia" not in looks["font"]
    assert scroll_width(page) <= width
    axe(page)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/cases/feed/", "How to follow this feed"),
        ("/ru/blog/feed/", "Как подписаться на эту ленту"),
        ("/kk/corrections/feed/", "Бұл арнаға қалай жазылуға болады"),
    ],
)
def test_a_feed_opened_in_the_browser_explains_how_to_subscribe(page, site_server, path, heading):
    visit(page, site_server, path, PHONE)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    address = page.locator("#feed-address")
    assert address.input_value() == site_server.url + path
    # Styled by the site's own stylesheet (allowed by the CSP), from no other host.
    assert "system-ui" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.external_requests == []
    assert page.locator("main li a").count() > 0
    assert scroll_width(page) <= PHONE
