"""What the second factor keeps per person: the sealed TOTP secret and the recovery codes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TwoFactorDevice(models.Model):
    """The authenticator app someone enrolled: exists once they confirmed it with a code.

    The secret is sealed (home.signin.keys) so that a database dump alone does not give it;
    `last_used_step` is the time step of the last accepted code, so that a code is never
    accepted twice (a code seen over someone's shoulder is already spent).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_device"
    )
    sealed_secret = models.CharField(max_length=128)
    last_used_step = models.BigIntegerField(default=0)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-factor authenticator")
        verbose_name_plural = _("two-factor authenticators")

    def __str__(self):
        return str(self.user)


class RecoveryCode(models.Model):
    """A one-time code, for signing in without the phone; only its keyed hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="unique_recovery_code")
        ]

    def __str__(self):
        return f"{self.user} ({'used' if self.used_at else 'unused'})"
