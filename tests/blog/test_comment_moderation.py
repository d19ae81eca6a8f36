"""Moderating blog comments in the Wagtail admin: listing, decisions, permissions, dashboard."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.permissions import policy_registry

from campaigns.blog.moderation import BlogCommentViewSet, CommentPermissionPolicy
from campaigns.models import BlogComment, CommentStatus

from ..access.factories import StaffFactory
from ..home.factories import make_site
from .factories import BlogCommentFactory, BlogIndexPageFactory, BlogPostPageFactory

LIST_URL = reverse("wagtailsnippets_campaigns_blogcomment:list")
DASHBOARD_URL = reverse("wagtailadmin_home")


def moderate_url(comment, action):
    return reverse("wagtailsnippets_campaigns_blogcomment:moderate", args=(comment.pk, action))


def bulk_url(action, *comments, **params):
    url = reverse("wagtail_bulk_action", args=("campaigns", "blogcomment", action))
    query = "&".join(
        [f"id={comment.pk}" for comment in comments]
        + [f"{key}={value}" for key, value in params.items()]
    )
    return f"{url}?{query}"


def make_comments(post, count, status=CommentStatus.PENDING, start=0):
    return BlogComment.objects.bulk_create(
        BlogCommentFactory.build(
            post=post,
            author_name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"Comment number {n} about the trial.",
            status=status,
            link_count=n % 3,
        )
        for n in range(start, start + count)
    )


class CommentAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.blog = BlogIndexPageFactory(parent=cls.home)
        cls.post = BlogPostPageFactory(
            parent=cls.blog,
            title="Courts in Almaty",
            slug="courts-in-almaty",
            intro="What happened at the hearings.",
        )
        cls.moderator = StaffFactory(
            username="moderator",
            permissions=["campaigns.moderate_blogcomment", "campaigns.delete_blogcomment"],
        )
        # Staff who may read comments, and even hold Django's change permission, but not
        # decide on them.
        cls.campaigner = StaffFactory(
            username="campaigner",
            permissions=["campaigns.view_blogcomment", "campaigns.change_blogcomment"],
        )

    def refreshed(self, comment):
        return BlogComment.objects.get(pk=comment.pk)


class ListingTests(CommentAdminTestCase):
    def test_moderator_sees_comments_with_their_post_author_status_and_links(self):
        (comment,) = make_comments(self.post, 1)
        self.client.force_login(self.moderator)
        response = self.client.get(LIST_URL)
        self.assertEqual(response.status_code, 200)
        post_edit = reverse("wagtailadmin_pages:edit", args=(self.post.pk,))
        self.assertContains(response, f'<a href="{post_edit}">Courts in Almaty</a>', html=True)
        self.assertContains(response, "Reader 0")
        self.assertContains(response, "Comment number 0 about the trial.")
        self.assertContains(response, "Awaiting moderation")
        self.assertContains(response, moderate_url(comment, "approve"))
        self.assertContains(response, moderate_url(comment, "spam"))
        self.assertContains(response, "data-bulk-action-checkbox")
        self.assertContains(response, bulk_url("approve").rstrip("?"))
        self.assertNotContains(response, reverse("wagtailsnippets_campaigns_blogcomment:add"))

    def test_long_comments_are_shortened(self):
        BlogCommentFactory(post=self.post, author_name="A", body="word " * 200)
        self.client.force_login(self.moderator)
        response = self.client.get(LIST_URL)
        self.assertNotContains(response, "word " * 40)
        self.assertContains(response, "…")

    def test_queries_do_not_grow_with_the_number_of_comments(self):
        make_comments(self.post, 5)
        self.client.force_login(self.moderator)
        self.client.get(LIST_URL)  # warm per-process caches (content types, site)
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get(LIST_URL).status_code, 200)
        make_comments(self.post, 45, status=CommentStatus.APPROVED, start=5)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(LIST_URL)
        self.assertContains(response, "Reader 49")
        self.assertEqual(len(many), len(few), [q["sql"] for q in many.captured_queries])

    def test_awaiting_moderation_comes_first_then_newest(self):
        make_comments(self.post, 1, status=CommentStatus.PENDING, start=0)
        make_comments(self.post, 1, status=CommentStatus.APPROVED, start=1)
        make_comments(self.post, 1, status=CommentStatus.SPAM, start=2)
        self.client.force_login(self.moderator)
        content = self.client.get(LIST_URL).content.decode()
        self.assertLess(content.index("Reader 0"), content.index("Reader 2"))
        self.assertLess(content.index("Reader 2"), content.index("Reader 1"))

    def test_filter_by_status_and_search(self):
        make_comments(self.post, 2, status=CommentStatus.PENDING)
        make_comments(self.post, 1, status=CommentStatus.SPAM, start=2)
        self.client.force_login(self.moderator)
        response = self.client.get(LIST_URL, {"status": "spam"})
        self.assertContains(response, "Reader 2")
        self.assertNotContains(response, "Reader 0")
        response = self.client.get(LIST_URL, {"q": "Reader 1"})
        self.assertContains(response, "Reader 1")
        self.assertNotContains(response, "Reader 0")

    def test_comment_text_is_escaped(self):
        BlogCommentFactory(
            post=self.post, author_name="<b>Mallory</b>", body="<script>alert('x')</script>"
        )
        self.client.force_login(self.moderator)
        response = self.client.get(LIST_URL)
        self.assertNotContains(response, "<script>alert(")
        self.assertContains(response, "&lt;script&gt;alert(")
        self.assertNotContains(response, "<b>Mallory</b>")
        self.assertContains(response, "&lt;b&gt;Mallory&lt;/b&gt;")

    def test_edit_view_escapes_comment_text_and_keeps_line_breaks(self):
        comment = BlogCommentFactory(
            post=self.post, author_name="Mallory", body="<script>alert('x')</script>\nBye"
        )
        self.client.force_login(self.moderator)
        url = reverse("wagtailsnippets_campaigns_blogcomment:edit", args=(comment.pk,))
        response = self.client.get(url)
        self.assertNotContains(response, "<script>alert(")
        self.assertContains(response, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Bye")

    def test_campaigner_can_read_the_listing_but_is_offered_no_decisions(self):
        (comment,) = make_comments(self.post, 1)
        self.client.force_login(self.campaigner)
        response = self.client.get(LIST_URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Comment number 0")
        self.assertNotContains(response, moderate_url(comment, "approve"))
        self.assertNotContains(response, "data-bulk-action-checkbox")
        self.assertNotContains(response, "bulk-actions-choices")
        self.assertNotContains(
            response, reverse("wagtailsnippets_campaigns_blogcomment:edit", args=(comment.pk,))
        )

    def test_staff_without_comment_permissions_cannot_list_them(self):
        self.client.force_login(StaffFactory(username="editor"))
        response = self.client.get(LIST_URL)
        self.assertRedirects(response, DASHBOARD_URL)


class EmailVisibilityTests(CommentAdminTestCase):
    def test_listing_shows_the_email_to_moderators_only(self):
        make_comments(self.post, 1)
        self.client.force_login(self.moderator)
        self.assertContains(self.client.get(LIST_URL), "reader0@example.org")
        self.client.force_login(self.campaigner)
        self.assertNotContains(self.client.get(LIST_URL), "reader0@example.org")

    def test_inspect_view_shows_the_email_to_moderators_only(self):
        (comment,) = make_comments(self.post, 1)
        url = reverse("wagtailsnippets_campaigns_blogcomment:inspect", args=(comment.pk,))
        self.client.force_login(self.moderator)
        self.assertContains(self.client.get(url), "reader0@example.org")
        self.client.force_login(self.campaigner)
        response = self.client.get(url)
        self.assertContains(response, "Comment number 0 about the trial.")
        self.assertNotContains(response, "reader0@example.org")

    def test_search_does_not_match_emails(self):
        make_comments(self.post, 1)
        self.client.force_login(self.campaigner)
        response = self.client.get(LIST_URL, {"q": "reader0@example"})
        self.assertNotContains(response, "Comment number 0")


class SingleDecisionTests(CommentAdminTestCase):
    def test_moderator_approves_rejects_and_marks_spam(self):
        self.client.force_login(self.moderator)
        for action, status in [
            ("approve", CommentStatus.APPROVED),
            ("reject", CommentStatus.REJECTED),
            ("spam", CommentStatus.SPAM),
        ]:
            with self.subTest(action):
                (comment,) = make_comments(self.post, 1)
                response = self.client.post(
                    moderate_url(comment, action), {"next": f"{LIST_URL}?status=pending"}
                )
                self.assertRedirects(response, f"{LIST_URL}?status=pending")
                comment = self.refreshed(comment)
                self.assertEqual(comment.status, status)
                self.assertEqual(comment.moderated_by, self.moderator)
                self.assertIsNotNone(comment.moderated_at)

    def test_a_decision_needs_a_post(self):
        (comment,) = make_comments(self.post, 1)
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.get(moderate_url(comment, "approve")).status_code, 405)
        self.assertEqual(self.refreshed(comment).status, CommentStatus.PENDING)

    def test_unknown_decision_is_not_found(self):
        (comment,) = make_comments(self.post, 1)
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.post(moderate_url(comment, "delete")).status_code, 404)

    def test_campaigner_cannot_decide(self):
        (comment,) = make_comments(self.post, 1)
        self.client.force_login(self.campaigner)
        response = self.client.post(moderate_url(comment, "approve"))
        self.assertRedirects(response, DASHBOARD_URL)  # Wagtail's "permission denied"
        comment = self.refreshed(comment)
        self.assertEqual(comment.status, CommentStatus.PENDING)
        self.assertIsNone(comment.moderated_by)

    def test_moderator_changes_status_in_the_edit_view(self):
        (comment,) = make_comments(self.post, 1)
        url = reverse("wagtailsnippets_campaigns_blogcomment:edit", args=(comment.pk,))
        self.client.force_login(self.moderator)
        response = self.client.get(url)
        self.assertContains(response, "Comment number 0 about the trial.")
        self.assertContains(response, "reader0@example.org")
        response = self.client.post(url, {"status": CommentStatus.REJECTED})
        self.assertRedirects(response, LIST_URL)
        comment = self.refreshed(comment)
        self.assertEqual(comment.status, CommentStatus.REJECTED)
        self.assertEqual(comment.moderated_by, self.moderator)
        self.assertEqual(comment.body, "Comment number 0 about the trial.")

    def test_campaigner_cannot_use_the_edit_view(self):
        (comment,) = make_comments(self.post, 1)
        url = reverse("wagtailsnippets_campaigns_blogcomment:edit", args=(comment.pk,))
        self.client.force_login(self.campaigner)
        response = self.client.post(url, {"status": CommentStatus.APPROVED})
        self.assertRedirects(response, DASHBOARD_URL)
        self.assertEqual(self.refreshed(comment).status, CommentStatus.PENDING)


class BulkDecisionTests(CommentAdminTestCase):
    def test_moderator_decides_on_selected_comments(self):
        self.client.force_login(self.moderator)
        for action, status in [
            ("approve", CommentStatus.APPROVED),
            ("reject", CommentStatus.REJECTED),
            ("spam", CommentStatus.SPAM),
        ]:
            with self.subTest(action):
                selected = make_comments(self.post, 2)
                (untouched,) = make_comments(self.post, 1, start=2)
                url = bulk_url(action, *selected, next=LIST_URL)
                self.assertContains(self.client.get(url), "these 2 comments")
                response = self.client.post(url)
                self.assertRedirects(response, LIST_URL)
                for comment in selected:
                    comment = self.refreshed(comment)
                    self.assertEqual(comment.status, status)
                    self.assertEqual(comment.moderated_by, self.moderator)
                    self.assertIsNotNone(comment.moderated_at)
                self.assertEqual(self.refreshed(untouched).status, CommentStatus.PENDING)

    def test_all_in_listing_means_the_filtered_listing(self):
        pending = make_comments(self.post, 2)
        (spam,) = make_comments(self.post, 1, status=CommentStatus.SPAM, start=2)
        self.client.force_login(self.moderator)
        self.client.post(bulk_url("approve", status="pending") + "&id=all")
        self.assertEqual(
            {self.refreshed(comment).status for comment in pending}, {CommentStatus.APPROVED}
        )
        self.assertEqual(self.refreshed(spam).status, CommentStatus.SPAM)

    def test_bulk_delete_of_all_in_listing_keeps_filtered_out_comments(self):
        make_comments(self.post, 2, status=CommentStatus.SPAM)
        (pending,) = make_comments(self.post, 1, start=2)
        self.client.force_login(self.moderator)
        self.client.post(bulk_url("delete", status="spam") + "&id=all")
        self.assertEqual(list(BlogComment.objects.all()), [pending])

    def test_campaigner_cannot_decide_in_bulk(self):
        comments = make_comments(self.post, 2)
        self.client.force_login(self.campaigner)
        for action in ["approve", "reject", "spam"]:
            with self.subTest(action):
                url = bulk_url(action, *comments)
                self.assertRedirects(self.client.get(url), DASHBOARD_URL)
                self.assertRedirects(self.client.post(url), DASHBOARD_URL)
        for comment in comments:
            comment = self.refreshed(comment)
            self.assertEqual(comment.status, CommentStatus.PENDING)
            self.assertIsNone(comment.moderated_by)


class DashboardTests(CommentAdminTestCase):
    def test_moderator_sees_how_many_comments_await_moderation(self):
        make_comments(self.post, 3)
        make_comments(self.post, 2, status=CommentStatus.APPROVED, start=3)
        self.client.force_login(self.moderator)
        response = self.client.get(DASHBOARD_URL)
        self.assertContains(response, "3 comments awaiting moderation")
        self.assertContains(response, "3 Comments to moderate")
        self.assertContains(response, f"{LIST_URL}?status=pending")

    def test_campaigner_sees_no_moderation_panel(self):
        make_comments(self.post, 3)
        self.client.force_login(self.campaigner)
        response = self.client.get(DASHBOARD_URL)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "awaiting moderation")
        self.assertNotContains(response, "to moderate")

    def test_dashboard_queries_do_not_grow_with_pending_comments(self):
        make_comments(self.post, 1)
        self.client.force_login(self.moderator)
        self.client.get(DASHBOARD_URL)
        with CaptureQueriesContext(connection) as few:
            self.client.get(DASHBOARD_URL)
        make_comments(self.post, 30, start=1)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(DASHBOARD_URL)
        self.assertContains(response, "31 comments awaiting moderation")
        self.assertEqual(len(many), len(few))


class PermissionPolicyTests(CommentAdminTestCase):
    def test_comments_use_the_moderation_policy(self):
        self.assertIsInstance(policy_registry.get_by_type(BlogComment), CommentPermissionPolicy)

    def test_nobody_adds_comments_in_the_admin(self):
        superuser = get_user_model().objects.create_superuser("admin", "", "pw")
        policy = policy_registry.get_by_type(BlogComment)
        self.assertFalse(policy.user_has_permission(superuser, "add"))
        self.client.force_login(superuser)
        response = self.client.get(reverse("wagtailsnippets_campaigns_blogcomment:add"))
        self.assertRedirects(response, DASHBOARD_URL)

    def test_changing_a_comment_means_moderating_it(self):
        policy = policy_registry.get_by_type(BlogComment)
        self.assertTrue(policy.user_has_permission(self.moderator, "change"))
        self.assertFalse(policy.user_has_permission(self.campaigner, "change"))
        self.assertFalse(policy.user_has_permission(self.campaigner, "moderate"))
        self.assertTrue(policy.user_has_permission(self.campaigner, "view"))
        self.assertEqual(list(policy.users_with_permission("change")), [self.moderator])

    def test_group_editor_offers_only_meaningful_permissions(self):
        codenames = set(
            BlogCommentViewSet().get_permissions_to_register().values_list("codename", flat=True)
        )
        self.assertEqual(
            codenames, {"view_blogcomment", "delete_blogcomment", "moderate_blogcomment"}
        )
