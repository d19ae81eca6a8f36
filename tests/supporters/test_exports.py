"""One export of supporters' data: signatures and followers leave the site the same way."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from campaigns.actions.admin import EXPORT_ACTION as SIGNATURES_EXPORTED
from campaigns.follows.admin import EXPORT_ACTION as FOLLOWERS_EXPORTED
from campaigns.models import ActionTally
from campaigns.supporters.exports import export_response

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory, SignatureFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..follows.factories import FollowFactory

MOMENT = datetime.datetime(2025, 3, 8, 9, 30, 15, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def case(home_page):
    return CasePageFactory(
        parent=CaseIndexPageFactory(parent=home_page),
        title="Айгерим Садыкова",
        slug="aigerim",
    )


def read(response):
    chunks = [chunk.decode() for chunk in response.streaming_content]
    assert chunks[0] == "\ufeff", "a byte order mark first, alone"
    return list(csv.reader(io.StringIO("".join(chunks[1:]))))


def test_the_export_writes_safe_cells_under_the_header_and_logs_the_count(case, admin):
    response = export_response(
        case,
        what="followers",
        log_action=FOLLOWERS_EXPORTED,
        user=admin,
        header=["Email", "Since"],
        rows=iter([["=cmd@example.org", MOMENT], ["ана@почта.kz", None], [True, False]]),
        count=3,
    )
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="followers-aigerim-{today}.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    assert read(response) == [
        ["Email", "Since"],
        ["'=cmd@example.org", "2025-03-08T09:30:15+00:00"],
        ["ана@почта.kz", ""],
        ["true", "false"],
    ]
    entry = PageLogEntry.objects.get(action=FOLLOWERS_EXPORTED)
    assert (entry.page_id, entry.user, entry.data) == (case.pk, admin, {"rows": 3})


# --- both supporter exports go through it ---------------------------------------------------


def signatures_export(home_page, case):
    petition = ActionPageFactory(parent=ActionIndexPageFactory(parent=home_page), slug="free")
    SignatureFactory(action=petition, email="=cmd@example.org", name="Ардақ", confirmed_at=MOMENT)
    ActionTally.add(petition.pk, "signatures")
    url = reverse("signatures:export", args=(petition.pk,))
    return url, petition, SIGNATURES_EXPORTED, "signatures"


def followers_export(home_page, case):
    FollowFactory(case=case, email="=cmd@example.org", confirmed_at=MOMENT)
    url = f"{reverse('followers:index')}?case={case.pk}&export=csv"
    return url, case, FOLLOWERS_EXPORTED, "followers"


@pytest.mark.parametrize("make_export", [signatures_export, followers_export])
def test_signatures_and_followers_are_exported_the_same_way(
    client, home_page, case, admin, make_export
):
    url, page, log_action, what = make_export(home_page, case)
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="{what}-{page.slug}-{today}.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    header, *rows = read(response)
    (row,) = rows
    assert "'=cmd@example.org" in row
    assert "2025-03-08T09:30:15+00:00" in row
    entry = PageLogEntry.objects.get(action=log_action)
    assert (entry.page_id, entry.user, entry.data) == (page.pk, admin, {"rows": 1})
