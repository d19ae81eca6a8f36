"""The quality bars of every public page type, in a real browser against the demo.

- accessibility: axe finds no violation on any page type and state (filters applied, empty
  results, forms with errors, thank-you pages), at 375 and 1280 px, in each language;
- the pages work with JavaScript off, load nothing from another host and trip no CSP rule;
- weight: HTML + CSS + JS, gzip-compressed, at most 40 KB on the pages people land on;
- reduced motion, keyboard journeys (skip link, visible focus, no trap) and print.

The axe sweep shares one browser context (a new tab per page): a context per test would
cost more than axe itself. A screenshot of every page type at both widths goes to
var/screenshots/ (git-ignored) for CI to keep as artifacts.
"""

import gzip
import os
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}
LANGUAGES = {"en": "", "ru": "/ru", "kk": "/kk"}
WEIGHT_BUDGET = 40 * 1024  # bytes, gzip-compressed HTML + CSS + JS of one page
WEIGHED_PAGES = {
    "home": "/",
    "case": "/cases/mukhtar-ablyazov/",
    "post": "/blog/kazakhstan-political-prisoners-and-human-rights/",
    "petition": "/act/reform-inciting-discord/",
}
# Every public page type, with states that need no form sent, as the demo has them in every
# language (fictional cases and the two newer posts exist in English only).
PAGE_TYPES = {
    "home": "/",
    "campaign": "/kazakhstan/",
    "cases": "/cases/",
    "cases-filtered": "/cases/?status=imprisoned",
    "cases-empty": "/cases/?q=nobody-by-this-name",
    "case": "/cases/mukhtar-ablyazov/",
    "blog": "/blog/",
    "post": "/blog/kazakhstan-political-prisoners-and-human-rights/",
    "actions": "/act/",
    "petition": "/act/reform-inciting-discord/",
    "petition-thanks": "/act/reform-inciting-discord/thanks/",
    "letter": "/act/write-to-the-prosecutor-general/",
    "contact": "/contact/",
    "about": "/about/",
    "privacy": "/privacy/",
    "hearings": "/hearings/",
    "corrections": "/corrections/",
    "open-data": "/open-data/",
    "newsletter": "/newsletter/",
    "search": "/search/?q=Kazakhstan",
    "search-empty": "/search/?q=nothing-matches-this",
}
ENGLISH_ONLY = {"case-with-hearings": "/cases/demo-laura-zhumabayeva/"}
# Forms sent with nothing filled in (the browser's own checks switched off, as a reader
# whose browser has none): the page that answers shows the errors.
FORMS_WITH_ERRORS = {
    "petition-errors": ("/act/reform-inciting-discord/", "form.sign-form"),
    "contact-errors": ("/contact/", "main form"),
}
# Seconds the axe sweep took, printed at the end of the module.
TIMINGS = []


@pytest.fixture(scope="module")
def context(browser, site_server):
    """One browser context for the module's page loads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context
    context.close()
    if TIMINGS:
        print(f"\naxe sweep: {len(TIMINGS)} pages in {sum(TIMINGS):.1f} s")


@pytest.fixture
def tab(context):
    page = context.new_page()
    yield page
    page.close()


def main_text(page):
    return page.locator("main h1").first.inner_text().strip()


def sweep(page, axe, url, width, name=None):
    """Load `url` at `width`, check it with axe; `name`: keep a screenshot of it."""
    started = time.monotonic()
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url)
    assert response.status == 200, url
    assert main_text(page)
    axe(page)
    if name:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    TIMINGS.append(time.monotonic() - started)


def sweep_cases():
    for language, prefix in LANGUAGES.items():
        for name, path in PAGE_TYPES.items():
            yield pytest.param(prefix + path, name, language, id=f"{name}-{language}")
    for name, path in ENGLISH_ONLY.items():
        yield pytest.param(path, name, "en", id=f"{name}-en")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(("path", "name", "language"), sweep_cases())
def test_every_page_type_passes_axe(tab, axe, site_server, path, name, language, width):
    sweep(tab, axe, site_server.url + path, width, name=name if language == "en" else None)
    if language != "en":
        assert tab.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("state", FORMS_WITH_ERRORS)
def test_forms_with_errors_pass_axe(tab, axe, site_server, state, language, width):
    path, form = FORMS_WITH_ERRORS[state]
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(site_server.url + LANGUAGES[language] + path)
    tab.locator(form).evaluate("form => { form.noValidate = true; }")
    with tab.expect_navigation():
        tab.locator(form).locator("button[type=submit]").click()
    assert tab.locator(".form-field--error").count() > 0
    axe(tab)
    if language == "en":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=SCREENSHOTS / f"{state}-{width}.png", full_page=True)


# --- JavaScript off, nothing from another host, no CSP violation --------------------------

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.mark.parametrize("name", [*PAGE_TYPES, *ENGLISH_ONLY])
def test_each_page_works_without_javascript_and_stays_on_the_site(browser, site_server, name):
    path = {**PAGE_TYPES, **ENGLISH_ONLY}[name]
    url = site_server.url + path
    without_js = browser.new_context(java_script_enabled=False)
    try:
        page = without_js.new_page()
        page.goto(url)
        assert main_text(page)
        assert page.locator("main").inner_text().strip() != main_text(page)  # more than a title
    finally:
        without_js.close()

    with_js = browser.new_context()
    try:
        page = with_js.new_page()
        page.add_init_script(CSP_LISTENER)
        requests, console = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(message.text))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        elsewhere = [
            u for u in requests if not u.startswith((site_server.url + "/", "data:", "blob:"))
        ]
        assert elsewhere == []
        assert page.evaluate("window.__cspViolations") == []
        assert [text for text in console if "Content Security Policy" in text] == []
        # The structured data is there and did not trip the policy above.
        if name in ("case", "post", "case-with-hearings", "hearings"):
            assert page.locator('script[type="application/ld+json"]').count() >= 2
    finally:
        with_js.close()


# --- weight ---------------------------------------------------------------------------------


def weigh(page, url):
    """{resource type: gzip-compressed bytes} of the document, stylesheets and scripts
    `url` loads (compressed here at level 6, as a production server would send them)."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    sizes = {"document": 0, "stylesheet": 0, "script": 0}
    for response in responses:
        kind = response.request.resource_type
        if kind in sizes and response.status == 200:
            sizes[kind] += len(gzip.compress(response.body(), compresslevel=6))
    return sizes


