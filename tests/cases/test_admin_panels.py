"""Dashboard panels: new contact messages (supporter data) and cases to re-check."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from campaigns.cases.admin import RECHECK_LIMIT
from campaigns.models import CasePage

from ..access.factories import StaffFactory
from ..contact.factories import ContactPageFactory
from ..home.factories import StandardPageFactory
from .factories import CasePageFactory

DASHBOARD_URL = reverse("wagtailadmin_home")
TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def submit(page, count, days_ago=0):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    submissions = FormSubmission.objects.bulk_create(
        FormSubmission(page=page, form_data={"email": f"r{n}@example.org", "message": "Hi"})
        for n in range(count)
    )
    # submit_time is auto_now_add: set it afterwards.
    FormSubmission.objects.filter(pk__in=[s.pk for s in submissions]).update(submit_time=when)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD_URL)
    assert response.status_code == 200
    return response.content.decode()


# --- new contact messages -------------------------------------------------------------------


def test_contact_messages_are_shown_only_with_the_view_submissions_permission(
    client, home_page, contact_page
):
    submit(contact_page, 2)
    reader = StaffFactory(username="reader", permissions=["wagtailforms.view_formsubmission"])
    html = dashboard(client, reader)
    assert "New contact messages" in html
    assert reverse("wagtailforms:list_submissions", args=(contact_page.pk,)) in html

    # A campaigner who edits pages, the contact page included, does not see them.
    campaigner = StaffFactory(username="campaigner", pages=[home_page])
    assert "New contact messages" not in dashboard(client, campaigner)
    assert "New contact messages" not in dashboard(client, StaffFactory(username="nobody"))


def test_contact_messages_count_the_last_seven_days_per_contact_page(
    client, home_page, contact_page
):
    other = ContactPageFactory(parent=home_page, title="Press", slug="press")
    submit(contact_page, 3)
    submit(contact_page, 1, days_ago=6)
    submit(contact_page, 5, days_ago=8)  # too old
    submit(other, 2, days_ago=1)
    html = dashboard(
        client, StaffFactory(username="reader", permissions=["wagtailforms.view_formsubmission"])
    )
    panel = html[html.index('id="contact-messages-content"') :]
    rows = panel[panel.index("<tbody>") : panel.index("</tbody>")]
    assert rows.index("Contact") < rows.index("Press")
    contact_row = rows[rows.index("Contact") : rows.index("Press")]
    assert "<td>4</td>" in contact_row
    assert "<td>2</td>" in rows[rows.index("Press") :]
    assert "Messages, last 7 days" in panel


def test_no_panel_when_nothing_arrived_this_week(client, contact_page):
    submit(contact_page, 2, days_ago=10)
    html = dashboard(
        client, StaffFactory(username="reader", permissions=["wagtailforms.view_formsubmission"])
    )
    assert "New contact messages" not in html


def test_the_submissions_listing_the_panel_links_to_opens_for_the_reader(client, contact_page):
    submit(contact_page, 1)
    reader = StaffFactory(username="reader", permissions=["wagtailforms.view_formsubmission"])
    client.force_login(reader)
    response = client.get(reverse("wagtailforms:list_submissions", args=(contact_page.pk,)))
    assert response.status_code == 200


# --- cases to re-check ----------------------------------------------------------------------


def test_cases_to_recheck_are_shown_to_page_editors_only(client, home_page, cases):
    case = CasePageFactory(parent=cases, person_name="Aigerim Tleuzhan", last_verified=None)
    editor = StaffFactory(username="editor", pages=[home_page])
    html = dashboard(client, editor)
    assert "Cases to re-check" in html
    assert reverse("wagtailadmin_pages:edit", args=(case.pk,)) in html

    supporter_data = StaffFactory(
        username="reader",
        permissions=["wagtailforms.view_formsubmission", "campaigns.view_follow"],
    )
    assert "Cases to re-check" not in dashboard(client, supporter_data)


def test_cases_to_recheck_lists_overdue_live_cases_oldest_first(client, home_page, cases):
    CasePageFactory(parent=cases, person_name="Fresh Case", last_verified=days_ago(10))
    CasePageFactory(parent=cases, person_name="Old Case", last_verified=days_ago(400))
    CasePageFactory(parent=cases, person_name="Older Case", last_verified=days_ago(900))
    CasePageFactory(parent=cases, person_name="Never Case", last_verified=None)
    CasePageFactory(parent=cases, person_name="Draft Case", last_verified=None, live=False)
    html = dashboard(client, StaffFactory(username="editor", pages=[home_page]))
    panel = html[html.index('id="cases-to-recheck-content"') :]
    assert "3 live cases were never verified or not in the last 180 days." in panel
    positions = [panel.index(name) for name in ("Never Case", "Older Case", "Old Case")]
    assert positions == sorted(positions)
    assert "Fresh Case" not in panel
    assert "Draft Case" not in panel
    assert "Never" in panel
    assert f"{reverse('cases:index')}?ordering=last_verified" in panel


def test_cases_to_recheck_follow_the_setting(client, home_page, cases, settings):
    CasePageFactory(parent=cases, person_name="Month Old", last_verified=days_ago(40))
    editor = StaffFactory(username="editor", pages=[home_page])
    assert "Cases to re-check" not in dashboard(client, editor)
    settings.CASE_VERIFY_AFTER_DAYS = 30
    html = dashboard(client, editor)
    assert "1 live case was never verified or not in the last 30 days." in html
    assert "Month Old" in html


def test_cases_to_recheck_are_only_those_the_user_may_edit(client, home_page, cases):
    CasePageFactory(parent=cases, person_name="Their Case", last_verified=None)
    about_editor = StaffFactory(username="about", pages=[StandardPageFactory(parent=home_page)])
    assert "Cases to re-check" not in dashboard(client, about_editor)


def test_cases_to_recheck_shows_ten_with_the_total(client, home_page, cases):
    for n in range(RECHECK_LIMIT + 2):
        CasePageFactory(parent=cases, person_name=f"Case {n:02d}", last_verified=days_ago(200 + n))
    html = dashboard(client, StaffFactory(username="editor", pages=[home_page]))
    panel = html[html.index('id="cases-to-recheck-content"') :]
    assert "12 live cases were never verified" in panel
    assert "The 10 oldest:" in panel
    assert "Case 11" in panel  # the oldest
    assert "Case 00" not in panel and "Case 01" not in panel


def test_dashboard_queries_do_not_grow_with_cases_or_messages(
    client, home_page, cases, contact_page
):
    user = StaffFactory(
        username="everyone",
        permissions=["wagtailforms.view_formsubmission", "campaigns.view_follow"],
        pages=[home_page],
    )
    for n in range(3):
        CasePageFactory(parent=cases, person_name=f"Few {n}", last_verified=None)
    submit(contact_page, 2)
    client.force_login(user)
    client.get(DASHBOARD_URL)
    with CaptureQueriesContext(connection) as few:
        html = client.get(DASHBOARD_URL).content.decode()
    assert "Cases to re-check" in html and "New contact messages" in html
    for n in range(27):
        CasePageFactory(parent=cases, person_name=f"Many {n}", last_verified=days_ago(300))
    ContactPageFactory(parent=home_page, title="Press", slug="press")
    submit(contact_page, 20)
    with CaptureQueriesContext(connection) as many:
        html = client.get(DASHBOARD_URL).content.decode()
    assert "30 live cases" in html
    assert CasePage.objects.count() == 30
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
