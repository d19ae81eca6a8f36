"""New case and blog indexes get the review workflow (see campaigns.roles).

The data migration assigns it to the indexes that exist when it runs; on a fresh install the
demo content (and any later index, such as a translation's) is created afterwards.
"""

from django.db.models.signals import post_save

from .models import BlogIndexPage, CaseIndexPage
from .roles import ensure_moderation_workflow


def assign_moderation_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_moderation_workflow(instance)


for index_model in (CaseIndexPage, BlogIndexPage):
    post_save.connect(
        assign_moderation_workflow,
        sender=index_model,
        dispatch_uid=f"campaigns.assign_moderation_workflow.{index_model._meta.model_name}",
    )
