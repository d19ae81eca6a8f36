"""Court hearings: validation, the case page, /hearings/, the iCalendar feeds, the emails to
followers, the admin, the open-data rows, and query counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaigns.hearings import open_data
from campaigns.hearings.models import Hearing
from campaigns.landing.models import CampaignPage
from campaigns.models import CasePage, OutboundEmail

from ..cases.factories import (
    CASE_QUERY_BUDGET,
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdateFactory,
    count_queries,
)
from ..follows.factories import FollowFactory
from ..home.factories import make_site, translate
from .factories import SOURCE, HearingFactory, days_from_now, hearing_row

UTC = datetime.UTC


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page)


@pytest.fixture
def case(index):
    return CasePageFactory(parent=index, person_name="Aigerim A", slug="aigerim-a")


def hearing(page, **fields):
    return HearingFactory(page=page, **fields)


def fresh(case):
    return CasePage.objects.get(pk=case.pk)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    return Calendar.from_ical(body)


def events(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


# --- the model -------------------------------------------------------------------------


def test_the_court_s_local_time_is_stored_in_utc_with_its_zone_named(case):
    verdict = hearing(
        case,
        starts_on=datetime.date(2012, 10, 8),
        starts_time=datetime.time(10, 0),
        time_zone="Asia/Aqtau",
        status="held",
        kind="verdict",
    )
    verdict.refresh_from_db()
    assert verdict.starts_at == datetime.datetime(2012, 10, 8, 5, 0, tzinfo=UTC)
    assert verdict.when == "8 October 2012, 10:00 (Asia/Aqtau, UTC+05:00)"


def test_a_hearing_without_a_known_time_is_a_whole_day(case):
    plea = hearing(case, starts_on=datetime.date(2019, 8, 16), starts_time=None, status="held")
    assert plea.when == "16 August 2019, time not known"
    assert plea.ends_at - plea.starts_at == datetime.timedelta(days=1)


def errors_of(hearing_):
    with pytest.raises(ValidationError) as error:
        hearing_.full_clean()
    return error.value.message_dict


def unsaved(case, **fields):
    values = {
        "page": case,
        "locale_id": case.locale_id,
        "starts_on": days_from_now(10),
        "starts_time": datetime.time(10, 0),
        "time_zone": "Asia/Almaty",
        "court": "Medeu district court",
        "city": "Almaty",
        "kind": "trial",
        **fields,
    }
    return Hearing(**values)


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_an_impossible_date_is_refused_with_the_plausible_range(case, day):
    (message,) = errors_of(unsaved(case, starts_on=day))["starts_on"]
    assert message.startswith("This date is not plausible for a hearing: give one between 1")


@pytest.mark.parametrize("zone", ["Almaty", "Asia/Nowhere", "UTC+6", "<script>"])
def test_a_time_zone_that_does_not_exist_is_refused(case, zone):
    (message,) = errors_of(unsaved(case, time_zone=zone))["time_zone"]
    assert message == (
        f"“{zone}” is not a time zone name. Use one like “Asia/Almaty” or “Asia/Aqtau”."
    )


def test_a_time_the_clocks_skipped_is_refused(case):
    # Berlin jumped from 02:00 to 03:00 on 26 March 2023.
    gap = unsaved(
        case,
        starts_on=datetime.date(2023, 3, 26),
        starts_time=datetime.time(2, 30),
        time_zone="Europe/Berlin",
    )
    assert errors_of(gap)["starts_time"] == [
        "This time does not exist in Europe/Berlin on that day (the clocks jumped)."
    ]


def test_an_outcome_or_held_status_before_the_hearing_is_refused(case):
    errors = errors_of(unsaved(case, outcome="Sentenced to 7 years", status="held"))
    assert errors["outcome"] == [
        "Give an outcome once the hearing has taken place: this one is still to come."
    ]
    assert errors["status"] == ["A hearing that has not yet taken place cannot be held."]


def test_a_source_link_needs_its_title(case):
    assert errors_of(unsaved(case, source_url=SOURCE))["source_title"] == [
        "Give the source's title as well as its link."
    ]


def test_a_past_hearing_with_its_outcome_and_source_is_accepted(case):
    unsaved(
        case,
        starts_on=datetime.date(2012, 11, 19),
        starts_time=None,
        time_zone="Asia/Aqtau",
        status="held",
        kind="appeal",
        outcome="The sentence was upheld.",
        source_url=SOURCE,
        source_title="RFE/RL, 19 Nov 2012",
    ).full_clean()


def test_only_a_change_makes_a_new_calendar_version(case):
    trial = hearing(case)
    first = trial.modified_at
    trial.save()
    assert (trial.sequence, trial.modified_at) == (0, first)
    trial.starts_time = datetime.time(15, 0)
    trial.save()
    assert trial.sequence == 1 and trial.modified_at > first


def test_what_followers_were_told_is_never_taken_from_an_old_copy(case):
    trial = hearing(case)
    Hearing.objects.filter(pk=trial.pk).update(notified_start=trial.starts_at)
    trial.save()  # the copy in memory (as in an older revision) says nothing was told
    trial.refresh_from_db()
    assert trial.notified_start == trial.starts_at


# --- the case page ---------------------------------------------------------------------


def test_the_case_page_shows_upcoming_hearings_and_past_ones_in_its_timeline(client, case):
    hearing(case, court="Medeu district court", city="Almaty", access="closed")
    hearing(case, starts_on=days_from_now(20), status="cancelled", court="Bostandyk court")
    hearing(
        case,
        starts_on=datetime.date(2020, 1, 15),
        starts_time=None,
        kind="verdict",
        status="held",
        court="Almaty city court",
        outcome="Sentenced to five years.",
    )
    html = client.get(case.url).content.decode()
    upcoming = html.split('id="hearings-heading"', 1)[1].split("</section>", 1)[0]
    assert "Next hearings" in upcoming
    assert "10:00 (Asia/Almaty, UTC+0" in upcoming
    assert "Medeu district court, Almaty" in upcoming and "Closed to the public" in upcoming
    assert "<strong>Cancelled</strong>" in upcoming
    assert f'href="{case.url}hearings.ics"' in upcoming
    assert "Almaty city court" not in upcoming
    timeline = html.split('id="timeline-heading"', 1)[1]
    assert "Court hearing: Verdict" in timeline and "Sentenced to five years." in timeline
    assert "Medeu district court" not in timeline


def test_past_hearings_sort_among_the_updates_by_date(client, case):
    CaseUpdateFactory(page=case, date=datetime.date(2020, 3, 1), title="Transferred to a colony")
    CaseUpdateFactory(page=case, date=datetime.date(2019, 6, 1), title="Arrest extended")
    hearing(case, starts_on=datetime.date(2020, 1, 15), starts_time=None, status="held")
    timeline = client.get(case.url).content.decode().split('id="timeline-heading"', 1)[1]
    positions = [
        timeline.index(text)
        for text in ("Transferred to a colony", "Court hearing: Trial session", "Arrest extended")
    ]
    assert positions == sorted(positions)


def test_a_case_without_hearings_shows_no_hearing_section_but_its_calendar(client, case):
    html = client.get(case.url).content.decode()
    assert 'id="hearings-heading"' not in html
    # Subscribing before any hearing is known brings the first one when it is added.
    assert f'<a href="{case.url}hearings.ics">Court hearings calendar (iCalendar)</a>' in html


def test_the_case_page_costs_the_same_queries_with_one_or_many_hearings(client, index):
    one = CasePageFactory(parent=index, person_name="One Hearing")
    hearing(one)
    hearing(one, starts_on=datetime.date(2020, 1, 15), status="held")
    many = CasePageFactory(parent=index, person_name="Many Hearings")
    for n in range(12):
        hearing(many, starts_on=days_from_now(n + 1))
        hearing(many, starts_on=datetime.date(2020, 1, n + 1), status="held")
    assert count_queries(client, one.url) == count_queries(client, many.url) <= CASE_QUERY_BUDGET


# --- /hearings/ ------------------------------------------------------------------------


@pytest.fixture
def campaign(home_page):
    page = CampaignPage(title="Kazakhstan", slug="kazakhstan", hero_text="Free them.")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def listed(index, campaign):
    """Hearings of three cases: two in Almaty, one in Aktau; one case not in the
    campaign; one past hearing a month ago and one a year ago."""
    aigerim = CasePageFactory(parent=index, person_name="Aigerim A", related_campaign=campaign)
    bolat = CasePageFactory(parent=index, person_name="Bolat B", related_campaign=campaign)
    other = CasePageFactory(parent=index, person_name="Dana D")
    hearing(aigerim, court="Medeu district court", city="Almaty")
    hearing(bolat, court="Mangistau regional court", city="Aktau", time_zone="Asia/Aqtau")
    hearing(other, court="Almaly district court", city="Almaty", starts_on=days_from_now(3))
    hearing(aigerim, court="Court of a month ago", starts_on=days_from_now(-30), status="held")
    hearing(aigerim, court="Court of a year ago", starts_on=days_from_now(-365), status="held")
    return {"aigerim": aigerim, "bolat": bolat, "other": other}


def section(html, heading_id):
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def test_hearings_lists_the_upcoming_then_the_recent_past(client, listed):
    response = client.get("/hearings/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    upcoming = section(html, "upcoming-heading")
    # Soonest first, each naming its case with a link.
    assert upcoming.index("Almaly district court") < upcoming.index("Medeu district court")
    assert f'href="{listed["bolat"].url}#hearing-' in upcoming
    assert "Bolat B" in upcoming and "Asia/Aqtau" in upcoming
    recent = section(html, "recent-heading")
    assert "Court of a month ago" in recent and "Court of a year ago" not in html
    assert '<nav class="breadcrumbs' in html and "<title>Court hearings" in html


def test_hearings_of_draft_and_private_cases_are_not_listed(client, index):
    draft = CasePageFactory(parent=index, person_name="Draft D", live=False)
    hearing(draft, court="Draft court")
    private = CasePageFactory(parent=index, person_name="Private P")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hearing(private, court="Private court")
    assert "Draft court" not in client.get("/hearings/").content.decode()
    assert "Private court" not in client.get("/hearings/").content.decode()
    assert b"Private court" not in client.get("/hearings.ics").content


def test_hearings_filter_by_city_and_by_campaign(client, listed):
    html = section(client.get("/hearings/?city=Aktau").content.decode(), "upcoming-heading")
    assert "Mangistau regional court" in html and "Medeu district court" not in html
    html = client.get("/hearings/?campaign=kazakhstan").content.decode()
    upcoming = section(html, "upcoming-heading")
    assert "Medeu district court" in upcoming and "Almaly district court" not in upcoming
    assert '<option value="kazakhstan" selected>Kazakhstan</option>' in html


@pytest.mark.parametrize(
    "query",
    ["city=Atlantis", "campaign=%3Cscript%3E", "city=" + "x" * 5000, "campaign[]=1"],
)
def test_bad_filters_are_left_out_with_a_message_never_a_500(client, listed, query):
    response = client.get(f"/hearings/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    if "[]" not in query:
        assert "it was left out" in html
    assert "Medeu district court" in section(html, "upcoming-heading")


def test_a_nul_in_a_filter_is_a_bad_request(client, listed):
    assert client.get("/hearings/?city=%00").status_code == 400


def test_hearings_page_costs_the_same_queries_with_one_or_many_cases(client, index, campaign):
    first = CasePageFactory(parent=index, related_campaign=campaign)
    hearing(first)
    few = count_queries(client, "/hearings/")
    for n in range(8):
        case = CasePageFactory(parent=index, related_campaign=campaign)
        hearing(case, city=f"City {n}")
        hearing(case, starts_on=days_from_now(-n - 1), status="held")
    assert count_queries(client, "/hearings/") == few
    assert count_queries(client, "/hearings/?city=City+1") == few


def test_hearings_in_russian_use_the_translated_case(client, case, home_page):
    hearing(case, court="Medeu district court")
    translate(home_page, "ru")
    translate(case.get_parent().specific, "ru")
    translate(
        case,
        "ru",
        {"Aigerim A": "Айгерим А", "Medeu district court": "Медеуский районный суд"},
    )
    html = client.get("/ru/hearings/").content.decode()
    assert '<html lang="ru"' in html
    assert "Медеуский районный суд" in html and "Айгерим А" in html
    assert 'href="/ru/cases/aigerim-a/#hearing-' in html


# --- iCalendar -------------------------------------------------------------------------


def test_the_calendar_of_all_hearings_is_valid_with_time_zones(client, listed):
    calendar = parse(client.get("/hearings.ics"))
    assert str(calendar["version"]) == "2.0" and str(calendar["method"]) == "PUBLISH"
    assert str(calendar["calscale"]) == "GREGORIAN" and calendar["prodid"]
    assert str(calendar["x-wr-calname"]).startswith("Court hearings")
    found = events(calendar)
    assert len(found) == 5
    zones = {str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Asia/Almaty", "Asia/Aqtau"}
    aktau = next(e for e in found.values() if "Mangistau" in str(e["location"]))
    assert aktau["dtstart"].params["TZID"] == "Asia/Aqtau"
    assert aktau["dtstart"].dt.time() == datetime.time(10, 0)
    assert aktau["dtend"].dt - aktau["dtstart"].dt == datetime.timedelta(hours=2)
    assert str(aktau["summary"]) == "Trial session: Bolat B"
    assert str(aktau["location"]) == "Mangistau regional court, Aktau"
    assert str(aktau["status"]) == "CONFIRMED" and int(aktau["sequence"]) == 0
    assert "Open to the public" in str(aktau["description"])
    assert str(aktau["url"]).startswith("http://testserver/cases/bolat-b/#hearing-")
    for uid, item in found.items():
        assert uid.startswith("hearing-") and uid.endswith("@localhost")
        assert item["dtstamp"] and item["last-modified"]


def test_a_case_calendar_has_its_own_hearings_and_an_empty_one_is_valid(client, listed, index):
    found = events(parse(client.get(f"{listed['aigerim'].url}hearings.ics")))
    assert len(found) == 3
    empty = CasePageFactory(parent=index, person_name="No Hearings")
    response = client.get(f"{empty.url}hearings.ics")
    calendar = parse(response)
    assert "public" in response["Cache-Control"]
    assert calendar.walk("VEVENT") == [] and str(calendar["x-wr-calname"]).startswith(
        "Hearings: No Hearings"
    )
    assert client.get("/cases/nobody-here/hearings.ics").status_code == 404


def test_a_hearing_without_time_is_a_whole_day_event(client, case):
    hearing(case, starts_on=datetime.date(2019, 8, 16), starts_time=None, status="held")
    (event,) = parse(client.get(f"{case.url}hearings.ics")).walk("VEVENT")
    assert event["dtstart"].dt == datetime.date(2019, 8, 16)
    assert event["dtend"].dt == datetime.date(2019, 8, 17)
    assert "Time not known" in str(event["description"])


def test_a_moved_hearing_keeps_its_uid_with_a_higher_sequence_and_cancelled_stays(client, case):
    trial = hearing(case)
    page = fresh(case)
    page.save_revision().publish()
    (before,) = events(parse(client.get(f"{case.url}hearings.ics"))).items()

    page = fresh(case)
    moved = page.hearings.get()
    moved.starts_on, moved.status = days_from_now(12), "moved"
    page.hearings = [moved]
    page.save_revision().publish()
    (after,) = events(parse(client.get(f"{case.url}hearings.ics"))).items()
    assert after[0] == before[0] == f"hearing-{trial.translation_key}@localhost"
    assert int(after[1]["sequence"]) > int(before[1]["sequence"])
    assert after[1]["dtstart"].dt.date() == days_from_now(12)

    page = fresh(case)
    cancelled = page.hearings.get()
    cancelled.status = "cancelled"
    page.hearings = [cancelled]
    page.save_revision().publish()
    (last,) = events(parse(client.get(f"{case.url}hearings.ics"))).items()
    assert last[0] == before[0] and str(last[1]["status"]) == "CANCELLED"
    assert int(last[1]["sequence"]) > int(after[1]["sequence"])
    assert str(last[1]["summary"]).startswith("Cancelled: ")


def test_the_russian_calendar_has_the_russian_texts_and_the_same_uids(client, case, home_page):
    hearing(case, court="Medeu district court")
    translate(home_page, "ru")
    translate(case.get_parent().specific, "ru")
    translate(case, "ru", {"Aigerim A": "Айгерим А", "Medeu district court": "Медеуский суд"})
    english = events(parse(client.get("/cases/aigerim-a/hearings.ics")))
    russian = events(parse(client.get("/ru/cases/aigerim-a/hearings.ics")))
    assert english.keys() == russian.keys()
    (event,) = russian.values()
    assert "Айгерим А" in str(event["summary"]) and "Медеуский суд" in str(event["location"])
    assert "/ru/cases/aigerim-a/" in str(event["url"])
    everything = events(parse(client.get("/ru/hearings.ics")))
    assert "Медеуский суд" in str(everything[next(iter(english))]["location"])


# --- followers -------------------------------------------------------------------------


@pytest.fixture
def followers(case):
    now = timezone.now()
    FollowFactory(case=case, email="one@example.org", confirmed_at=now, language="en")
    FollowFactory(case=case, email="two@example.org", confirmed_at=now, language="en")
    FollowFactory(case=case, email="pending@example.org")  # never confirmed
    return case


def publish(case, change=None):
    page = fresh(case)
    if change:
        rows = list(page.hearings.all())
        change(rows)
        page.hearings = rows
    page.save_revision().publish()
    return page


def hearing_emails():
    return list(OutboundEmail.objects.filter(subject__contains="hearing").order_by("pk"))


def test_followers_are_told_of_an_added_hearing_once(followers):
    case = followers
    publish(case, lambda rows: rows.append(Hearing(**unsaved_fields(case))))
    emails = hearing_emails()
    assert sorted(e.to[0] for e in emails) == ["one@example.org", "two@example.org"]
    email = emails[0]
    assert email.subject == "A hearing is scheduled in the case of Aigerim A"
    assert "New hearing:" in email.body_text and "(Asia/Almaty, UTC+0" in email.body_text
    assert "Medeu district court, Almaty" in email.body_text
    assert "http://testserver/cases/aigerim-a/hearings.ics" in email.body_text
    assert "/follow/unsubscribe/?token=" in email.body_text
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    publish(case)  # published again, nothing changed
    assert len(hearing_emails()) == 2


def unsaved_fields(case, **fields):
    return {
        "starts_on": days_from_now(10),
        "starts_time": datetime.time(10, 0),
        "time_zone": "Asia/Almaty",
        "court": "Medeu district court",
        "city": "Almaty",
        "kind": "trial",
        "locale_id": case.locale_id,
        **fields,
    }


def test_followers_are_told_when_a_hearing_moves_not_when_its_text_changes(followers):
    case = followers
    publish(case, lambda rows: rows.append(Hearing(**unsaved_fields(case))))

    def retitle(rows):
        rows[0].court = "Medeu district court of Almaty"

    publish(case, retitle)
    assert len(hearing_emails()) == 2

    def move(rows):
        rows[0].starts_time = datetime.time(15, 30)

    publish(case, move)
    moved = hearing_emails()[2:]
    assert len(moved) == 2
    assert moved[0].subject == "A hearing was moved in the case of Aigerim A"
    assert "Moved to:" in moved[0].body_text and "15:30" in moved[0].body_text


def test_past_and_cancelled_hearings_are_not_announced(followers):
    case = followers
    publish(
        case,
        lambda rows: rows.extend(
            [
                Hearing(**unsaved_fields(case, starts_on=days_from_now(-3), status="held")),
                Hearing(**unsaved_fields(case, status="cancelled")),
            ]
        ),
    )
    assert hearing_emails() == []


def test_a_translation_s_publication_tells_nobody(followers, home_page):
    case = followers
    publish(case, lambda rows: rows.append(Hearing(**unsaved_fields(case))))
    translate(home_page, "ru")
    translate(case.get_parent().specific, "ru")
    russian = translate(case, "ru", {"Medeu district court": "Медеуский суд"})
    russian.save_revision().publish()
    assert len(hearing_emails()) == 2


def test_a_russian_follower_gets_the_russian_case_and_court(case, home_page):
    translate(home_page, "ru")
    translate(case.get_parent().specific, "ru")
    hearing(case, court="Medeu district court")
    translate(case, "ru", {"Medeu district court": "Медеуский суд"})
    FollowFactory(case=case, email="ru@example.org", confirmed_at=timezone.now(), language="ru")
    Hearing.objects.filter(page=case).update(notified_start=None)
    publish(case)
    (email,) = [e for e in OutboundEmail.objects.all() if e.to == ["ru@example.org"]]
    assert email.subject == "Назначено заседание по делу Aigerim A"
    assert "Медеуский суд" in email.body_text
    assert "http://testserver/ru/cases/aigerim-a/hearings.ics" in email.body_text


# --- the admin -------------------------------------------------------------------------


class HearingAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.index = CaseIndexPageFactory(parent=cls.home)

    def case_data(self, *hearings, **extra):
        data = nested_form_data(
            {
                "title": "Vladimir Kozlov",
                "slug": "vladimir-kozlov",
                "person_name": "Vladimir Kozlov",
                "status": "imprisoned",
                "role": "opposition-politician",
                "country": "KZ",
                "summary": "Leader of Alga!",
                "arrest_date": "2012-01-23",
                "charges": inline_formset([]),
                "restrictions": inline_formset([]),
                "recognitions": inline_formset([]),
                "hearings": inline_formset(list(hearings)),
                "updates": inline_formset([]),
                "corrections": inline_formset([]),
                "body": streamfield([]),
                "sources": streamfield([]),
            }
        )
        return {**data, **extra}

    def test_the_edit_form_has_the_hearings_panel_with_help(self):
        self.login()
        response = self.client.get(f"/admin/pages/add/campaigns/casepage/{self.index.pk}/")
        html = response.content.decode()
        assert "Court hearings" in html
        assert "the court&#x27;s time zone" in html or "the court's time zone" in html

    def test_a_hearing_is_created_in_the_court_s_time(self):
        self.login()
        data = self.case_data(
            hearing_row(
                starts_on="2012-10-08",
                time_zone="Asia/Aqtau",
                kind="verdict",
                status="held",
                court="Mangistau regional court",
                city="Aktau",
                outcome="Seven and a half years.",
                source_url=SOURCE,
                source_title="Reuters",
            )
        )
        self.assertCanCreate(self.index, CasePage, data)
        created = CasePage.objects.get(slug="vladimir-kozlov").hearings.get()
        assert created.starts_at == datetime.datetime(2012, 10, 8, 5, 0, tzinfo=UTC)
        assert created.locale_id == self.index.locale_id

    def test_the_admin_refuses_a_bad_time_zone_with_a_clear_message(self):
        self.login()
        response = self.client.post(
            f"/admin/pages/add/campaigns/casepage/{self.index.pk}/",
            self.case_data(hearing_row(time_zone="Almaty")),
        )
        assert response.status_code == 200
        self.assertContains(response, "is not a time zone name. Use one like")
        assert not CasePage.objects.filter(slug="vladimir-kozlov").exists()

    def test_the_dashboard_lists_the_next_hearings_for_editors(self):
        case = CasePageFactory(parent=self.index, person_name="Bolat B")
        HearingFactory(page=case, court="Mangistau regional court", city="Aktau")
        HearingFactory(page=case, court="Court long ago", starts_on=datetime.date(2020, 1, 1))
        self.login()
        html = self.client.get("/admin/").content.decode()
        panel = html.split("Next court hearings", 1)[1]
        assert "Mangistau regional court, Aktau" in panel and "Court long ago" not in panel
        assert f'href="/admin/pages/{case.pk}/edit/"' in panel

    def test_a_hearing_is_added_in_the_edit_view(self):
        self.login()
        self.assertCanCreate(self.index, CasePage, self.case_data())
        case = CasePage.objects.get(slug="vladimir-kozlov")
        response = self.client.post(
            f"/admin/pages/{case.pk}/edit/",
            self.case_data(hearing_row(), **{"action-publish": "action-publish"}),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert fresh(case).hearings.get().court == "Medeu district court"


# --- open data -------------------------------------------------------------------------


def test_open_data_rows_carry_the_public_fields_of_live_public_cases(listed, index):
    draft = CasePageFactory(parent=index, person_name="Draft D", live=False)
    hearing(draft, court="Draft court")
    rows = list(open_data.rows("en"))
    assert len(rows) == 5
    names = [name for name, _description in open_data.COLUMNS]
    assert all(list(row) == names for row in rows)
    aktau = next(row for row in rows if row["city"] == "Aktau")
    assert aktau["case_slug"] == "bolat-b" and aktau["case_name"] == "Bolat B"
    assert aktau["time_zone"] == "Asia/Aqtau" and aktau["start_utc"].endswith("Z")
    assert aktau["local_start"].endswith("T10:00:00+05:00")
    assert aktau["kind"] == "trial" and aktau["open"] == "open"
    assert "Draft court" not in {row["court"] for row in rows}


def test_a_moved_hearing_tells_a_russian_follower_the_new_date_before_any_sync(case, home_page):
    """The translation's copy of the date is synced only later: the news takes the date
    from the English hearing and the court's name from the translation."""
    translate(home_page, "ru")
    translate(case.get_parent().specific, "ru")
    hearing(case, court="Medeu district court", starts_on=datetime.date(2030, 3, 4))
    translate(case, "ru", {"Medeu district court": "Медеуский суд"})
    FollowFactory(case=case, email="ru@example.org", confirmed_at=timezone.now(), language="ru")
    publish(case)  # announced on 4 March
    OutboundEmail.objects.all().delete()

    def move(rows):
        rows[0].starts_on = datetime.date(2030, 3, 18)

    publish(case, move)
    (email,) = [e for e in OutboundEmail.objects.all() if e.to == ["ru@example.org"]]
    assert "18 марта 2030" in email.body_text and "4 марта" not in email.body_text
    assert "Медеуский суд" in email.body_text
