"""The fixed lists a hearing is described with."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HearingKind(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary hearing")
    TRIAL = "trial", _("Trial session")
    VERDICT = "verdict", _("Verdict")
    APPEAL = "appeal", _("Appeal")
    CASSATION = "cassation", _("Cassation")
    PAROLE = "parole", _("Parole hearing")


class HearingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    MOVED = "moved", _("Postponed or moved")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class PublicAccess(models.TextChoices):
    OPEN = "open", _("Open to the public")
    CLOSED = "closed", _("Closed to the public")
    UNKNOWN = "unknown", _("Not known whether open")
