"""Case followers in the Wagtail admin: who may see them, the listing, the CSV of one case."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from campaigns.follows.admin import EXPORT_ACTION, follow_viewset

from ..access.factories import StaffFactory
from ..admin_steps import text
from ..cases.factories import CasePageFactory
from .factories import FollowFactory

LIST_URL = reverse("followers:index")
DASHBOARD_URL = reverse("wagtailadmin_home")
LOGIN_URL = reverse("wagtailadmin_login")
NOW = timezone.now()


def export_url(case):
    return f"{LIST_URL}?case={case.pk}&export=csv"


def follow(case, email, confirmed=True, unsubscribed=False, hours_ago=1):
    return FollowFactory(
        case=case,
        email=email,
        created_at=NOW - datetime.timedelta(hours=hours_ago + 1),
        confirmed_at=NOW - datetime.timedelta(hours=hours_ago) if confirmed else None,
        unsubscribed_at=NOW if unsubscribed else None,
    )


def read_csv(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def case(cases):
    return CasePageFactory(parent=cases, person_name="Aigerim Tleuzhan")


@pytest.fixture
def other_case(cases):
    return CasePageFactory(parent=cases, person_name="Daniyar Adilbekov")


@pytest.fixture
def followers(case, other_case):
    return {
        "active": follow(case, "active@example.org"),
        "waiting": follow(case, "waiting@example.org", confirmed=False),
        "gone": follow(case, "gone@example.org", unsubscribed=True),
        "elsewhere": follow(other_case, "elsewhere@example.org"),
    }


@pytest.fixture
def viewer(db):
    return StaffFactory(username="supporter-data", permissions=["campaigns.view_follow"])


@pytest.fixture
def editor(home_page):
    """Edits every page, but holds no supporter data permission."""
    return StaffFactory(
        username="editor",
        pages=[home_page],
        page_permissions=("add_page", "change_page", "publish_page"),
    )


# --- who may do what ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, case):
    for url in (LIST_URL, export_url(case)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN_URL)


def test_page_editors_without_the_permission_see_no_followers(client, case, followers, editor):
    client.force_login(editor)
    for url in (LIST_URL, export_url(case)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == DASHBOARD_URL  # Wagtail's "permission denied"
    assert f'"url": "{LIST_URL}"' not in client.get(DASHBOARD_URL).content.decode()
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def test_view_follow_opens_the_listing_and_the_menu_item(client, followers, viewer):
    client.force_login(viewer)
    assert f'"url": "{LIST_URL}"' in client.get(DASHBOARD_URL).content.decode()
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_follows_cannot_be_added_edited_or_deleted_in_the_admin(client, followers, viewer):
    client.force_login(viewer)
    html = client.get(LIST_URL).content.decode()
    assert "/edit/" not in html and "/delete/" not in html
    for name in ("add", "edit", "delete", "inspect", "history", "usage"):
        assert name not in {pattern.name for pattern in follow_viewset.get_urlpatterns()}
    codenames = set(
        follow_viewset.get_permissions_to_register().values_list("codename", flat=True)
    )
    assert codenames == {"view_follow"}


# --- the listing --------------------------------------------------------------------------


def test_listing_shows_email_case_state_and_dates(client, followers, viewer):
    client.force_login(viewer)
    html = client.get(LIST_URL).content.decode()
    for email in ("active@", "waiting@", "gone@", "elsewhere@"):
        assert email in html
    table = html[html.index('<table class="listing') : html.index("<tbody>")]
    headings = [text(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
    assert headings[:7] == [
        "Email",
        "Case",
        "Language",
        "State",
        "Created",
        "Confirmed",
        "Unsubscribed",
    ]
    assert "Aigerim Tleuzhan" in html and "Daniyar Adilbekov" in html
    for state in ("Active", "Not confirmed", "Unsubscribed"):
        assert state in html


def test_filters_by_case_and_state_and_searches_by_email(client, case, followers, viewer):
    client.force_login(viewer)

    def emails(query):
        html = client.get(f"{LIST_URL}?{query}").content.decode()
        return {
            email for email in ("active", "waiting", "gone", "elsewhere") if f"{email}@" in html
        }

    assert emails(f"case={case.pk}") == {"active", "waiting", "gone"}
    assert emails("state=active") == {"active", "elsewhere"}
    assert emails("state=unconfirmed") == {"waiting"}
    assert emails("state=unsubscribed") == {"gone"}
    assert emails(f"case={case.pk}&state=active") == {"active"}
    assert emails("q=waiting") == {"waiting"}


def test_listing_queries_do_not_grow_with_follows(client, case, other_case, viewer):
    client.force_login(viewer)
    follow(case, "first@example.org")
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for n in range(30):
        follow(case if n % 2 else other_case, f"more{n}@example.org", confirmed=n % 3 > 0)
    with CaptureQueriesContext(connection) as many:
        html = client.get(LIST_URL).content.decode()
    assert "more29@" in html
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


# --- the export ---------------------------------------------------------------------------


def test_export_offered_once_a_case_is_chosen(client, case, followers, viewer):
    client.force_login(viewer)
    html = client.get(LIST_URL).content.decode()
    assert "Choose a case in the filters to download its active followers." in html
    assert "Download XLSX" not in html and "Download CSV" not in html  # Wagtail's own buttons
    html = client.get(f"{LIST_URL}?case={case.pk}").content.decode()
    assert f'href="{export_url(case).replace("&", "&amp;")}"' in html
    assert "Download the active followers of “Aigerim Tleuzhan” (CSV)" in html


def test_csv_holds_the_active_followers_of_that_case_only(client, case, followers, viewer):
    client.force_login(viewer)
    response = client.get(export_url(case))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert [row["Email"] for row in rows] == ["active@example.org"]
    assert list(rows[0]) == ["Email", "Case", "Confirmed", "Followed since"]
    assert rows[0]["Case"] == "Aigerim Tleuzhan"
    assert rows[0]["Confirmed"] == followers["active"].confirmed_at.isoformat(timespec="seconds")


def test_csv_never_holds_unconfirmed_or_unsubscribed_addresses(client, case, followers, viewer):
    client.force_login(viewer)
    for state in ("unconfirmed", "unsubscribed"):
        rows = read_csv(client.get(f"{export_url(case)}&state={state}"))
        assert rows == []


def test_csv_is_a_dated_attachment_named_after_the_case(client, case, followers, viewer):
    client.force_login(viewer)
    response = client.get(export_url(case))
    today = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="followers-{case.slug}-{today}.csv"'
    )
    assert "no-store" in response["Cache-Control"]


def test_csv_needs_a_case_and_is_csv_only(client, followers, viewer):
    client.force_login(viewer)
    response = client.get(f"{LIST_URL}?export=csv")
    assert response.status_code == 400
    response = client.get(f"{LIST_URL}?export=xlsx")  # not an export: the listing
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, case, viewer):
    follow(case, "=hyperlink(x)@example.org")
    client.force_login(viewer)
    rows = read_csv(client.get(export_url(case)))
    assert rows[0]["Email"] == "'=hyperlink(x)@example.org"


def test_every_export_is_in_the_cases_history(client, case, followers, viewer):
    client.force_login(viewer)
    client.get(export_url(case))
    entry = PageLogEntry.objects.get(action=EXPORT_ACTION)
    assert entry.page_id == case.pk
    assert entry.user == viewer
    assert entry.data == {"rows": 1}
    assert "example.org" not in str(entry.data)
    assert entry.message == "Exported 1 active followers"
