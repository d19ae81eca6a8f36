"""The case page's stable parts kept as fragments (campaigns.cases.fragments): a publish
shows at once, a private case never reaches the shared cache."""

import datetime

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from .factories import CaseIndexPageFactory, CasePageFactory, add_updates


def fragment_keys():
    return [key for key in cache._cache if "page-part" in key]


def test_a_published_update_shows_at_once(client, home_page):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page))
    add_updates(case, 1)
    client.get(case.url)
    assert fragment_keys()  # the parts are kept...
    add_updates(case, 1, start=datetime.date(2024, 5, 1))
    case.refresh_from_db()
    case.save_revision().publish()
    # ...under the revision: the new update is drawn at once.
    assert "1 May 2024" in client.get(case.url).content.decode()


def test_a_private_case_is_drawn_without_the_fragment_cache(admin_client, home_page):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page))
    PageViewRestriction.objects.create(page=case, restriction_type="login")
    cache.clear()
    assert admin_client.get(case.url).status_code == 200
    assert fragment_keys() == []


# --- the case index: one fragment per filter set -------------------------------------


def test_each_filter_set_is_drawn_from_its_own_data(client, home_page):
    index = CaseIndexPageFactory(parent=home_page)
    CasePageFactory(parent=index, person_name="Held H", status="imprisoned")
    CasePageFactory(parent=index, person_name="Freed F", status="released")
    held = client.get("/cases/?status=imprisoned").content.decode()
    freed = client.get("/cases/?status=released").content.decode()
    assert "Held H" in held and "Freed F" not in held
    assert "Freed F" in freed and "Held H" not in freed
    # Parameters the list does not read share the fragment of the address without them.
    kept = len(fragment_keys())
    client.get("/cases/?status=released&utm_source=newsletter")
    assert len(fragment_keys()) == kept


def test_a_published_case_is_listed_at_once(client, home_page):
    index = CaseIndexPageFactory(parent=home_page)
    CasePageFactory(parent=index, person_name="First F")
    assert "Second S" not in client.get("/cases/").content.decode()
    CasePageFactory(parent=index, person_name="Second S").save_revision().publish()
    assert "Second S" in client.get("/cases/").content.decode()


def test_search_words_are_kept_nowhere(client, home_page):
    index = CaseIndexPageFactory(parent=home_page)
    CasePageFactory(parent=index, person_name="Searched Person")
    response = client.get("/cases/?q=Searched+zqxwords")
    assert "zqxwords" in response.content.decode()
    assert not any(b"zqxwords" in value for value in cache._cache.values())


def test_a_very_long_filter_value_is_drawn_afresh(client, home_page):
    CaseIndexPageFactory(parent=home_page)
    cache.clear()
    assert client.get("/cases/?status=" + "x" * 500).status_code == 200
    assert fragment_keys() == []


def test_the_actions_about_a_case_are_kept_and_their_counts_are_live(client, home_page):
    """Which actions a case page shows, and what they say, is kept beside its fragments;
    their counts are read on every request."""
    from campaigns.models import ActionPage, ActionTally

    from ..actions.factories import ActionIndexPageFactory, ActionPageFactory

    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page))
    act = ActionIndexPageFactory(parent=home_page)
    older = ActionPageFactory(parent=act, title="Older petition", slug="older")
    newer = ActionPageFactory(parent=act, title="Newer petition", slug="newer")
    for action in (older, newer):
        action.related_cases.set([case])
        action.save_revision().publish()
    html = client.get(case.url).content.decode()
    assert html.index("Newer petition") < html.index("Older petition")

    ActionTally.add(older.pk, "signatures", 7)
    # Renamed where no signal sees it: the kept action is shown as it was, its count live.
    ActionPage.objects.filter(pk=older.pk).update(title="Renamed petition")
    html = client.get(case.url).content.decode()
    assert "Renamed petition" not in html and "<strong>7</strong> confirmed signatures" in html
    # A publish reads them afresh.
    ActionPage.objects.get(pk=older.pk).save_revision().publish()
    html = client.get(case.url).content.decode()
    assert "Renamed petition" in html and "<strong>7</strong> confirmed signatures" in html
