from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """The domain: campaigns, cases, blog, actions, contact and subscriptions.

    One Django app (its label, tables and migrations stay "campaigns"), one package per
    feature inside it; see the README's layout.
    """

    name = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Signal handlers, the retention rules and the health checks register themselves
        # on import; the models must be loaded first, so they are imported here, as Django
        # intends.
        from campaigns.access.signals import connect_signals
        from campaigns.actions import retention as _actions  # noqa: F401
        from campaigns.blog import retention as _blog  # noqa: F401
        from campaigns.contact import retention as _contact  # noqa: F401
        from campaigns.corrections import retention as _corrections  # noqa: F401
        from campaigns.edge import signals as _edge_signals  # noqa: F401
        from campaigns.follows import retention as _follows  # noqa: F401
        from campaigns.follows import signals as _follow_signals  # noqa: F401
        from campaigns.news import retention as _news  # noqa: F401
        from campaigns.news import signals as _news_signals  # noqa: F401
        from campaigns.opendata import checks as _opendata_checks  # noqa: F401
        from campaigns.opendata import signals as _opendata_signals  # noqa: F401
        from campaigns.outbox import health as _outbox_health  # noqa: F401
        from campaigns.outbox import retention as _outbox  # noqa: F401

        connect_signals()
