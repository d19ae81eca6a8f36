"""Signal handlers: tell a case's followers about its new updates when it is published."""

from wagtail.signals import page_published

from .models import CasePage


def notify_case_followers(sender, instance, **kwargs):
    from .follows import notify_followers

    notify_followers(instance)


page_published.connect(
    notify_case_followers, sender=CasePage, dispatch_uid="campaigns.notify_case_followers"
)
