"""A reader searches the blog, opens the post and leaves a comment."""


def test_reader_searches_reads_and_comments(page, axe, site_server):
    page.goto(site_server.url + "/blog/")
    search = page.get_by_role("searchbox", name="Search this blog")
    search.fill("prisoners")
    search.press("Enter")
    assert "q=prisoners" in page.url
    assert page.locator("mark").first.inner_text().lower() == "prisoners"
    axe(page)

    page.get_by_role("link", name="Kazakhstan: political prisoners and human rights").click()
    assert page.locator("h1").inner_text() == "Kazakhstan: political prisoners and human rights"
    toc = page.get_by_role("navigation", name="On this page")
    toc.get_by_role("link", name="Notable cases").click()
    assert page.url.endswith("#notable-cases")
    axe(page)

    page.get_by_label("Your name").fill("A reader")
    page.get_by_role("textbox", name="Comment").fill("Thank you for keeping these cases visible.")
    page.get_by_role("button", name="Send comment").click()
    assert "awaiting moderation" in page.locator("h1").inner_text()
    assert "Thank you for keeping these cases visible." in page.content()
    axe(page)
    assert page.external_requests == []

    # Held for moderation: not on the public page yet.
    page.goto(site_server.url + "/blog/kazakhstan-political-prisoners-and-human-rights/")
    assert "Thank you for keeping these cases visible." not in page.content()
