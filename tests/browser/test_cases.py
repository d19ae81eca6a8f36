"""A reader filters the case index, opens a case and reads its timeline."""


def test_reader_filters_opens_a_case_and_reads_the_timeline(page, axe, site_server):
    page.goto(site_server.url + "/cases/")
    assert page.locator("h1").inner_text() == "Cases"
    assert page.locator(".counter__number").first.inner_text().isdigit()
    axe(page)
    assert page.external_requests == []

    # Filters are a plain GET form: they work without JavaScript and land in the URL.
    page.get_by_label("Status", exact=True).select_option(label="Released")
    page.get_by_label("Country", exact=True).select_option(label="Kazakhstan")
    page.get_by_role("button", name="Show cases").click()
    assert "status=released" in page.url and "country=KZ" in page.url
    results = page.locator(".case-list .case-card__name")
    assert "Vladimir Kozlov" in results.all_inner_texts()
    for badge in page.locator(".case-list .status").all_inner_texts():
        assert badge == "Released"

    page.get_by_role("link", name="Vladimir Kozlov").click()
    assert page.url.endswith("/cases/vladimir-kozlov/")
    assert page.locator("h1").inner_text() == "Vladimir Kozlov"
    facts = page.get_by_role("complementary", name="Case facts")
    assert "Released" in facts.inner_text()
    assert "164(3)" in facts.inner_text()

    timeline = page.locator(".timeline__item")
    assert timeline.count() >= 2
    dates = page.locator(".timeline__item time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert dates == sorted(dates, reverse=True), "updates are listed newest first"

    # Each update has a permalink that scrolls to and highlights it.
    first_link = timeline.first.get_by_role("link", name="Link to this update")
    first_link.click()
    anchor = page.url.split("#")[1]
    assert anchor.startswith("update-")
    assert page.locator(f"#{anchor}").evaluate("el => el.matches(':target')")
    axe(page)
    assert page.external_requests == []


def test_case_feed_is_linked_and_served(page, site_server):
    page.goto(site_server.url + "/cases/vladimir-kozlov/")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    response = page.request.get(site_server.url + href)
    assert response.status == 200
    assert "<feed" in response.text()
