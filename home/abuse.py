"""Defences for public forms that must work without accounts or tracking.

- `client_hash`: who is posting, as a salted hash of the IP address. The raw
  address is never stored or logged; the salt changes with SECRET_KEY.
- `RateLimit`: at most N posts per window per client and scope, counted in the
  shared cache (Redis in production) so every app server sees the same count.
- `HoneypotMixin`: a field people never see or fill; bots that fill it are refused.
"""

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


def client_hash(request):
    """A salted, one-way hash of the client's IP address (hex, 64 chars)."""
    address = request.META.get("REMOTE_ADDR", "")
    key = hmac.new(settings.SECRET_KEY.encode(), b"client-ip-salt", hashlib.sha256).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


class RateLimit:
    """Allow `limit` actions per `window` seconds for one client in one `scope`."""

    def __init__(self, scope, limit, window):
        self.scope, self.limit, self.window = scope, limit, window

    def key(self, request):
        return f"ratelimit:{self.scope}:{client_hash(request)}"

    def hit(self, request):
        """Count one action; return True while the client is within the limit."""
        key = self.key(request)
        # add() is atomic: it creates the counter with its expiry only if missing.
        if cache.add(key, 1, timeout=self.window):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=self.window)
            return True
        return count <= self.limit


class HoneypotMixin(forms.Form):
    """Adds a field hidden from people (and screen readers) that must stay empty."""

    honeypot_field_name = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "off",
                    "tabindex": "-1",
                    "class": "hp-field",
                }
            ),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.honeypot_field_name):
            raise forms.ValidationError(
                _(
                    "Your message looks automated and was not accepted. If you are a person, "
                    "please leave the last field empty and try again."
                ),
                code="honeypot",
            )
        return cleaned

    @property
    def is_bot(self):
        return any(error.code == "honeypot" for error in self.non_field_errors().as_data())
