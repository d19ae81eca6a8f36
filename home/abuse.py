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


def client_address(request):
    """The client's IP address, as seen by the first proxy we trust.

    Behind TRUSTED_PROXIES proxies (a load balancer, Varnish), REMOTE_ADDR is
    the nearest proxy; each proxy appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the end. Entries
    further left are whatever the client sent, and are not trusted.
    """
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request):
    """A salted, one-way hash of the client's IP address (hex, 64 chars); never stored."""
    key = hmac.new(settings.SECRET_KEY.encode(), b"client-ip-salt", hashlib.sha256).digest()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def is_cross_site(request):
    """True when the browser says the form was posted from another site.

    Forms without a CSRF token (so that their pages can be cached) still refuse
    posts that browsers mark as cross-site. Clients that send neither header
    (old browsers, curl) are let through: the other defences still apply.
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin != "null":
        return origin != f"{request.scheme}://{request.get_host()}"
    return False


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
