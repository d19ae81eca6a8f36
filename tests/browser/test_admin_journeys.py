"""Campaigners, editors and the supporter-data team at work in the admin, step by step.

Each journey is one thing the campaigner's guide (docs/campaigners-guide.md) explains, and
every step it shows is a screenshot taken here: the viewport as the person sees it, saved
to docs/images/<journey>-<step>.png (the guide embeds them) and to test-artifacts/. They
are rewritten on every run, so the guide's pictures follow the admin as it is.

The people are the demo users `ensure_admin` makes with DEBUG on (one per role). Each
journey makes its own content with names no other test uses, so the journeys pass in any
order and on the site server's fresh copy of the demo database.

Axe runs on the public pages only: Wagtail's own admin has known issues of its own that
this project cannot fix, and our admin templates are small parts of Wagtail's pages
(their markup is checked by the admin tests, not here).
"""

import contextlib
import csv
import datetime
import io
import re

import pytest
from playwright.sync_api import expect

VIEWPORT = {"width": 1280, "height": 900}
CASE_WORKFLOW = "Submit to Fact check and safety review"  # cases and blog posts
DEFAULT_WORKFLOW = "Submit to Moderators approval"  # every other page
AUTOSAVE_DELAY_MS = 800  # Wagtail autosaves 500 ms after the last change
PETITION_TITLE = "Rewrite the “inciting discord” article"


@pytest.fixture(scope="module")
def admin_site(site_server):
    """The site server, with one demo user per role (ensure_admin makes them once)."""
    site_server.manage("ensure_admin")
    return site_server


@contextlib.contextmanager
def another_person(browser):
    """A second browser (own cookies): an editor, or a reader who is not signed in."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def field(scope, label):
    """The form field labelled exactly `label` (Wagtail appends "*" to required ones)."""
    labelled = scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))
    # A field alone in its panel also names the panel: keep the form control only.
    return labelled.and_(scope.locator("input, select, textarea"))


def explore(page, section):
    """Pages (sidebar) → Home → the child pages of `section`, as a campaigner finds them."""
    page.get_by_role("button", name="Pages", exact=True).click()
    page.locator("#wagtail-sidebar").get_by_role("link", name=re.compile(r"^\s*Home")).click()
    page.get_by_role("link", name=f"Explore child pages of '{section}'").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(section)


def insert_block(page, stream, block_label):
    """Add a block at the end of a StreamField through the block picker, and wait until it
    is drawn: the caller types into the stream's last field next, which on a busy machine
    was still the block before's (the paragraph went into the heading's anchor)."""
    fields = stream.get_by_role("textbox")
    before = fields.count()
    stream.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=block_label, exact=True).click()
    expect(fields).not_to_have_count(before)


def type_rich_text(page, editor, text):
    editor.click()
    page.keyboard.type(text)


def open_actions_menu(page):
    """The footer's "More actions" menu: save, submit, approve, publish..."""
    page.get_by_role("button", name="More actions").click()


def success_message(page):
    return page.locator(".messages")


def settle_autosave(page):
    """Let a draft being autosaved finish before the form is sent.

    Autosave posts the form shortly after each change (Wagtail 8); on a new page its first
    save creates the page and turns the form into the edit form. Submitting in the middle
    of that would race it (a second page with the same slug, or SQLite's "database is
    locked" on the demo server).
    """
    indicator = page.locator("#w-autosave-indicator")
    if not indicator.count():
        return
    page.wait_for_timeout(AUTOSAVE_DELAY_MS)
    expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving")
    page.wait_for_load_state("networkidle")


def submit_for_review(page, snap, journey, workflow_button):
    open_actions_menu(page)
    submit = page.get_by_role("button", name=workflow_button)
    expect(submit).to_be_visible()
    snap(page, f"{journey}-submit")
    settle_autosave(page)
    submit.click()
    expect(success_message(page)).to_contain_text("submitted for moderation")
    page.evaluate("window.scrollTo(0, 0)")
    snap(page, f"{journey}-submitted")


def status_of(page, url):
    return page.goto(url).status


# --- the journey: a new case, from the campaigner to the public page -------------