@pytest.mark.parametrize("name", WEIGHED_PAGES)
def test_landing_pages_stay_within_the_weight_budget(tab, site_server, name):
    sizes = weigh(tab, site_server.url + WEIGHED_PAGES[name])
    total = sum(sizes.values())
    figures = ", ".join(f"{kind} {size / 1024:.1f} KB" for kind, size in sizes.items())
    print(f"\n{name}: {total / 1024:.1f} KB gzip ({figures})")
    assert sizes["document"] > 0 and sizes["stylesheet"] > 0
    assert total <= WEIGHT_BUDGET, f"{name} weighs {total / 1024:.1f} KB > 40 KB: {figures}"
    # Renditions (the site's own resized images) say their size, so nothing jumps as they
    # load, and the large ones offer smaller files to small screens.
    for image in tab.locator("img[src*='/images/']").all():
        assert image.get_attribute("width") and image.get_attribute("height"), image
        if int(image.get_attribute("width")) > 200:
            assert image.get_attribute("srcset"), image.get_attribute("src")


# --- reduced motion -------------------------------------------------------------------------

MOTION = """() => ({
    scroll: getComputedStyle(document.documentElement).scrollBehavior,
    moving: [...document.querySelectorAll("*")].filter(el => {
        const style = getComputedStyle(el);
        const durations = (style.transitionDuration + "," + style.animationDuration)
            .split(",").map(parseFloat);
        return durations.some(d => d > 0) || style.animationName !== "none";
    }).map(el => el.tagName + "." + el.className),
})"""


def test_reduced_motion_is_respected(browser, site_server):
    for preference, scroll in (("no-preference", "smooth"), ("reduce", "auto")):
        context = browser.new_context(reduced_motion=preference)
        try:
            page = context.new_page()
            page.goto(site_server.url + "/cases/")
            motion = page.evaluate(MOTION)
            assert motion["scroll"] == scroll
            if preference == "reduce":
                assert motion["moving"] == []
        finally:
            context.close()


# --- keyboard -------------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName, id: el.id, text: el.textContent.trim().slice(0, 60),
        type: el.getAttribute("type"), inSignForm: !!el.closest("form.sign-form"),
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none",
    };
}"""


@pytest.mark.parametrize("name", ["home", "case", "petition", "cases"])
def test_the_skip_link_comes_first_and_focus_is_always_visible(tab, site_server, name):
    tab.goto(site_server.url + PAGE_TYPES[name])
    tab.keyboard.press("Tab")
    first = tab.evaluate(FOCUSED)
    assert first["text"] == "Skip to main content" and first["visible"] and first["ring"]
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"
    # From the main content on, every link and button shows where the focus is.
    for _ in range(25):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if focused["tag"] == "BODY":
            break
        assert focused["ring"], focused


def test_a_keyboard_user_tabs_through_the_petition_form_to_its_button(tab, site_server):
    tab.goto(site_server.url + PAGE_TYPES["petition"])
    seen = []
    for _ in range(200):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        assert focused["ring"], focused
        seen.append(focused)
        if focused["inSignForm"] and focused["type"] == "submit":
            break
    else:
        pytest.fail(f"the petition's button was never reached: {seen[-5:]}")
    fields = [f for f in seen if f["inSignForm"]]
    assert len(fields) >= 3  # the fields come before the button
    # And on past the button, and back: no trap.
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUSED)["type"] != "submit"
    tab.keyboard.press("Shift+Tab")
    assert tab.evaluate(FOCUSED)["type"] == "submit"


# --- print ----------------------------------------------------------------------------------

PRINTED = """() => {
    const shown = sel => [...document.querySelectorAll(sel)]
        .filter(el => getComputedStyle(el).display !== "none").length;
    const after = a => getComputedStyle(a, "::after").content;
    const external = document.querySelector("main a[href^='http']");
    const internal = document.querySelector("main .prose a[href^='/']");
    const letter = document.querySelector(".letter");
    return {
        hidden: [".site-header", ".site-footer", "nav.breadcrumbs", "main form", ".follow"]
            .filter(sel => shown(sel) > 0),
        external: external && [after(external), external.getAttribute("href")],
        internal: internal && [after(internal), internal.getAttribute("href")],
        letterBreak: letter && getComputedStyle(letter).breakBefore,
    };
}"""


@pytest.mark.parametrize("name", ["case", "letter", "post"], ids=["case", "letter-action", "post"])
def test_pages_print_without_the_site_around_them(tab, site_server, name):
    tab.goto(site_server.url + PAGE_TYPES[name])
    tab.emulate_media(media="print")
    printed = tab.evaluate(PRINTED)
    assert printed["hidden"] == [], "still printed: " + ", ".join(printed["hidden"])
    content, href = printed["external"]
    assert href in content  # the address follows the link on paper
    if printed["internal"]:
        content, href = printed["internal"]
        assert href in content
    if name == "letter":
        assert printed["letterBreak"] == "page"
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    if os.environ.get("CI") == "true":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"{name}.pdf").write_bytes(pdf)
