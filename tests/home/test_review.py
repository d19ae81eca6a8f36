"""A page under a review workflow goes live only through its approvals (home/review.py).

Every admin route that can publish is tried as an Editor, who holds Wagtail's "publish"
permission: each must leave the page as it was. Only the workflow's final approval publishes;
a superuser's direct publish is allowed and written into the page's history.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from campaigns.access.roles import EDITORS
from campaigns.models import ActionPage, BlogPostPage, CampaignPage, CasePage
from home.models import StandardPage
from home.review import PUBLISHED_WITHOUT_REVIEW

from ..access.factories import UserFactory
from ..admin_steps import approve, edit_url
from ..cases.factories import case_form
from ..landing.factories import CampaignPageFactory
from .factories import StandardPageFactory

PUBLISH = {"action-publish": "publish"}


@pytest.fixture
def editor(client, site):
    user = UserFactory(username="editor", role=EDITORS)
    client.force_login(user)
    return user


def live_title(page):
    return Page.objects.get(pk=page.pk).specific.title


def submit(client, page, form):
    client.post(edit_url(page), {**form, "action-submit": "submit"})
    return Page.objects.get(pk=page.pk)


# --- every route is closed to an Editor ----------------------------------------------------


def test_the_edit_views_publish_saves_a_draft_only(client, site, editor):
    response = client.post(edit_url(site.case), case_form("Changed", "aigerim-a", **PUBLISH))
    assert response.status_code == 302
    assert live_title(site.case) == "Aigerim A"
    draft = CasePage.objects.get(pk=site.case.pk).get_latest_revision_as_object()
    assert draft.title == "Changed"  # nothing the editor typed is lost


def test_an_editor_sees_no_publish_button_but_can_submit_and_unpublish(client, site, editor):
    page = client.get(edit_url(site.case)).content.decode()
    assert 'name="action-publish"' not in page
    assert 'name="action-submit"' in page
    assert reverse("wagtailadmin_pages:unpublish", args=(site.case.pk,)) in page


def test_on_a_page_in_review_an_editor_sees_approve_and_not_publish(client, site, editor):
    submit(client, site.case, case_form("In review", "aigerim-a"))
    page = client.get(edit_url(site.case)).content.decode()
    assert 'name="action-publish"' not in page
    assert 'data-workflow-action-name="approve"' in page


def test_create_and_publish_creates_a_draft(client, site, editor):
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "casepage", site.cases.pk))
    client.post(url, case_form("Bolat B", "bolat-b", **PUBLISH))
    case = CasePage.objects.get(slug="bolat-b")
    assert not case.live


def test_bulk_publish_refuses(client, site, editor):
    client.post(edit_url(site.case), case_form("Changed in bulk", "aigerim-a"))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={site.case.pk}&next=/admin/", {})
    assert response.status_code in (200, 302, 403)
    assert live_title(site.case) == "Aigerim A"


def test_reverting_a_revision_and_publishing_it_saves_a_draft_only(client, site, editor):
    old = site.case.save_revision()
    client.post(edit_url(site.case), case_form("Newer draft", "aigerim-a"))
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(site.case.pk, old.pk))
    assert client.get(revert_url).status_code == 200
    client.post(edit_url(site.case), {**case_form("Reverted", "aigerim-a", **PUBLISH)})
    assert live_title(site.case) == "Aigerim A"


def test_scheduling_a_go_live_is_refused_and_publish_scheduled_publishes_nothing(
    client, site, editor
):
    soon = (timezone.now() + timezone.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    client.post(
        edit_url(site.case), {**case_form("Scheduled", "aigerim-a", **PUBLISH), "go_live_at": soon}
    )
    assert not Revision.page_revisions.filter(
        object_id=str(site.case.pk), approved_go_live_at__isnull=False
    ).exists()
    Revision.page_revisions.filter(object_id=str(site.case.pk)).update(approved_go_live_at=None)
    call_command("publish_scheduled", verbosity=0)
    assert live_title(site.case) == "Aigerim A"


def test_copying_with_publish_copies_leaves_the_copy_unpublished(client, site, editor):
    url = reverse("wagtailadmin_pages:copy", args=(site.case.pk,))
    client.post(
        url,
        {
            "new_title": "Copied",
            "new_slug": "copied",
            "new_parent_page": site.cases.pk,
            "publish_copies": "on",
        },
    )
    copy = CasePage.objects.filter(slug="copied").first()
    assert copy is None or not copy.live


def test_the_admin_api_publish_action_refuses(client, site, editor):
    client.post(edit_url(site.case), case_form("Via the API", "aigerim-a"))
    response = client.post(f"/admin/api/main/pages/{site.case.pk}/action/publish/")
    assert response.status_code in (400, 403)
    assert live_title(site.case) == "Aigerim A"


def test_the_page_api_of_the_model_refuses_too(site):
    editor = UserFactory(username="editor", role=EDITORS)
    revision = site.case.save_revision(user=editor)
    with pytest.raises(PermissionDenied):
        revision.publish(user=editor)
    assert live_title(site.case) == "Aigerim A"


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("standard", lambda home: StandardPageFactory(parent=home, title="About", slug="about")),
        ("campaign", lambda home: CampaignPageFactory(parent=home, title="KZ", slug="kz")),
        ("action", lambda home: ActionPage.objects.first()),
    ],
)
def test_one_step_pages_are_closed_too_and_the_editors_approval_publishes(
    client, site, editor, kind, make
):
    page = make(site.home)
    page.title = "Reworded"
    revision = page.save_revision(user=editor)
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{bulk}?id={page.pk}&next=/admin/")
    with pytest.raises(PermissionDenied):
        revision.publish(user=editor)
    assert live_title(page) != "Reworded"
    # Submitted, the one-step review's approval by an Editor publishes the latest draft.
    page = Page.objects.get(pk=page.pk).specific
    assert page.get_workflow().name == "Moderators approval"
    page.get_workflow().start(page, editor)
    approve(client, page)
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.title == "Reworded"
    assert type(page) in (StandardPage, CampaignPage, ActionPage)


# --- the workflow publishes, and a superuser's bypass is recorded --------------------------


def test_after_both_approvals_the_changes_are_live_and_no_bypass_is_logged(client, site, editor):
    submit(client, site.case, case_form("Reviewed", "aigerim-a"))
    approve(client, site.case)
    assert live_title(site.case) == "Aigerim A"
    approve(client, site.case)
    assert live_title(site.case) == "Reviewed"
    assert not PageLogEntry.objects.filter(action=PUBLISHED_WITHOUT_REVIEW).exists()
    published = PageLogEntry.objects.filter(page=site.case, action="wagtail.publish").latest("pk")
    assert published.user == editor


def test_a_superusers_direct_publish_goes_through_and_is_in_the_history(client, site):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(boss)
    client.post(edit_url(site.case), case_form("Urgent", "aigerim-a", **PUBLISH))
    assert live_title(site.case) == "Urgent"
    entry = PageLogEntry.objects.get(page=site.case, action=PUBLISHED_WITHOUT_REVIEW)
    assert entry.user == boss
    history = client.get(reverse("wagtailadmin_pages:history", args=(site.case.pk,)))
    assert "Published without review" in history.content.decode()


def test_a_post_is_closed_to_editors_too(client, site, editor):
    post = BlogPostPage.objects.get()
    post.title = "Unreviewed"
    post.save_revision(user=editor)
    client.post(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={post.pk}"
    )
    assert BlogPostPage.objects.get(pk=post.pk).title != "Unreviewed"
