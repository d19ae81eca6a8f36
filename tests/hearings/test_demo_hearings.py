"""The demo's hearings tell the truth: the real cases' hearings are dated and sourced by
their own updates, upcoming ones are only on fictional cases, and all three languages
show them. The demo is loaded once for the module, as loading it is slow."""

import pytest
from django.utils import timezone
from icalendar import Calendar

from campaigns.hearings.models import Hearing
from campaigns.models import CasePage

REAL_CASES = ["mukhtar-ablyazov", "vladimir-kozlov", "serikzhan-bilash"]


@pytest.fixture
def demo(built_demo, db):
    return built_demo


def english(slug):
    return CasePage.objects.get(slug=slug, locale__language_code="en")


def test_real_hearings_are_the_days_of_sourced_updates_and_are_over(demo):
    for slug in REAL_CASES:
        case = english(slug)
        hearings = list(case.hearings.all())
        assert hearings, slug
        for hearing in hearings:
            (update,) = [u for u in case.updates.all() if u.date == hearing.starts_on]
            urls = {source.value["url"] for source in update.sources}
            assert hearing.source_url in urls and hearing.source_title
            assert hearing.status == "held" and hearing.starts_time is None
            assert hearing.starts_at < timezone.now()


def test_hearings_to_come_are_only_on_fictional_cases(demo):
    upcoming = Hearing.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.exists()
    assert all(hearing.page.is_fictional for hearing in upcoming)
    assert not upcoming.exclude(source_url="").exists()


@pytest.mark.parametrize(
    ("prefix", "court", "city"),
    [
        ("", "Mangistau regional court", "Aktau"),
        ("/ru", "Мангистауский областной суд", "Актау"),
        ("/kk", "Маңғыстау облыстық соты", "Ақтау"),
    ],
)
def test_kozlov_s_hearings_show_in_each_language(demo, client, prefix, court, city):
    html = client.get(f"{prefix}/cases/vladimir-kozlov/").content.decode()
    timeline = html.split('id="timeline-heading"', 1)[1]
    assert f"{court}, {city}" in timeline
    calendar = Calendar.from_ical(
        client.get(f"{prefix}/cases/vladimir-kozlov/hearings.ics").content
    )
    assert len(calendar.walk("VEVENT")) == 3
    assert {str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")} == set()  # whole days


def test_the_hearings_page_lists_the_demo_s_upcoming_hearings(demo, client):
    for prefix in ("", "/ru", "/kk"):
        response = client.get(f"{prefix}/hearings/")
        assert response.status_code == 200
        upcoming = response.content.decode().split('id="upcoming-heading"', 1)[1]
        assert "(fictional)" in upcoming.split("</section>", 1)[0]
    calendar = Calendar.from_ical(client.get("/hearings.ics").content)
    assert "Asia/Almaty" in {str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")}
