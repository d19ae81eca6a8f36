"""`manage.py purge_supporter_data`: old supporter data goes, recent data and content stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from campaigns.models import (
    ActionTally,
    BlogComment,
    CommentStatus,
    Follow,
    OutboundEmail,
    Signature,
)
from campaigns.outbox.models import EmailStatus

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory, SignatureFactory
from ..blog.factories import BlogCommentFactory, BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..contact.factories import ContactPageFactory
from ..outbox.factories import OutboundEmailFactory

OLD = timezone.now() - datetime.timedelta(days=400)


@pytest.fixture
def data(home_page):
    contact = ContactPageFactory(parent=home_page)
    old_message = FormSubmission.objects.create(page=contact, form_data={"email": "a@b.c"})
    FormSubmission.objects.filter(pk=old_message.pk).update(submit_time=OLD)
    FormSubmission.objects.create(page=contact, form_data={"email": "new@b.c"})
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home_page))
    for status in CommentStatus.values:
        BlogCommentFactory(
            post=post,
            author_name="Old",
            body="x",
            status=status,
            email="old@example.org",
            created_at=OLD,
        )
    BlogCommentFactory(
        post=post, author_name="New", body="y", email="new@example.org", status=CommentStatus.SPAM
    )
    for status in EmailStatus.values:
        OutboundEmailFactory(
            to=["x@y.z"], subject="s", body_text="b", status=status, created_at=OLD
        )
    OutboundEmailFactory(to=["x@y.z"], subject="new", body_text="b", status=EmailStatus.SENT)
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page))
    now = timezone.now()
    Follow.objects.bulk_create(
        [
            Follow(email="pending-old@example.org", case=case, created_at=OLD),
            Follow(email="pending-new@example.org", case=case, created_at=now),
            Follow(email="confirmed-old@example.org", case=case, created_at=OLD, confirmed_at=OLD),
            Follow(
                email="left-old@example.org",
                case=case,
                created_at=OLD,
                confirmed_at=OLD,
                unsubscribed_at=OLD,
            ),
        ]
    )


def run(*args):
    out = StringIO()
    call_command("purge_supporter_data", *args, stdout=out)
    return out.getvalue()


def test_removes_old_supporter_data_and_keeps_the_rest(data, settings):
    output = run("--older-than", "30")
    assert list(FormSubmission.objects.values_list("form_data", flat=True)) == [
        {"email": "new@b.c"}
    ]
    old = BlogComment.objects.filter(author_name="Old")
    # Published content stays; the addresses behind it go.
    assert set(old.values_list("status", flat=True)) == {"pending", "approved"}
    assert set(old.values_list("email", flat=True)) == {""}
    assert BlogComment.objects.get(author_name="New").email == "new@example.org"
    assert set(OutboundEmail.objects.values_list("subject", "status")) == {
        ("s", "queued"),
        ("new", "sent"),
    }
    assert set(Follow.objects.values_list("email", flat=True)) == {
        "pending-new@example.org",
        "confirmed-old@example.org",
    }
    assert output.strip().splitlines()[-1] == "9 records removed."


def test_dry_run_changes_nothing(data):
    before = (
        FormSubmission.objects.count(),
        BlogComment.objects.exclude(email="").count(),
        OutboundEmail.objects.count(),
    )
    output = run("--older-than", "30", "--dry-run")
    assert "would be removed (dry run)" in output
    assert (
        FormSubmission.objects.count(),
        BlogComment.objects.exclude(email="").count(),
        OutboundEmail.objects.count(),
    ) == before


def test_default_period_comes_from_the_setting(data, settings):
    settings.SUPPORTER_DATA_RETENTION_DAYS = 1000
    run()
    assert FormSubmission.objects.count() == 2


@pytest.mark.parametrize("days", ["0", "-5"])
def test_bad_periods_are_refused_in_one_line(db, days):
    with pytest.raises(CommandError, match="1 or more"):
        run("--older-than", days)


# --- petition signatures ------------------------------------------------------------------


@pytest.fixture
def petitions(home_page):
    """Signatures old and new, confirmed or not, of open and closed petitions."""
    now = timezone.now()
    index = ActionIndexPageFactory(parent=home_page)
    open_petition = ActionPageFactory(parent=index, slug="open")
    closed_long_ago = ActionPageFactory(parent=index, slug="closed-long-ago", deadline=OLD)
    closed_lately = ActionPageFactory(
        parent=index, slug="closed-lately", deadline=now - datetime.timedelta(days=10)
    )
    rows = {
        # (petition, email): confirmed?
        (open_petition, "old-confirmed"): True,
        (open_petition, "old-unconfirmed"): False,
        (closed_long_ago, "old-confirmed"): True,
        (closed_lately, "old-confirmed"): True,
        (closed_lately, "old-unconfirmed"): False,
    }
    Signature.objects.bulk_create(
        Signature(
            action=action,
            email=f"{email}@{action.slug}.example",
            name="Signer",
            created_at=OLD,
            confirmed_at=OLD if confirmed else None,
        )
        for (action, email), confirmed in rows.items()
    )
    SignatureFactory(action=open_petition, email="new-unconfirmed@open.example", name="N")
    for action in (open_petition, closed_long_ago, closed_lately):
        ActionTally.add(action.pk, "signatures", 1)
    return open_petition, closed_long_ago, closed_lately


def test_signatures_go_when_unconfirmed_or_when_their_petition_closed_long_ago(petitions):
    output = run("--older-than", "30")
    assert set(Signature.objects.values_list("email", flat=True)) == {
        # Open petition: its confirmed signatures are still to be delivered.
        "old-confirmed@open.example",
        # Unconfirmed, but recent: the signer may still confirm.
        "new-unconfirmed@open.example",
        # Closed within the period.
        "old-confirmed@closed-lately.example",
    }
    assert "       2  unconfirmed signatures" in output
    assert "       1  signatures of petitions closed before the period" in output
    # The public count stays: it is how many signed, not how many rows are kept.
    assert list(ActionTally.objects.values_list("signatures", flat=True)) == [1, 1, 1]


def test_dry_run_keeps_signatures(petitions):
    run("--older-than", "30", "--dry-run")
    assert Signature.objects.count() == 6
