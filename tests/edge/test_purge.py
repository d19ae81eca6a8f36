"""What the edge cache is told when content changes: the exact PURGEs and BANs a recording
HTTP server receives for a publish, an unpublish, a move, a post, a comment decision, a
snippet edit, a confirmed signature and a letter (how often counts purge: test_counts.py)."""

import pytest
from django.test import override_settings

from campaigns.actions.models import ActionKind
from campaigns.actions.signing import confirm, letter_sent
from campaigns.blog.comments import CommentStatus
from campaigns.cases.recognitions import Organisation

from ..actions.factories import (
    ActionIndexPageFactory,
    ActionPageFactory,
    SignatureFactory,
    add_signatures,
)
from ..blog.factories import BlogCommentFactory, BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory, OrganisationFactory
from ..home.factories import StandardPageFactory, translate
from ..landing.factories import CampaignPageFactory
from .recorder import Recorder

pytestmark = pytest.mark.django_db

LANGUAGES = ("", "/ru", "/kk")
# Listed by every language's site-wide pages and indexes, whatever was published.
SITE_WIDE = {
    f"{prefix}{path}"
    for prefix in LANGUAGES
    for path in (
        "/",
        "/hearings/",
        "/hearings.ics",
        "/corrections/",
        "/corrections/feed/",
        "/cases/",
        "/cases/feed/",
        "/cases/export.csv",
        "/cases/export.json",
        "/cases/export.csv.sig",
        "/cases/export.json.sig",
        "/blog/",
        "/blog/feed/",
        "/act/",
        "/kazakhstan/",
    )
} | {"/sitemap.xml"}
OPEN_DATA_BANS = {(f"{prefix}/open-data/", None) for prefix in LANGUAGES}


@pytest.fixture
def tree(home_page):
    """A campaign, a case in it (in three languages), a post about the case, a petition."""
    campaign = CampaignPageFactory(parent=home_page, title="Kazakhstan", slug="kazakhstan")
    cases = CaseIndexPageFactory(parent=home_page)
    case = CasePageFactory(
        parent=cases, title="Aigerim A", slug="aigerim-a", related_campaign=campaign
    )
    blog = BlogIndexPageFactory(parent=home_page)
    post = BlogPostPageFactory(parent=blog, title="About Aigerim", slug="about-aigerim")
    post.related_cases.set([case])
    post.save_revision().publish()
    action = ActionPageFactory(
        parent=ActionIndexPageFactory(parent=home_page, slug="act"), slug="free-them"
    )
    for page in (campaign, cases, blog, action.get_parent(), case):
        for code in ("ru", "kk"):
            translate(page.specific, code)
    return campaign, case, post, action


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def case_paths(prefix, slug):
    return {f"{prefix}/cases/{slug}/{path}" for path in ("", "feed/", "hearings.ics")}


def test_nothing_is_sent_without_a_cache(tree, django_capture_on_commit_callbacks):
    _campaign, case, _post, _action = tree
    with django_capture_on_commit_callbacks() as callbacks:
        case.save_revision().publish()
    assert not [c for c in callbacks if type(c).__name__ == "EdgeBatch"]


def test_publishing_a_case_purges_it_everywhere_it_shows(
    tree, recorder, django_capture_on_commit_callbacks
):
    _campaign, case, _post, _action = tree
    publish(case, django_capture_on_commit_callbacks)

    expected = (
        set().union(*(case_paths(prefix, "aigerim-a") for prefix in LANGUAGES))
        | SITE_WIDE
        | {"/blog/about-aigerim/"}  # the post lists the case
    )
    assert recorder.purged() == expected
    assert recorder.banned() == OPEN_DATA_BANS
    assert {host for _method, host, _path, _regex in recorder.requests} == {"localhost"}
    # Every URL once; the case's own addresses first, in every language, sent before the
    # search for the pages that show it (what the reader of the case waits for).
    purges = [r for r in recorder.requests if r[0] == "PURGE"]
    assert len(purges) == len(expected)
    own = set().union(*(case_paths(prefix, "aigerim-a") for prefix in LANGUAGES))
    assert {path for _method, _host, path, _regex in purges[: len(own)]} == own


def test_unpublishing_purges_the_same(tree, recorder, django_capture_on_commit_callbacks):
    _campaign, case, _post, _action = tree
    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish()
    assert case_paths("", "aigerim-a") <= recorder.purged()
    assert recorder.purged() >= SITE_WIDE


def test_moving_purges_the_old_address_and_what_was_under_it(
    tree, recorder, django_capture_on_commit_callbacks
):
    campaign, case, _post, _action = tree
    with django_capture_on_commit_callbacks(execute=True):
        case.move(campaign, pos="last-child")
    assert ("/cases/aigerim-a/", None) in recorder.banned()
    assert "/cases/aigerim-a/" in recorder.purged()
    assert {
        "/kazakhstan/aigerim-a/",
        "/kazakhstan/aigerim-a/feed/",
        "/kazakhstan/aigerim-a/hearings.ics",
    } <= recorder.purged()


