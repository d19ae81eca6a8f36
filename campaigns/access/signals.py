"""New case and blog indexes get the review workflow (see campaigns.access.roles).

The data migration assigns it to the indexes that exist when it runs; on a fresh install the
demo content (and any later index, such as a translation's) is created afterwards. The
index types are named in `MODERATED_INDEXES`, so this package imports no feature.
"""

from django.apps import apps
from django.db.models.signals import post_save

from .roles import MODERATED_INDEXES, ensure_moderation_workflow


def assign_moderation_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_moderation_workflow(instance)


def connect_signals():
    for label in MODERATED_INDEXES:
        index_model = apps.get_model(label)
        post_save.connect(
            assign_moderation_workflow,
            sender=index_model,
            dispatch_uid=f"campaigns.assign_moderation_workflow.{index_model._meta.model_name}",
        )
