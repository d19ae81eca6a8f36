"""The "Cases" and "Actions" page listings, and the same columns in the explorer."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import ActionKind, ActionTally, CaseStatus

from ..access.factories import StaffFactory
from ..actions.factories import ActionPageFactory
from ..admin_steps import text
from ..landing.factories import CampaignPageFactory
from .factories import CasePageFactory

CASES_URL = reverse("cases:index")
ACTIONS_URL = reverse("actions:index")
DASHBOARD_URL = reverse("wagtailadmin_home")
TODAY = timezone.localdate()
NOW = timezone.now()


def explore_url(page):
    return reverse("wagtailadmin_explore", args=(page.pk,))


def listing(client, url):
    """The listing's column headings and, per page title, its cells' text."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('<table class="listing') :]
    table = table[: table.index("</table>")]
    head, body = table.split("<tbody>")
    headings = [text(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]
    rows = {}
    for row in body.split("<tr")[1:]:
        cells = [text(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        title = text(re.search(r'<span id="page_\d+_title">(.*?)</span>', row, re.S).group(1))
        rows[title] = cells
    return headings, rows


@pytest.fixture
def editor(home_page):
    """Edits and publishes pages (without "publish", Wagtail's own Move and Delete buttons
    cost two queries per row to look for live pages below each one)."""
    return StaffFactory(
        username="editor",
        pages=[home_page],
        page_permissions=("add_page", "change_page", "publish_page"),
    )


@pytest.fixture
def campaign(home_page):
    return CampaignPageFactory(
        parent=home_page, title="Kazakhstan", slug="kazakhstan", hero_text="Free them."
    )


@pytest.fixture
def some_cases(cases, campaign):
    return [
        CasePageFactory(
            parent=cases,
            person_name="Fresh Case",
            last_verified=TODAY - datetime.timedelta(days=10),
            related_campaign=campaign,
        ),
        CasePageFactory(
            parent=cases,
            person_name="Stale Case",
            status=CaseStatus.RELEASED,
            last_verified=TODAY - datetime.timedelta(days=200),
        ),
        CasePageFactory(parent=cases, person_name="Unchecked Case", last_verified=None),
    ]


@pytest.fixture
def some_actions(actions):
    petition = ActionPageFactory(parent=actions, title="Sign for Aigerim", goal=1000)
    letter = ActionPageFactory(
        parent=actions,
        title="Write to Daniyar",
        kind=ActionKind.LETTER,
        letter_template="Dear friend",
        deadline=NOW - datetime.timedelta(days=1),
    )
    ActionTally.add(petition.pk, "signatures", 1234)
    ActionTally.add(petition.pk, "letters", 5)  # not a petition's count
    ActionTally.add(letter.pk, "letters", 42)
    untallied = ActionPageFactory(parent=actions, title="Nobody yet")
    return petition, letter, untallied


# --- cases ------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["menu", "explorer"])
def test_case_listing_columns_and_values(client, editor, cases, some_cases, where):
    client.force_login(editor)
    headings, rows = listing(client, CASES_URL if where == "menu" else explore_url(cases))
    for heading in ("Title", "Case status", "Last verified", "Campaign", "Updated", "Status"):
        assert any(h.startswith(heading) for h in headings), headings
    fresh, stale, unchecked = rows["Fresh Case"], rows["Stale Case"], rows["Unchecked Case"]
    assert "Imprisoned" in fresh and "Kazakhstan" in fresh
    fresh_date = (TODAY - datetime.timedelta(days=10)).strftime("%-d %b %Y")
    assert fresh_date in fresh
    assert not any("Re-check" in cell for cell in fresh)
    assert "Released" in stale and "—" in stale
    assert any("Re-check" in cell for cell in stale)
    assert "Never Re-check" in unchecked
    assert any("live" in cell.lower() for cell in fresh)  # Wagtail's live status


def test_last_verified_highlight_follows_the_setting(client, editor, cases, some_cases, settings):
    settings.CASE_VERIFY_AFTER_DAYS = 5
    client.force_login(editor)
    _headings, rows = listing(client, CASES_URL)
    assert any("Re-check" in cell for cell in rows["Fresh Case"])


def test_cases_filter_by_status_and_campaign(client, editor, cases, some_cases, campaign):
    client.force_login(editor)
    _headings, rows = listing(client, f"{CASES_URL}?current_status={CaseStatus.RELEASED}")
    assert set(rows) == {"Stale Case"}
    _headings, rows = listing(client, f"{CASES_URL}?related_campaign={campaign.pk}")
    assert set(rows) == {"Fresh Case"}


def test_cases_sorted_by_last_verified_put_the_never_verified_first(
    client, editor, cases, some_cases
):
    client.force_login(editor)
    _headings, rows = listing(client, f"{CASES_URL}?ordering=last_verified")
    assert list(rows) == ["Unchecked Case", "Stale Case", "Fresh Case"]
    _headings, rows = listing(client, f"{CASES_URL}?ordering=-last_verified")
    assert list(rows) == ["Fresh Case", "Stale Case", "Unchecked Case"]


# --- actions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["menu", "explorer"])
def test_action_listing_columns_and_values(client, editor, actions, some_actions, where):
    client.force_login(editor)
    headings, rows = listing(client, ACTIONS_URL if where == "menu" else explore_url(actions))
    for heading in (
        "Title",
        "Kind",
        "Signatures / letters",
        "Goal",
        "Deadline",
        "Form",
        "Updated",
        "Status",
    ):
        assert any(h.startswith(heading) for h in headings), headings
    petition, letter, untallied = (
        rows["Sign for Aigerim"],
        rows["Write to Daniyar"],
        rows["Nobody yet"],
    )
    assert petition[2:7] == ["Petition", "1,234", "1,000", "", "Open"]
    assert letter[2:4] == ["Letter", "42"] and letter[4] == "—"
    assert letter[5] and letter[6] == "Closed"
    assert untallied[2:5] == ["Petition", "0", "—"]


def test_actions_sort_by_count_and_filter_by_kind(client, editor, actions, some_actions):
    client.force_login(editor)
    _headings, rows = listing(client, f"{ACTIONS_URL}?ordering=-acted")
    assert list(rows) == ["Sign for Aigerim", "Write to Daniyar", "Nobody yet"]
    _headings, rows = listing(client, f"{ACTIONS_URL}?kind=letter")
    assert set(rows) == {"Write to Daniyar"}


# --- who sees them ----------------------------------------------------------------------------


def test_menu_items_for_page_editors_only(client, editor, db):
    client.force_login(editor)
    html = client.get(DASHBOARD_URL).content.decode()
    assert f'"url": "{CASES_URL}"' in html and f'"url": "{ACTIONS_URL}"' in html

    supporter_data = StaffFactory(username="reader", permissions=["campaigns.view_follow"])
    client.force_login(supporter_data)
    html = client.get(DASHBOARD_URL).content.decode()
    assert f'"url": "{CASES_URL}"' not in html and f'"url": "{ACTIONS_URL}"' not in html
    response = client.get(CASES_URL)
    assert response.status_code == 302 and response["Location"] == DASHBOARD_URL


# --- queries ----------------------------------------------------------------------------------


def count_queries(client, url, expected_title):
    client.get(url)  # warm Wagtail's caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert expected_title in response.content.decode()
    return queries


@pytest.mark.parametrize("where", ["menu", "explorer"])
def test_case_listing_queries_do_not_grow_with_cases(client, editor, cases, campaign, where):
    url = CASES_URL if where == "menu" else explore_url(cases)
    client.force_login(editor)
    for n in range(5):
        CasePageFactory(parent=cases, person_name=f"Few {n}", related_campaign=campaign)
    few = count_queries(client, url, "Few 4")
    for n in range(45):
        CasePageFactory(
            parent=cases,
            person_name=f"Many {n:02d}",
            related_campaign=campaign if n % 2 else None,
            last_verified=TODAY - datetime.timedelta(days=n * 10),
        )
    many = count_queries(client, url, "Many 44")
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


@pytest.mark.parametrize("where", ["menu", "explorer"])
def test_action_listing_queries_do_not_grow_with_actions(client, editor, actions, where):
    url = ACTIONS_URL if where == "menu" else explore_url(actions)
    client.force_login(editor)
    for n in range(5):
        ActionTally.add(ActionPageFactory(parent=actions, title=f"Few {n}").pk, "signatures", n)
    few = count_queries(client, url, "Few 4")
    for n in range(45):
        action = ActionPageFactory(
            parent=actions,
            title=f"Many {n:02d}",
            kind=ActionKind.LETTER if n % 2 else ActionKind.PETITION,
            letter_template="Dear friend",
            goal=100 if n % 3 else None,
        )
        if n % 5:
            ActionTally.add(action.pk, "letters", n)
    many = count_queries(client, url, "Many 44")
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
