"""A visitor opens the home page; an editor reaches the admin login."""

import pytest


@pytest.fixture
def demo_site(site_server):
    return site_server.url


def test_home_page_is_accessible_and_self_contained(page, axe, demo_site):
    response = page.goto(demo_site + "/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Nobody should be jailed for speaking out"
    axe(page)
    assert page.external_requests == []

    # The skip link is the first thing a keyboard user reaches, and it works.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_visitor_navigates_and_searches(page, axe, demo_site):
    page.goto(demo_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About us").click()
    assert page.locator("h1").inner_text() == "About us"
    page.get_by_role("searchbox", name="Search the site").fill("privacy")
    page.get_by_role("button", name="Search").click()
    assert "/search/?q=privacy" in page.url
    assert page.get_by_role("link", name="Privacy").first.is_visible()
    axe(page)


def test_admin_login_page_opens(page, demo_site):
    response = page.goto(demo_site + "/admin/")
    assert response.status == 200
    assert "/admin/login/" in page.url
    assert page.get_by_label("Username").is_visible()
    assert page.get_by_label("Password").is_visible()