def test_campaigner_creates_a_case_and_an_editor_approves_both_review_steps(
    page, browser, axe, admin_site, sign_in, snap
):
    url = admin_site.url
    name = "Aliya Testova (fictional)"
    slug = "aliya-testova-fictional"
    update_date = datetime.date.today() - datetime.timedelta(days=3)

    # The campaigner signs in and lands on the dashboard.
    sign_in(page, url, "campaigner", journey="case")
    snap(page, "case-dashboard")

    # Pages → Home → Cases, then "Add child page": a case is the only page a case index
    # takes, so the form opens at once.
    explore(page, "Cases")
    add = page.get_by_role("link", name="Add child page")
    add.hover()  # its tooltip names the "+" button
    snap(page, "case-explorer")
    add.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/campaigns/casepage/\d+/$"))

    page.locator("#id_title").fill(name)
    field(page, "Person's name").fill(name)
    field(page, "Status").select_option(label="Imprisoned")
    field(page, "Role").select_option(label="Journalist")
    field(page, "Summary").fill(
        "A journalist held since spring for reporting on a strike at a copper mine."
    )
    snap(page, "case-the-person")

    # One update, in the "Updates, newest first" panel.
    updates = page.locator("#panel-child-content-updates_newest_first-section")
    updates.get_by_role("button", name="Add Update").click()
    field(updates, "Date").fill(update_date.isoformat())
    field(updates, "Title").fill("Court hearing postponed")
    type_rich_text(
        page,
        updates.get_by_role("textbox").last,
        "The court postponed the hearing for a month; no reason was given.",
    )
    snap(page, "case-update", show=updates)

    # Two blocks in the story: a heading and a paragraph, chosen in the block picker.
    story = page.locator("#panel-child-content-body-section")
    story.get_by_role("button", name="Insert a block").click()
    expect(page.get_by_role("option", name="Paragraph", exact=True)).to_be_visible()
    snap(page, "case-block-picker")
    page.get_by_role("option", name="Heading", exact=True).click()
    field(story, "Heading").fill("What happened")
    insert_block(page, story, "Paragraph")
    type_rich_text(
        page,
        story.get_by_role("textbox").last,
        "She was arrested two days after publishing an interview with striking miners.",
    )
    snap(page, "case-story", show=story)

    # One source: the sources field takes only sources, so "+" adds one straight away.
    sources = page.locator("#panel-child-content-sources-section")
    sources.get_by_role("button", name="Insert a block").click()
    field(sources, "Title").fill("Press freedom in Central Asia, 2026 report")
    field(sources, "Publisher").fill("Example Press Monitor")
    field(sources, "Link").fill("https://example.org/press-freedom-2026")
    snap(page, "case-source", show=sources)

    submit_for_review(page, snap, "case", CASE_WORKFLOW)
    case_row = page.get_by_role("row").filter(has_text=name)
    expect(case_row).to_contain_text("In Moderation", ignore_case=True)

    # Nobody outside sees it while it is in review.
    with another_person(browser) as reader:
        assert status_of(reader, f"{url}/cases/{slug}/") == 404
        snap(reader, "case-not-public-yet")

    with another_person(browser) as editor:
        # Step 1, "Facts and sources checked": from the dashboard's "Awaiting your review".
        sign_in(editor, url, "editor")
        review = editor.locator("section[aria-labelledby=awaiting-review-heading]")
        row = review.get_by_role("row").filter(has_text=name)
        expect(row).to_be_visible()
        snap(editor, "case-awaiting-review", show=review)
        row.get_by_role("button", name="Actions").click()
        approve = row.get_by_role("button", name="Approve", exact=True)
        expect(row.get_by_role("button", name="Request changes")).to_be_visible()
        snap(editor, "case-approve-step-1", show=review)
        approve.click()
        review = editor.locator("section[aria-labelledby=awaiting-review-heading]")
        row = review.get_by_role("row").filter(has_text=name)
        # The first step's dot now reads "Approved"; the second is in progress.
        expect(
            row.locator("[data-w-tooltip-content-value='Facts and sources checked: Approved']")
        ).to_have_count(1)

        # Step 2, "Safety review": from the page itself, after reading it. The status side
        # panel says which step the page is at.
        row.get_by_role("link", name=name).click()
        editor.get_by_role("button", name="Toggle status").click()
        status = editor.locator("[data-side-panel=status]")
        expect(status).to_contain_text("In Moderation", ignore_case=True)
        expect(status).to_contain_text("Sent to Safety review")
        snap(editor, "case-status-panel")
        open_actions_menu(editor)
        publish = editor.get_by_role("button", name="Approve and Publish", exact=True)
        expect(publish).to_be_visible()
        # No way around the review: the editor has no plain "Publish" (home/review.py).
        expect(editor.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
        snap(editor, "case-approve-and-publish")
        settle_autosave(editor)
        publish.click()
        expect(success_message(editor)).to_contain_text(f"Page '{name}' has been updated.")
        row = editor.get_by_role("row").filter(has_text=name)
        expect(row).to_contain_text("Live", ignore_case=True)
        editor.evaluate("window.scrollTo(0, 0)")
        snap(editor, "case-published")

    # The public page: the person, the update, both blocks and the source.
    with another_person(browser) as reader:
        assert status_of(reader, f"{url}/cases/{slug}/") == 200
        main = reader.locator("main")
        expect(reader.get_by_role("heading", level=1)).to_have_text(name)
        expect(main.get_by_role("heading", name="What happened")).to_be_visible()
        expect(main).to_contain_text("She was arrested two days after publishing")
        expect(main).to_contain_text("Court hearing postponed")
        expect(main).to_contain_text("The court postponed the hearing for a month")
        source = main.get_by_role("link", name=re.compile("Press freedom in Central Asia"))
        expect(source).to_have_attribute("href", "https://example.org/press-freedom-2026")
        snap(reader, "case-public-page")
        axe(reader)


# --- shorter journeys for the guide -----------------------------------------------------


def test_campaigner_adds_an_update_to_a_case(page, browser, admin_site, sign_in, snap):
    url = admin_site.url
    person = "Irina Lebedeva (fictional)"
    sign_in(page, url, "campaigner")

    # The "Cases" menu item lists every case, with search.
    page.locator("#wagtail-sidebar").get_by_role("link", name="Cases", exact=True).click()
    page.get_by_role("textbox", name="Search term").fill("Lebedeva")
    row = page.get_by_role("row").filter(has_text=person)
    expect(row).to_have_count(1)
    snap(page, "update-find-the-case")
    row.get_by_role("link", name=person).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    case_edit_url = page.url

    updates = page.locator("#panel-child-content-updates_newest_first-section")
    new = int(page.locator("#id_updates-TOTAL_FORMS").input_value())
    updates.get_by_role("button", name="Add Update").click()
    page.locator(f"#id_updates-{new}-date").fill(datetime.date.today().isoformat())
    page.locator(f"#id_updates-{new}-title").fill("Moved to a colony far from her family")
    page.locator(f"#id_updates-{new}-new_status").select_option(label="Imprisoned")
    body = page.locator(f"[data-field-input]:has(#id_updates-{new}-body)").get_by_role("textbox")
    type_rich_text(page, body, "Her lawyer learnt of the transfer a week later.")
    snap(page, "update-new-update", show=page.locator(f"#id_updates-{new}-title"))

    # Preview: the page as it will look, drawn from what is in the form now, in the side
    # panel (framed by the admin) and full size with "Preview in new tab".
    page.get_by_role("button", name="Toggle preview").click()
    panel = page.frame_locator('iframe[data-w-preview-target="iframe"]').last.locator("main")
    expect(panel).to_contain_text("Moved to a colony far from her family")
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Preview in new tab").click()
    preview = new_tab.value
    expect(preview.locator("main")).to_contain_text("Moved to a colony far from her family")
    preview.get_by_text("Moved to a colony far from her family").scroll_into_view_if_needed()
    snap(preview, "update-preview")
    preview.close()
    page.get_by_role("button", name="Toggle preview").click()

    submit_for_review(page, snap, "update", CASE_WORKFLOW)

    # The live page keeps its last approved version until the review is done.
    with another_person(browser) as reader:
        reader.goto(f"{url}/cases/demo-irina-lebedeva/")
        expect(reader.locator("main")).not_to_contain_text("Moved to a colony")
    # ...while the admin shows the draft in review, with the new update (newest first).
    page.goto(case_edit_url)
    titles = page.locator("[id^='id_updates-'][id$='-title']")
    expect(titles.first).to_have_value("Moved to a colony far from her family")


def test_campaigner_writes_a_blog_post(page, browser, admin_site, sign_in, snap):
    url = admin_site.url
    title = "Letters that reached the colony"
    sign_in(page, url, "campaigner")
    explore(page, "Blog")
    page.get_by_role("link", name="Add child page").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/campaigns/blogpostpage/\d+/$"))

    page.locator("#id_title").fill(title)
    field(page, "Introduction").fill(
        "Supporters wrote 300 letters this spring. Some reached the colony: here is how."
    )
    body = page.locator("#panel-child-content-body-section")
    insert_block(page, body, "Paragraph")
    type_rich_text(
        page,
        body.get_by_role("textbox").last,
        "Families told us which letters arrived and which came back unopened.",
    )
    snap(page, "post-write", show=body)

    about = page.locator("#panel-child-content-about_this_post-section")
    tags = about.locator(".tagit-new input")
    for tag in ("letters", "prisons"):
        tags.fill(tag)
        tags.press("Enter")
    expect(page.locator("#id_tags")).to_have_value(re.compile("letters.*prisons"))
    snap(page, "post-tags", show=about)

    submit_for_review(page, snap, "post", CASE_WORKFLOW)
    with another_person(browser) as reader:
        assert status_of(reader, f"{url}/blog/letters-that-reached-the-colony/") == 404


def test_campaigner_starts_a_petition(page, browser, admin_site, sign_in, snap):
    url = admin_site.url
    title = "Free the striking miners' reporters"
    sign_in(page, url, "campaigner")
    explore(page, "Act")
    page.get_by_role("link", name="Add child page").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/campaigns/actionpage/\d+/$"))

    page.locator("#id_title").fill(title)
    field(page, "Kind").select_option(label="Petition")
    field(page, "Addressed to").fill("The Prosecutor General of Kazakhstan")
    field(page, "What we ask").fill(
        "Drop the charges against the journalists who reported on the strike."
    )
    field(page, "Goal").fill("2000")
    snap(page, "petition-form")

    # Scheduled publishing: a go-live date, set in the status side panel. It takes effect
    # once an editor approves the page; until then it is only a plan.
    go_live = datetime.datetime.combine(
        datetime.date.today() + datetime.timedelta(days=7), datetime.time(9, 0)
    )
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Go live date/time").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The date picker opens under the field: choosing the highlighted time closes it.
    page.locator(".xdsoft_datetimepicker:visible .xdsoft_time.xdsoft_current").click()
    snap(page, "petition-schedule")
    dialog.get_by_role("button", name="Save schedule").click()
    expect(dialog).to_be_hidden()
    status = page.locator("[data-side-panel=status]")
    expect(status).to_contain_text("Once scheduled")
    expect(status).to_contain_text("Go-live")
    snap(page, "petition-scheduled")
    page.get_by_role("button", name="Toggle status").click()

    # Actions use the site's one-step review ("Moderators approval", done by Editors).
    submit_for_review(page, snap, "petition", DEFAULT_WORKFLOW)
    # The schedule was saved with it.
    page.get_by_role("row").filter(has_text=title).get_by_role("link", name=title).click()
    page.get_by_role("button", name="Toggle status").click()
    expect(page.locator("[data-side-panel=status]")).to_contain_text("Go-live")
    with another_person(browser) as reader:
        assert status_of(reader, f"{url}/act/free-the-striking-miners-reporters/") == 404


def test_editor_approves_a_pending_comment(page, browser, axe, admin_site, sign_in, snap):
    url = admin_site.url
    post_url = f"{url}/blog/kazakhstan-political-prisoners-and-human-rights/"
    author = "Saltanat from Journeys"
    text = "I wrote to the colony last month and my letter arrived. Keep writing!"

    # A reader comments on the blog; the comment waits for a moderator.
    with another_person(browser) as reader:
        reader.goto(post_url)
        form = reader.locator("form[action^='/comments/']")
        form.get_by_label("Your name").fill(author)
        form.get_by_role("textbox", name=re.compile("^Comment")).fill(text)
        form.get_by_role("button", name="Send comment").click()
        expect(reader.get_by_role("heading", level=1)).to_contain_text("awaiting moderation")
        axe(reader)

    sign_in(page, url, "editor")
    to_moderate = page.get_by_role("link", name=re.compile(r"Comments? to moderate"))
    expect(to_moderate).not_to_have_text(re.compile(r"^\s*0 "))
    snap(page, "comments-dashboard")
    to_moderate.click()
    row = page.get_by_role("row").filter(has_text=author)
    expect(row).to_contain_text("Awaiting moderation", ignore_case=True)
    # Approve, Reject and Mark as spam sit under each comment.
    approve = row.get_by_role("button", name=f"Approve the comment by {author}")
    snap(page, "comments-approve")
    approve.click()
    expect(success_message(page)).to_contain_text(f"Approved the comment by {author}.")
    snap(page, "comments-approved")

    with another_person(browser) as reader:
        reader.goto(post_url)
        expect(reader.locator("main")).to_contain_text(text)
        axe(reader)


def test_supporter_data_exports_a_petitions_signatures(page, admin_site, tmp_path, sign_in, snap):
    from campaigns.actions.signatures import EXPORT_COLUMNS

    url = admin_site.url
    sign_in(page, url, "supporter-data")
    page.locator("#wagtail-sidebar").get_by_role("link", name="Signatures", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signatures")
    expect(page.get_by_text("Choose a petition in the filters")).to_be_visible()
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Petition", exact=True).click()
    page.get_by_label("Petition", exact=True).select_option(label=PETITION_TITLE)
    download_link = page.get_by_role(
        "link", name=re.compile(r"Download the confirmed signatures of")
    )
    expect(download_link).to_be_visible()
    page.get_by_role("button", name="Show filters").click()  # folds the filters away
    expect(page.get_by_label("Petition", exact=True)).to_be_hidden()
    snap(page, "export-choose-petition")

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert re.fullmatch(
        r"signatures-reform-inciting-discord-\d{4}-\d\d-\d\d\.csv", download.suggested_filename
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[0] == EXPORT_COLUMNS
    assert len(rows) > 1 and all(len(row) == len(EXPORT_COLUMNS) for row in rows)
