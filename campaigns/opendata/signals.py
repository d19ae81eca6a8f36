"""A case published, unpublished or deleted (in any language) queues a rebuild of the open
data. Imported by campaigns.apps; cases are named by label, since open data imports no
feature."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from .tasks import rebuild_after_commit

CASE_MODEL = "campaigns.CasePage"


@receiver(page_published)
@receiver(page_unpublished)
def case_published_or_withdrawn(sender, **kwargs):
    if sender._meta.label == CASE_MODEL:
        rebuild_after_commit()


@receiver(post_delete, sender=CASE_MODEL)
def case_deleted(sender, **kwargs):
    rebuild_after_commit()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, **kwargs):
    """A page made private (say, for the family's safety) leaves the files at once."""
    rebuild_after_commit()
