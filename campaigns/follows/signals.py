"""Signal handlers: tell a case's followers about its new updates, and its added or moved
hearings, when it is published."""

from wagtail.signals import page_published

from campaigns.cases.models import CasePage

from .hearings import notify_hearing_followers
from .notify import notify_followers


def notify_case_followers(sender, instance, **kwargs):
    notify_followers(instance)
    notify_hearing_followers(instance)


page_published.connect(
    notify_case_followers, sender=CasePage, dispatch_uid="campaigns.notify_case_followers"
)
