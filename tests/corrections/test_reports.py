""" "Report an inaccuracy": the public form (bad input, flood, duplicates), storing, the
editors' listing and who may see it, the dashboard count, retention and privacy."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from campaigns.access.roles import CAMPAIGNERS, EDITORS, SUPPORTER_DATA
from campaigns.corrections.models import InaccuracyReport, ReportStatus

from ..access.factories import UserFactory
from .factories import CaseCorrectionFactory, InaccuracyReportFactory

VALID = {
    "what_is_wrong": "The arrest was on 9 March, not 10 March.",
    "suggested_source": "https://www.example.org/news/arrest",
    "reporter_name": "Dana R",
    "reporter_email": "dana.reporter@example.org",
}
LIST_URL = reverse("inaccuracy_reports:index")


def report_url(case):
    return f"/corrections/report/{case.pk}/"


def refused(response, status, message, kept=()):
    html = response.content.decode()
    assert response.status_code == status, html[:300]
    assert message in html
    for text in kept:
        assert text in html
    return html


# --- the public form ----------------------------------------------------------------------


def test_the_form_page_is_never_cached_and_has_a_csrf_token(client, case):
    response = client.get(report_url(case))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Report an inaccuracy on the case of Aliya K" in html


def test_a_report_is_stored_and_thanked(client, case):
    response = client.post(report_url(case), VALID)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you for your report" in html
    assert "dana.reporter@example.org" not in html
    report = InaccuracyReport.objects.get()
    assert report.case == case
    assert report.status == ReportStatus.RECEIVED
    assert report.language == "en"
    assert report.reporter_email == "dana.reporter@example.org"
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_report_from_the_russian_site_records_its_language(client, case, home_page):
    from ..home.factories import translate

    translate(home_page, "ru")
    russian = translate(case, "ru")
    response = client.post(f"/ru/corrections/report/{russian.pk}/", VALID)
    assert response.status_code == 200
    assert InaccuracyReport.objects.get().language == "ru"


def test_only_the_text_is_required(client, case):
    response = client.post(report_url(case), {"what_is_wrong": "The sentence is wrong."})
    assert response.status_code == 200
    assert InaccuracyReport.objects.get().reporter_email == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"what_is_wrong": ""}, "Please say what is wrong on this page."),
        ({"what_is_wrong": "   "}, "Please say what is wrong on this page."),
        ({"what_is_wrong": "x" * 3001}, "Please keep this under 3000 characters"),
        ({"what_is_wrong": "<script>alert(1)</script>"}, "Please write plain text"),
        ({"reporter_name": "<b>Dana</b>"}, "Please write plain text"),
        ({"reporter_email": "not-an-address"}, "This email address does not look right."),
        ({"suggested_source": "javascript:alert(1)"}, "This does not look like a web address"),
        ({"reporter_name": "x" * 81}, "Please keep your name under 80 characters."),
        ({"website": "http://spam.example"}, "Your message looks automated"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_stored(client, case, data, message):
    response = client.post(report_url(case), {**VALID, **data})
    refused(response, 400, message)
    assert not InaccuracyReport.objects.exists()


def test_nul_and_control_characters_are_dropped_not_stored(client, case):
    response = client.post(report_url(case), {**VALID, "what_is_wrong": "Wrong\x00 date\u202e."})
    assert response.status_code == 200
    assert InaccuracyReport.objects.get().what_is_wrong == "Wrong date."


def test_the_same_report_twice_is_refused_as_a_duplicate(client, case):
    assert client.post(report_url(case), VALID).status_code == 200
    refused(client.post(report_url(case), VALID), 400, "We have already received this report")
    assert InaccuracyReport.objects.count() == 1


def test_a_flood_is_stopped_by_the_rate_limit_and_the_text_kept(client, case, settings):
    settings.CONTACT_PER_CLIENT = 2
    for n in range(2):
        data = {**VALID, "what_is_wrong": f"Report {n}"}
        assert client.post(report_url(case), data).status_code == 200
    response = client.post(report_url(case), {**VALID, "what_is_wrong": "The third one"})
    refused(response, 429, "You have sent several reports in a short time.", ["The third one"])
    assert InaccuracyReport.objects.count() == 2


def test_a_cross_site_post_is_refused(client, case):
    response = client.post(report_url(case), VALID, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not InaccuracyReport.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(case):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(report_url(case), VALID)
    assert response.status_code == 403
    assert not InaccuracyReport.objects.exists()


def test_no_report_on_a_draft_case_or_a_missing_one(client, case):
    case.unpublish()
    assert client.get(report_url(case)).status_code == 404
    assert client.post("/corrections/report/999999/", VALID).status_code == 404


# --- the admin ----------------------------------------------------------------------------


@pytest.fixture
def report(case):
    return InaccuracyReportFactory(case=case)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(EDITORS, True), (CAMPAIGNERS, False), (SUPPORTER_DATA, False)],
)
def test_only_editors_see_the_reports(client, report, role, allowed):
    client.force_login(UserFactory(role=role))
    listing = client.get(LIST_URL)
    edit = client.get(reverse("inaccuracy_reports:edit", args=(report.pk,)))
    if allowed:
        assert listing.status_code == 200 and edit.status_code == 200
        assert "Aliya K" in listing.content.decode()
        assert "dana.reporter@example.org" in edit.content.decode()
    else:
        assert listing.status_code in (302, 403)
        assert edit.status_code in (302, 403)
        assert b"dana.reporter@example.org" not in listing.content + edit.content


def test_anonymous_visitors_are_sent_to_sign_in(client, report):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_editor_closes_a_report_with_the_correction_it_led_to(client, report, case):
    correction = CaseCorrectionFactory(page=case)
    client.force_login(UserFactory(role=EDITORS))
    url = reverse("inaccuracy_reports:edit", args=(report.pk,))
    response = client.post(
        url, {"status": "corrected", "correction": "", "editor_note": "Checked the ruling."}
    )
    assert "A report closed as corrected names the correction it led to." in (
        response.content.decode()
    )
    response = client.post(
        url,
        {"status": "corrected", "correction": correction.pk, "editor_note": "Checked."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "corrected"
    assert report.correction == correction
    assert report.closed_at is not None
    assert report.what_is_wrong == "The arrest date is a day off."  # read-only


def test_a_correction_of_another_case_cannot_be_linked(client, report, index):
    from ..cases.factories import CasePageFactory

    other = CaseCorrectionFactory(page=CasePageFactory(parent=index, person_name="Other"))
    client.force_login(UserFactory(role=EDITORS))
    url = reverse("inaccuracy_reports:edit", args=(report.pk,))
    response = client.post(url, {"status": "corrected", "correction": other.pk})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.correction is None


def test_the_dashboard_counts_open_reports_for_editors_only(client, case):
    InaccuracyReportFactory(case=case)
    InaccuracyReportFactory(case=case, status=ReportStatus.CHECKED)
    InaccuracyReportFactory(case=case, status=ReportStatus.DECLINED)
    client.force_login(UserFactory(role=EDITORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 reports of inaccuracies are open" in html
    client.force_login(UserFactory(role=CAMPAIGNERS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "reports of inaccuracies" not in html


# --- retention and privacy ----------------------------------------------------------------


def test_reporters_details_are_removed_once_a_closed_report_is_old(case):
    old = timezone.now() - datetime.timedelta(days=400)
    closed = InaccuracyReportFactory(case=case, status=ReportStatus.DECLINED)
    InaccuracyReport.objects.filter(pk=closed.pk).update(closed_at=old, created_at=old)
    still_open = InaccuracyReportFactory(case=case, reporter_email="open@example.org")
    InaccuracyReport.objects.filter(pk=still_open.pk).update(created_at=old)
    recent = InaccuracyReportFactory(
        case=case, status=ReportStatus.DECLINED, reporter_email="recent@example.org"
    )
    out = StringIO()
    call_command("purge_supporter_data", "--older-than", "90", stdout=out)
    assert "inaccuracy reporters" in out.getvalue()
    closed.refresh_from_db()
    assert (closed.reporter_name, closed.reporter_email) == ("", "")
    assert closed.what_is_wrong == "The arrest date is a day off."
    assert InaccuracyReport.objects.get(pk=still_open.pk).reporter_email == "open@example.org"
    assert InaccuracyReport.objects.get(pk=recent.pk).reporter_email == "recent@example.org"


def test_reopening_a_report_stops_the_retention_clock(case):
    report = InaccuracyReportFactory(case=case, status=ReportStatus.DECLINED)
    assert report.closed_at is not None
    report.status = ReportStatus.CHECKED
    report.save()
    assert report.closed_at is None


def test_reporters_never_appear_on_public_pages_or_feeds(client, case):
    CaseCorrectionFactory(page=case)
    case.save_revision().publish()
    client.post(report_url(case), VALID)
    for url in (case.url, "/corrections/", "/corrections/feed/", f"{case.url}feed/"):
        body = client.get(url).content.decode()
        assert "dana.reporter@example.org" not in body, url
        assert "Dana R" not in body, url
        assert "The arrest was on 9 March" not in body, url
