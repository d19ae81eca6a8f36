"""A reader finds the next hearing of a case, lists every hearing, filters them by city and
takes the calendar, on a phone and on a desktop."""

import pytest
from icalendar import Calendar


@pytest.mark.parametrize("width", [375, 1280])
def test_reader_finds_hearings_and_subscribes(page, axe, site_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    # The demo's hearings to come are on invented cases: take one from the list.
    page.goto(site_server.url + "/hearings/")
    case_link = page.locator("#upcoming-heading ~ ol .hearing__case a").first
    case_url = case_link.get_attribute("href").split("#", 1)[0]

    page.goto(site_server.url + case_url)
    upcoming = page.get_by_role("region", name="Next hearings")
    text = upcoming.inner_text()
    assert "(Asia/" in text and "UTC+0" in text
    assert "Open to the public" in text or "Closed to the public" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)

    calendar_link = upcoming.get_by_role("link", name="Add the hearings to your calendar")
    response = page.request.get(site_server.url + calendar_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert Calendar.from_ical(response.body()).walk("VEVENT")

    upcoming.get_by_role("link", name="All upcoming hearings").click()
    assert page.locator("h1").inner_text() == "Court hearings"
    city = page.get_by_label("City")
    choice = city.locator("option").nth(1).get_attribute("value")
    city.select_option(choice)
    page.get_by_role("button", name="Show hearings").click()
    assert "city=" in page.url
    listed = page.locator("#upcoming-heading ~ ol .hearing__facts").all_inner_texts()
    assert listed and all(choice in line for line in listed[::2])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)

    href = page.get_by_role(
        "link", name="Subscribe to every hearing in your calendar"
    ).get_attribute("href")
    response = page.request.get(site_server.url + href)
    assert response.status == 200 and b"BEGIN:VCALENDAR" in response.body()
    assert page.external_requests == []