def test_publishing_a_post_purges_the_cases_it_names(
    tree, recorder, django_capture_on_commit_callbacks
):
    _campaign, _case, post, _action = tree
    publish(post, django_capture_on_commit_callbacks)
    purged = recorder.purged()
    assert {"/blog/about-aigerim/", "/blog/", "/blog/feed/", "/"} <= purged
    assert {f"{prefix}/cases/aigerim-a/" for prefix in LANGUAGES} <= purged


def test_a_post_that_stops_naming_a_case_purges_that_case(
    tree, recorder, django_capture_on_commit_callbacks
):
    """The case listed the post until now: once the post no longer names it, the reference
    index and the links do not find it, but the case page must still be purged."""
    _campaign, case, post, _action = tree
    other = CasePageFactory(parent=case.get_parent(), title="Other", slug="other-case")
    recorder.clear()
    post.related_cases.set([other])
    publish(post, django_capture_on_commit_callbacks)
    purged = recorder.purged()
    assert {f"{prefix}/cases/aigerim-a/" for prefix in LANGUAGES} <= purged
    assert "/cases/other-case/" in purged


def test_a_draft_saved_on_a_live_page_sends_nothing(
    tree, recorder, django_capture_on_commit_callbacks
):
    _campaign, _case, post, _action = tree
    recorder.clear()
    post.related_cases.set([])
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision()
    assert recorder.purged() == set()


def test_approving_a_comment_purges_its_post_only(
    tree, recorder, django_capture_on_commit_callbacks
):
    _campaign, _case, post, _action = tree
    with django_capture_on_commit_callbacks(execute=True):
        comment = BlogCommentFactory(post=post)  # waiting: nothing to purge
    assert recorder.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        comment.moderate(CommentStatus.APPROVED, None)
    assert recorder.purged() == {"/blog/about-aigerim/"}
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment.delete()
    assert recorder.purged() == {"/blog/about-aigerim/"}


def test_renaming_an_organisation_bans_every_case_page(
    tree, recorder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory()
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=organisation.pk).first().save()
    assert {("/cases/", None), ("/ru/cases/", None), ("/kk/cases/", None)} <= recorder.banned()


def action_paths(prefix, slug):
    return {f"{prefix}/act/{slug}/", f"{prefix}/act/{slug}/thanks/"}


@pytest.fixture
def counted(tree, home_page):
    """The tree's petition in three languages, about the case and in the campaign, with a
    teaser on another page; the pages that show its count (not the blog's, nor the case
    index)."""
    campaign, case, _post, action = tree
    action.related_campaign = campaign
    action.save_revision().publish()
    action.related_cases.set([case])
    action.save_revision().publish()
    for code in ("ru", "kk"):
        translate(action, code)
    teaser = StandardPageFactory(parent=home_page, slug="why", body=[])
    teaser.body = [
        {
            "type": "action",
            "value": {"action": action.pk, "heading": "", "text": "", "button_label": ""},
        }
    ]
    teaser.save_revision().publish()
    shown_on = (
        set().union(*(action_paths(prefix, "free-them") for prefix in LANGUAGES))
        | set().union(*(case_paths(prefix, "aigerim-a") for prefix in LANGUAGES))
        | {f"{prefix}{path}" for prefix in LANGUAGES for path in ("/", "/act/", "/kazakhstan/")}
        | {"/why/"}
    )
    return action, shown_on


def test_a_confirmed_signature_purges_every_page_showing_the_count(
    counted, recorder, fresh_windows, django_capture_on_commit_callbacks
):
    action, shown_on = counted
    signature = SignatureFactory(action=action)
    with django_capture_on_commit_callbacks(execute=True):
        add_signatures(action, 3)  # written as a data import does: nothing counted here
    assert recorder.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        assert confirm(signature)
    assert recorder.purged() == shown_on
    assert recorder.banned() == set()


def test_a_letter_purges_every_page_showing_the_count(
    counted, recorder, fresh_windows, django_capture_on_commit_callbacks
):
    action, shown_on = counted
    action.kind, action.letter_template = ActionKind.LETTER, "Dear Sir,"
    action.save_revision().publish()
    recorder.clear()
    russian = action.get_translations().get(locale__language_code="ru").specific
    with django_capture_on_commit_callbacks(execute=True):
        letter_sent(russian)  # counted against the English page: one count everywhere
    assert recorder.purged() == shown_on


def test_a_cache_that_is_down_does_not_stop_a_publish(
    tree, django_capture_on_commit_callbacks, caplog
):
    _campaign, case, _post, _action = tree
    with Recorder() as recorder:
        down = recorder.settings()
    with override_settings(WAGTAILFRONTENDCACHE=down):
        publish(case, django_capture_on_commit_callbacks)
    assert case.live
    assert "Couldn't reach HTTP cache" in caplog.text
