"""The home page campaigns, on a phone and on a desk: a reader sees who is detained, the
live count, the action that needs them, the news, and goes from there to a case and to
the action."""

import pytest


@pytest.fixture
def demo_site(site_server):
    return site_server.url


@pytest.mark.parametrize("width", [375, 1280])
def test_home_page_campaigns_and_is_accessible(page, axe, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(demo_site + "/")
    assert response.status == 200
    main = page.get_by_role("main")
    for heading in ("Detained now", "Act now", "Latest case updates", "Latest posts"):
        assert main.get_by_role("heading", name=heading, level=2).is_visible(), heading
    assert main.locator(".live-counter__number").first.inner_text().isdigit()
    assert main.locator(".block-detained .case-card").count() >= 1
    assert main.locator(".most-needed progress").count() == 1
    # A person without a photo: a neutral mark, named for screen readers.
    assert main.get_by_role("img", name="No photo").count() >= 1
    axe(page)
    assert page.external_requests == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_reader_goes_from_home_to_a_case_and_to_the_action(page, axe, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site + "/")
    detained = page.locator(".block-detained")
    first = detained.locator(".case-card__name a").first
    name = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == name
    axe(page)

    page.go_back()
    action = page.locator(".most-needed")
    title = action.locator(".action-card__title").inner_text()
    action.get_by_role("link", name="Sign the petition").click()
    assert page.locator("h1").inner_text() == title
    axe(page)
    assert page.external_requests == []
