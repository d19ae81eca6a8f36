"""When content changes, tell the edge cache (campaigns.edge.purge does the work).

Imported by campaigns.apps. The receivers listen to Wagtail's page signals, to the
models' own saves and to the actions' count signals (campaigns.edge.counts): features need
not know the edge exists. Wagtail's own frontend_cache
app is not installed, so each change sends one batch (ours), not two.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from campaigns.actions.signals import letter_counted, signature_confirmed
from campaigns.blog.comments import CommentStatus

from . import counts, purge

COMMENT = "campaigns.BlogComment"
# Snippets shown on many pages, edited outside them: the sections that show them.
SECTIONS_SHOWING = {
    "campaigns.Organisation": ["campaigns.CaseIndexPage"],
    "campaigns.Author": ["campaigns.BlogIndexPage"],
}


@receiver(pre_save)
def page_about_to_be_saved(sender, instance, raw=False, **kwargs):
    """What a live page names before it is saved: a page it stops naming is purged too."""
    if not raw and isinstance(instance, Page) and instance.live:
        purge.remember_named(instance)


@receiver(page_published)
@receiver(page_unpublished)
def page_published_or_withdrawn(sender, instance, **kwargs):
    """Published, unpublished, or deleted while live (Wagtail unpublishes it first)."""
    purge.page_changed(instance)


@receiver(post_page_move)
def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after and instance.live:
        purge.page_moved(instance, url_path_before)


@receiver(page_slug_changed)
def slug_changed(sender, instance, instance_before, **kwargs):
    if instance.live:
        purge.slug_changed(instance, instance_before)


@receiver(post_save, sender=COMMENT)
def comment_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    """A comment shows once approved, and goes once rejected or marked as spam: purge its
    post whenever a moderator decides (a new comment waits, unseen). Not while a backup is
    restored (`raw`): its post may not be loaded yet, and the whole site is new anyway."""
    if raw:
        return
    decided = update_fields is not None and "status" in update_fields
    if decided or (created and instance.status == CommentStatus.APPROVED):
        purge.pages_changed([instance.post])


@receiver(post_delete, sender=COMMENT)
def comment_deleted(sender, instance, **kwargs):
    if instance.status == CommentStatus.APPROVED:
        purge.pages_changed([instance.post])


@receiver(signature_confirmed)
def signature_counted(sender, signature, **kwargs):
    counts.counts_changed(signature.action_id)


@receiver(letter_counted)
def letter_sent(sender, action, **kwargs):
    counts.counts_changed(action.pk)


def snippet_changed(sender, raw=False, **kwargs):
    if raw:
        return
    purge.section_changed(SECTIONS_SHOWING[sender._meta.label])


for label in SECTIONS_SHOWING:
    post_save.connect(snippet_changed, sender=label, dispatch_uid=f"edge-save-{label}")
    post_delete.connect(snippet_changed, sender=label, dispatch_uid=f"edge-delete-{label}")
