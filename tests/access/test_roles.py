"""Roles in the admin: each group against each admin action, and the two-step review workflow.

The groups are the ones the data migration made (campaigns.access.roles defines them); every
action is a real request to the admin, judged by its effect (a page saved, a task approved, a
CSV sent), and a refused request must not leak the supporter data it would have shown.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import resolve, reverse
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)
from wagtail.permissions import policy_registry

from campaigns.access.roles import (
    CAMPAIGNERS,
    EDITORS,
    MODERATION_STEPS,
    MODERATION_WORKFLOW,
    ROLES,
    SUPPORTER_DATA,
    ensure_moderation_workflow,
)
from campaigns.access.submissions import FormsIndexView
from campaigns.models import (
    Author,
    BlogComment,
    CasePage,
    CommentStatus,
    Follow,
)
from home.models import StandardPage

from ..admin_steps import approve, edit_url
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, case_form
from ..home.factories import StandardPageFactory
from .factories import StaffFactory, UserFactory

ADMIN_ONLY = "admin access only"  # wagtailadmin.access_admin and nothing else
ROLE_COLUMNS = [CAMPAIGNERS, EDITORS, SUPPORTER_DATA, ADMIN_ONLY]
Y, N = True, False

# fmt: off
MATRIX = {
    #                          Campaigners  Editors  Supporter data  admin only
    "create a case":              (Y,         Y,       N,              N),
    "edit a case":                (Y,         Y,       N,              N),
    "publish a case":             (N,         N,       N,              N),
    "submit a case for review":   (Y,         Y,       N,              N),
    "approve a review step":      (N,         Y,       N,              N),
    "add an author":              (Y,         Y,       N,              N),
    "moderate a comment":         (N,         Y,       N,              N),
    "list the forms":             (N,         N,       Y,              N),
    "list form submissions":      (N,         N,       Y,              N),
    "export form submissions":    (N,         N,       Y,              N),
    "list signatures":            (N,         N,       Y,              N),
    "export signatures":          (N,         N,       Y,              N),
    "view followers":             (N,         N,       Y,              N),
    "list outgoing email":        (N,         N,       N,              N),
}
# fmt: on

SIGNER_NAME = "Signer 0"  # the `site` fixture's one signature
DASHBOARD_URL = reverse("wagtailadmin_home")


# --- the people (the site they work on is the `site` fixture of tests/conftest.py) ------


def make_user(role, username=None):
    """A user in the group the migration made for `role` (or with admin access only)."""
    username = username or role.lower().replace(" ", "-")
    if role == ADMIN_ONLY:
        return StaffFactory(username=username)
    return UserFactory(username=username, role=role)


# --- the actions: each returns whether it took effect --------------------------------------


def shown(client, url, secret, **params):
    """Whether the page at `url` opened and showed `secret`; if not, it must not leak it."""
    response = client.get(url, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    opened = response.status_code == 200 and secret in body.decode()
    if not opened:
        assert response.status_code in (302, 403, 404)
        assert secret not in body.decode()
    return opened


def create_a_case(client, site, user):
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "casepage", site.cases.pk))
    client.post(url, case_form("Bolat B", "bolat-b"))
    return CasePage.objects.filter(slug="bolat-b").exists()


def edit_a_case(client, site, user):
    client.post(edit_url(site.case), case_form("Aigerim A (edited)", "aigerim-a"))
    draft = CasePage.objects.get(pk=site.case.pk).get_latest_revision_as_object()
    return draft.title == "Aigerim A (edited)"


def publish_a_case(client, site, user):
    form = case_form("Aigerim A (published)", "aigerim-a", **{"action-publish": "publish"})
    client.post(edit_url(site.case), form)
    case = CasePage.objects.get(pk=site.case.pk)
    return case.live and case.title == "Aigerim A (published)"


def submit_a_case_for_review(client, site, user):
    form = case_form("Aigerim A", "aigerim-a", **{"action-submit": "submit"})
    client.post(edit_url(site.case), form)
    state = CasePage.objects.get(pk=site.case.pk).current_workflow_state
    return state is not None and state.workflow.name == MODERATION_WORKFLOW


def approve_a_review_step(client, site, user):
    writer = Client()
    writer.force_login(site.writer)
    assert submit_a_case_for_review(writer, site, site.writer)
    return approve(client, site.case).status == "approved"


def add_an_author(client, site, user):
    client.post(reverse("wagtailsnippets_campaigns_author:add"), {"name": "Ainur", "bio": ""})
    return Author.objects.filter(name="Ainur").exists()


def moderate_a_comment(client, site, user):
    url = reverse(
        "wagtailsnippets_campaigns_blogcomment:moderate", args=(site.comment.pk, "approve")
    )
    client.post(url)
    return BlogComment.objects.get(pk=site.comment.pk).status == CommentStatus.APPROVED


def list_the_forms(client, site, user):
    listed = shown(client, reverse("wagtailforms:index"), site.contact.title)
    # The Forms menu item, and the forms Wagtail offers, go by the same rule.
    assert get_forms_for_user(user).exists() is listed
    return listed


def list_form_submissions(client, site, user):
    url = reverse("wagtailforms:list_submissions", args=(site.contact.pk,))
    return shown(client, url, site.supporter_email)


def export_form_submissions(client, site, user):
    url = reverse("wagtailforms:list_submissions", args=(site.contact.pk,))
    return shown(client, url, site.supporter_email, export="csv")


def list_signatures(client, site, user):
    return shown(client, reverse("signatures:index"), SIGNER_NAME)


def export_signatures(client, site, user):
    return shown(client, reverse("signatures:export", args=(site.petition.pk,)), SIGNER_NAME)


def view_followers(client, site, user):
    listed = shown(client, reverse("followers:index"), site.supporter_email)
    # The permission the listing (and the dashboard) go by.
    assert policy_registry.get_by_type(Follow).user_has_permission(user, "view") is listed
    return listed


def list_outgoing_email(client, site, user):
    return shown(client, reverse("outgoing_email:index"), "Confirm")


ACTIONS = {
    "create a case": create_a_case,
    "edit a case": edit_a_case,
    "publish a case": publish_a_case,
    "submit a case for review": submit_a_case_for_review,
    "approve a review step": approve_a_review_step,
    "add an author": add_an_author,
    "moderate a comment": moderate_a_comment,
    "list the forms": list_the_forms,
    "list form submissions": list_form_submissions,
    "export form submissions": export_form_submissions,
    "list signatures": list_signatures,
    "export signatures": export_signatures,
    "view followers": view_followers,
    "list outgoing email": list_outgoing_email,
}


@pytest.mark.parametrize(
    ("action", "role", "allowed"),
    [
        pytest.param(action, role, row[column], id=f"{role}: {action}")
        for action, row in MATRIX.items()
        for column, role in enumerate(ROLE_COLUMNS)
    ],
)
def test_permission_matrix(client, site, action, role, allowed):
    user = make_user(role)
    client.force_login(user)
    assert ACTIONS[action](client, site, user) is allowed


def test_every_action_in_the_matrix_is_tried():
    assert set(MATRIX) == set(ACTIONS)


# --- what the migration made ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_migration_made_each_group_with_its_permissions(db, role):
    group = Group.objects.get(name=role)
    spec = ROLES[role]
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert set(spec["permissions"]) <= held
    root_page = Page.get_first_root_node()
    page_permissions = {
        gpp.permission.codename.removesuffix("_page")
        for gpp in GroupPagePermission.objects.filter(group=group, page=root_page)
    }
    assert page_permissions == set(spec["page_permissions"])
    collection_permissions = {
        f"{gcp.permission.content_type.app_label}.{gcp.permission.codename}"
        for gcp in GroupCollectionPermission.objects.filter(group=group, collection__depth=1)
    }
    assert collection_permissions == set(spec["collection_permissions"])


def test_there_is_one_editors_group_and_campaigners_hold_nothing_of_supporters(db):
    assert Group.objects.filter(name=EDITORS).count() == 1
    for role in (CAMPAIGNERS, EDITORS):
        held = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        for codename in (
            "view_formsubmission",
            "view_signature",
            "export_signature",
            "view_follow",
            "view_outboundemail",
        ):
            assert codename not in held


def test_the_migration_made_the_two_step_workflow_approved_by_editors(db):
    workflow = Workflow.objects.get(name=MODERATION_WORKFLOW)
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [name for name, _ in MODERATION_STEPS]
    for task in tasks:
        assert set(task.groups.values_list("name", flat=True)) == {EDITORS}


def test_other_pages_keep_wagtails_one_step_review_which_editors_approve(site):
    page = StandardPageFactory(parent=site.home, title="About", slug="about")
    workflow = StandardPage.objects.get(pk=page.pk).get_workflow()
    assert workflow.name == "Moderators approval"
    (task,) = [task.specific for task in workflow.tasks]
    assert EDITORS in set(task.groups.values_list("name", flat=True))


# --- the review workflow -------------------------------------------------------------------


def test_a_case_goes_live_only_after_both_review_steps(client, site):
    editor = make_user(EDITORS, "editor")
    client.force_login(site.writer)
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "casepage", site.cases.pk))
    client.post(url, case_form("Bolat B", "bolat-b", **{"action-submit": "submit"}))
    case = CasePage.objects.get(slug="bolat-b")
    assert case.get_workflow().name == MODERATION_WORKFLOW
    assert case.workflow_in_progress
    assert not case.live
    assert client.get(f"/cases/{case.slug}/").status_code == 404

    # The campaigner cannot approve their own case.
    assert approve(client, case).status == "in_progress"

    client.force_login(editor)
    first = approve(client, case)
    assert (first.task.name, first.status) == (MODERATION_STEPS[0][0], "approved")
    case.refresh_from_db()
    assert not case.live
    assert case.current_workflow_task.name == MODERATION_STEPS[1][0]

    second = approve(client, case)
    assert (second.task.name, second.status) == (MODERATION_STEPS[1][0], "approved")
    case.refresh_from_db()
    assert case.live and not case.workflow_in_progress
    client.logout()
    assert client.get(f"/cases/{case.slug}/").status_code == 200


def test_a_post_is_reviewed_by_the_same_workflow(site):
    blog = BlogIndexPageFactory(parent=site.home, title="News", slug="news")
    post = BlogPostPageFactory(parent=blog)
    assert post.get_workflow().name == MODERATION_WORKFLOW


# --- the workflow for new indexes ----------------------------------------------------------


@pytest.mark.parametrize("factory", [CaseIndexPageFactory, BlogIndexPageFactory])
def test_a_new_case_or_blog_index_gets_the_workflow(home_page, factory):
    index = factory(parent=home_page)
    assert WorkflowPage.objects.get(page_id=index.pk).workflow.name == MODERATION_WORKFLOW


def test_an_index_that_has_a_workflow_keeps_it(home_page):
    other = Workflow.objects.create(name="Legal review")
    index = CaseIndexPageFactory(parent=home_page)
    WorkflowPage.objects.filter(page_id=index.pk).update(workflow=other)
    assert ensure_moderation_workflow(index) is None
    assert WorkflowPage.objects.get(page_id=index.pk).workflow == other


def test_a_switched_off_workflow_is_not_assigned(home_page):
    Workflow.objects.filter(name=MODERATION_WORKFLOW).update(active=False)
    index = CaseIndexPageFactory(parent=home_page)
    assert not WorkflowPage.objects.filter(page_id=index.pk).exists()


# --- form submissions: one permission opens them ---------------------------------------------


def test_the_forms_listing_is_this_sites_view(db):
    assert resolve(reverse("wagtailforms:index")).func.view_class is FormsIndexView
    assert resolve(reverse("wagtailforms:index_results")).func.view_class is FormsIndexView


def test_the_forms_menu_item_is_shown_only_to_supporter_data(client, site):
    forms_url = reverse("wagtailforms:index")
    for role, expected in ((SUPPORTER_DATA, True), (EDITORS, False), (CAMPAIGNERS, False)):
        client.force_login(make_user(role))
        html = client.get(DASHBOARD_URL).content.decode()
        assert (f'"{forms_url}"' in html) is expected, role


def test_supporter_data_exports_submissions_without_any_page_rights(client, site):
    user = make_user(SUPPORTER_DATA)
    assert not GroupPagePermission.objects.filter(group__user=user).exists()
    client.force_login(user)
    url = reverse("wagtailforms:list_submissions", args=(site.contact.pk,))
    response = client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert site.supporter_email in rows[1]
    # ... and cannot open the contact page's editor.
    assert client.get(edit_url(site.contact)).status_code == 302
