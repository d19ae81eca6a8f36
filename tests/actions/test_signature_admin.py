"""Petition signatures in the Wagtail admin: who may list, export and delete; the CSV; counts."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from campaigns.actions.admin import EXPORT_ACTION, open_petition_counts
from campaigns.actions.models import ActionTally, Signature
from campaigns.actions.signatures import delete_signature
from campaigns.models import ActionKind

from ..access.factories import StaffFactory
from .factories import ActionPageFactory, SignatureFactory, add_signatures

LIST_URL = reverse("signatures:index")
DASHBOARD_URL = reverse("wagtailadmin_home")
LOGIN_URL = reverse("wagtailadmin_login")
NOW = timezone.now()


def export_url(action):
    return reverse("signatures:export", args=(action.pk,))


def delete_url(signature):
    return reverse("signatures:delete", args=(signature.pk,))


def tally(action):
    return ActionTally.objects.get(pk=action.pk).signatures


@pytest.fixture
def petition(actions):
    return ActionPageFactory(parent=actions, title="Free Aigerim", slug="free-aigerim", goal=500)


@pytest.fixture
def other_petition(actions):
    return ActionPageFactory(parent=actions, title="Free Daniyar", slug="free-daniyar")


@pytest.fixture
def admin_only(db):
    return StaffFactory(username="editor")


@pytest.fixture
def viewer(db):
    return StaffFactory(username="viewer", permissions=["campaigns.view_signature"])


@pytest.fixture
def exporter(db):
    return StaffFactory(
        username="exporter", permissions=["campaigns.view_signature", "campaigns.export_signature"]
    )


@pytest.fixture
def deleter(db):
    return StaffFactory(
        username="deleter", permissions=["campaigns.view_signature", "campaigns.delete_signature"]
    )


def read_csv(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# --- who may do what ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, petition):
    for url in (LIST_URL, export_url(petition)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN_URL)


def test_admin_access_alone_shows_no_signatures(client, petition, admin_only):
    add_signatures(petition, 1)
    client.force_login(admin_only)
    for url in (LIST_URL, export_url(petition)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == DASHBOARD_URL  # Wagtail's "permission denied"
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()
    dashboard = client.get(DASHBOARD_URL)
    assert f'href="{LIST_URL}"' not in dashboard.content.decode()
    assert "Signer 0" not in dashboard.content.decode()


def test_view_permission_lists_signatures_but_cannot_export(client, petition, viewer):
    add_signatures(petition, 1, show_name=True)
    client.force_login(viewer)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Signer 0", "signer0-", "Kazakhstan", "Free Aigerim"):
        assert text in html
    assert (
        export_url(petition) not in client.get(LIST_URL, {"action": petition.pk}).content.decode()
    )
    response = client.get(export_url(petition))
    assert response.status_code == 302 and response["Location"] == DASHBOARD_URL
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()
    # Nothing to add, edit or delete.
    assert delete_url(Signature.objects.get()) not in html
    assert "/signatures/new/" not in html


def test_export_permission_offers_the_csv_of_the_chosen_petition(client, petition, exporter):
    add_signatures(petition, 1)
    client.force_login(exporter)
    assert export_url(petition) not in client.get(LIST_URL).content.decode()
    html = client.get(LIST_URL, {"action": petition.pk}).content.decode()
    assert export_url(petition) in html
    response = client.get(export_url(petition))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_wagtails_own_listing_export_is_switched_off(client, petition, exporter):
    add_signatures(petition, 2, confirmed=False)
    client.force_login(exporter)
    response = client.get(LIST_URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_a_letter_or_unknown_page_has_no_export(client, actions, exporter):
    letter = ActionPageFactory(parent=actions, kind=ActionKind.LETTER, letter_template="Dear")
    client.force_login(exporter)
    assert client.get(export_url(letter)).status_code == 404
    assert client.get(reverse("signatures:export", args=(999999,))).status_code == 404


def test_signatures_cannot_be_added_or_edited_in_the_admin(client, petition, exporter):
    from django.urls import NoReverseMatch

    for name in ("signatures:add", "signatures:edit", "signatures:copy"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=(1,) if name != "signatures:add" else ())


# --- the listing --------------------------------------------------------------------------


def test_filters_by_petition_and_confirmation_and_searches(client, petition, other_petition):
    add_signatures(petition, 2)
    add_signatures(petition, 1, confirmed=False, start=2)
    add_signatures(other_petition, 1, start=3)
    client.force_login(StaffFactory(username="viewer", permissions=["campaigns.view_signature"]))

    def names(**params):
        response = client.get(LIST_URL, params)
        assert response.status_code == 200
        return {
            name
            for name in ("Signer 0", "Signer 1", "Signer 2", "Signer 3")
            if name in response.content.decode()
        }

    assert names() == {"Signer 0", "Signer 1", "Signer 2", "Signer 3"}
    assert names(action=petition.pk) == {"Signer 0", "Signer 1", "Signer 2"}
    assert names(action=petition.pk, confirmed="yes") == {"Signer 0", "Signer 1"}
    assert names(confirmed="no") == {"Signer 2"}
    assert names(q="signer3-") == {"Signer 3"}
    assert names(q="signer 1") == {"Signer 1"}


def test_the_petition_filter_offers_petitions_only(client, actions, petition, viewer):
    ActionPageFactory(
        parent=actions, kind=ActionKind.LETTER, title="Write to Aigerim", letter_template="Dear"
    )
    client.force_login(viewer)
    html = client.get(LIST_URL).content.decode()
    assert "Free Aigerim" in html
    assert "Write to Aigerim" not in html


def test_listing_is_paginated(client, petition, viewer):
    add_signatures(petition, 51)
    client.force_login(viewer)
    response = client.get(LIST_URL)
    assert "Page 1 of 2" in response.content.decode()


def test_listing_queries_do_not_grow_with_the_number_of_signatures(client, petition, viewer):
    add_signatures(petition, 5)
    client.force_login(viewer)
    client.get(LIST_URL)  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL, {"action": petition.pk}).status_code == 200
    add_signatures(petition, 45, start=5)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST_URL, {"action": petition.pk})
    assert "Signer 49" in response.content.decode()
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


# --- the export ---------------------------------------------------------------------------


def test_csv_holds_the_confirmed_signatures_of_that_petition_only(
    client, petition, other_petition, exporter
):
    (first,) = add_signatures(petition, 1, show_name=True, keep_informed=True)
    SignatureFactory(
        action=petition,
        email="=cmd@example.org",
        name='=HYPERLINK("http://evil.example")',
        country="",
        confirmed_at=NOW,
    )
    SignatureFactory(
        action=petition,
        email="ardak@example.kz",
        name="Ардақ Әлиқызы",
        country="KZ",
        confirmed_at=NOW + datetime.timedelta(seconds=1),
    )
    add_signatures(petition, 1, confirmed=False, start=1)
    add_signatures(other_petition, 1, start=2)
    client.force_login(exporter)
    response = client.get(export_url(petition))
    rows = read_csv(response)
    assert list(rows[0]) == [
        "name",
        "email",
        "country_code",
        "country_name",
        "show_name",
        "keep_informed",
        "signed_at",
        "confirmed_at",
    ]
    assert [row["email"] for row in rows] == [
        first.email,
        "'=cmd@example.org",
        "ardak@example.kz",
    ]
    assert rows[0] == {
        "name": "Signer 0",
        "email": first.email,
        "country_code": "KZ",
        "country_name": "Kazakhstan",
        "show_name": "true",
        "keep_informed": "true",
        "signed_at": first.created_at.isoformat(timespec="seconds"),
        "confirmed_at": first.confirmed_at.isoformat(timespec="seconds"),
    }
    assert datetime.datetime.fromisoformat(rows[0]["confirmed_at"]).tzinfo is not None
    assert rows[1]["name"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1]["country_code"] == rows[1]["country_name"] == ""
    assert rows[1]["show_name"] == rows[1]["keep_informed"] == "false"
    assert rows[2]["name"] == "Ардақ Әлиқызы"


def test_csv_is_a_never_cached_streamed_attachment_named_after_the_petition(
    client, petition, exporter
):
    add_signatures(petition, 3)
    client.force_login(exporter)
    response = client.get(export_url(petition))
    assert response.streaming
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="signatures-free-aigerim-{today}.csv"'
    )
    assert len(read_csv(response)) == 3


def test_csv_rows_come_from_the_database_in_chunks(client, petition, exporter, monkeypatch):
    """The rows are written as the database yields them, not gathered first."""
    import campaigns.actions.signatures

    monkeypatch.setattr(campaigns.actions.signatures, "EXPORT_CHUNK", 2)
    add_signatures(petition, 5)
    client.force_login(exporter)
    response = client.get(export_url(petition))
    lines = iter(response.streaming_content)
    assert next(lines) == "\ufeff".encode()
    assert next(lines).decode().startswith("name,email,")
    with CaptureQueriesContext(connection) as queries:
        first = next(lines)
    assert b"Signer" in first
    assert len(queries) == 1  # the first chunk only
    assert len(list(lines)) == 4


def test_every_export_is_in_the_petitions_history(client, petition, exporter, django_user_model):
    add_signatures(petition, 2)
    add_signatures(petition, 1, confirmed=False, start=2)
    client.force_login(exporter)
    b"".join(client.get(export_url(petition)).streaming_content)
    entry = PageLogEntry.objects.get(action=EXPORT_ACTION)
    assert entry.page_id == petition.pk
    assert entry.user == exporter
    assert entry.data == {"rows": 2}
    assert entry.message == "Exported 2 confirmed signatures"
    assert "signer" not in str(entry.data).lower() and "signer" not in entry.label.lower()
    # Whoever may see the petition's history sees that an export was made, and by whom.
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.org", "pw"))
    history = client.get(reverse("wagtailadmin_pages:history", args=(petition.pk,)))
    assert "Exported 2 confirmed signatures" in history.content.decode()


# --- deleting a signature -----------------------------------------------------------------


def test_deleting_a_confirmed_signature_takes_one_off_the_count(petition):
    first, second = add_signatures(petition, 2)
    assert delete_signature(first) is True
    assert tally(petition) == 1
    assert delete_signature(first) is False  # already gone: counted off once only
    assert tally(petition) == 1
    assert Signature.objects.get() == second


def test_deleting_an_unconfirmed_signature_leaves_the_count(petition):
    add_signatures(petition, 1)
    (pending,) = add_signatures(petition, 1, confirmed=False, start=1)
    assert delete_signature(pending) is True
    assert tally(petition) == 1


def test_the_count_never_goes_below_zero(petition):
    (signature,) = add_signatures(petition, 1)
    ActionTally.objects.filter(pk=petition.pk).update(signatures=0)
    assert delete_signature(signature) is True
    assert tally(petition) == 0


def test_deleting_without_a_tally_row_creates_none(petition):
    (signature,) = Signature.objects.bulk_create(
        [Signature(action=petition, email="a@b.c", name="A", confirmed_at=NOW)]
    )
    assert delete_signature(signature) is True
    assert not ActionTally.objects.filter(pk=petition.pk).exists()


def test_delete_in_the_admin_needs_the_delete_permission(client, petition, viewer, deleter):
    signature, _other = add_signatures(petition, 2)
    client.force_login(viewer)
    response = client.post(delete_url(signature))
    assert response["Location"] == DASHBOARD_URL
    assert tally(petition) == 2
    client.force_login(deleter)
    assert delete_url(signature) in client.get(LIST_URL).content.decode()
    assert client.get(delete_url(signature)).status_code == 200
    response = client.post(delete_url(signature))
    assert response.status_code == 302
    assert not Signature.objects.filter(pk=signature.pk).exists()
    assert tally(petition) == 1
    entry = PageLogEntry.objects.get(action="campaigns.delete_signature")
    assert entry.page_id == petition.pk and "Signer" not in str(entry.data)


# --- dashboard ----------------------------------------------------------------------------


def test_dashboard_shows_open_petition_counts_to_those_who_may_view(
    client, actions, petition, viewer, exporter, admin_only
):
    add_signatures(petition, 3)
    add_signatures(petition, 2, confirmed=False, start=3)
    old = add_signatures(petition, 1, confirmed=False, start=5)[0]
    Signature.objects.filter(pk=old.pk).update(created_at=NOW - datetime.timedelta(days=8))
    ActionPageFactory(
        parent=actions, title="Closed petition", deadline=NOW - datetime.timedelta(days=1)
    )
    client.force_login(viewer)
    html = client.get(DASHBOARD_URL).content.decode()
    assert "Open petitions" in html
    assert "Free Aigerim" in html
    assert "Closed petition" not in html
    assert f"{LIST_URL}?action={petition.pk}" in html
    assert export_url(petition) not in html
    rows = list(open_petition_counts(NOW - datetime.timedelta(days=7)))
    assert [(r["title"], r["confirmed"], r["goal"], r["recent_unconfirmed"]) for r in rows] == [
        ("Free Aigerim", 3, 500, 2)
    ]

    client.force_login(exporter)
    assert export_url(petition) in client.get(DASHBOARD_URL).content.decode()

    client.force_login(admin_only)
    assert "Open petitions" not in client.get(DASHBOARD_URL).content.decode()


def test_dashboard_queries_do_not_grow_with_petitions(client, actions, petition, viewer):
    add_signatures(petition, 2)
    client.force_login(viewer)
    client.get(DASHBOARD_URL)
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD_URL)
    for n in range(4):
        add_signatures(ActionPageFactory(parent=actions, title=f"More {n}"), 2, start=10 * n + 10)
    client.get(DASHBOARD_URL)  # warm again, as `few` was: new pages move what is cached
    with CaptureQueriesContext(connection) as many:
        html = client.get(DASHBOARD_URL).content.decode()
    assert "More 3" in html
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


def test_menu_item_only_for_those_who_may_view(client, admin_only, viewer):
    client.force_login(admin_only)
    assert f'"url": "{LIST_URL}"' not in client.get(DASHBOARD_URL).content.decode()
    client.force_login(viewer)
    assert LIST_URL in client.get(DASHBOARD_URL).content.decode()


def test_groups_can_be_given_view_export_and_delete_but_not_add_or_change(db):
    from campaigns.actions.admin import signature_viewset

    codenames = set(
        signature_viewset.get_permissions_to_register().values_list("codename", flat=True)
    )
    assert codenames == {"view_signature", "export_signature", "delete_signature"}
