from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """The domain: campaigns, cases, blog, actions, contact and subscriptions."""

    name = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import role_signals, signals  # noqa: F401 - connects the handlers
