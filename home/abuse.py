"""Defences for public forms that must work without accounts or tracking.

- `PublicPostGuard`: the one guard every public POST goes through (comments, follows,
  signatures, letters, the contact form): body size, cross-site posts, rate limit, each
  refused with one `Refusal` shape that the form's page shows through
  `includes/refusal.html`.
- `client_hash`: who is posting, as a salted hash of the IP address. The raw
  address is never stored or logged; the salt changes with SECRET_KEY.
- `RateLimit`: at most N posts per window per client and scope, counted in the
  shared cache (Redis in production) so every app server sees the same count.
- `HoneypotMixin`: a field people never see or fill; bots that fill it are refused.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
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


# --- the guard of every public POST --------------------------------------------------------

TOO_LARGE = _(
    "What you sent was too long to be accepted, so nothing was stored. Please go back, "
    "shorten it and send it again."
)
CROSS_SITE = _(
    "This form was sent from another website, so it was not accepted. "
    "Please use the form on this page."
)


@dataclass(frozen=True)
class Refusal:
    """Why a public POST was not accepted, in one shape for every form.

    `reason` is a stable code (the page shows it as `data-refusal`), `status` the HTTP
    status of the answer and `message` what the person reads; `str()` gives the message.
    `body_read` is False when the post was refused without reading it (too large): the
    form is then shown empty, otherwise with what was typed.
    """

    reason: str
    status: int
    message: str
    body_read: bool = True

    def __str__(self):
        return str(self.message)


def refusal_response(request, template, context, refusal):
    """The answer to a refused public POST: the form's own page, saying why, with the
    refusal's status. Templates show the refusal with `includes/refusal.html`."""
    return TemplateResponse(
        request, template, {**context, "refusal": refusal}, status=refusal.status
    )


def posted_data(request, refusal=None):
    """What a public form is bound to: the post, unless `refusal` left it unread."""
    if refusal is not None and not refusal.body_read:
        return None
    return request.POST


def content_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class PublicPostGuard:
    """The checks every public POST passes, in this order, each with its own refusal:

    1. size: a body over PUBLIC_POST_MAX_BYTES is refused (413) before it is read;
    2. origin: a post the browser marks as cross-site (`is_cross_site`) is refused (403);
    3. flood: more than `settings.<per_client>` posts per `settings.<window>` seconds from
       one client (`RateLimit`, salted IP hash) are refused (429).

    `admit(request)` runs the first two, before the view reads the form; `count(request)`
    the third, once the form is valid, so that fixing a typo is not flooding. Each returns
    None, or the `Refusal` the view shows in its own page with the form (what was typed
    is kept, except after a refused size, when nothing was read). The honeypot is a field
    of each form (`HoneypotMixin`). Limits are read from the settings at each request, so
    they can change without touching the code.
    """

    def __init__(self, scope, *, per_client, window, flood_message, cross_site_message=None):
        self.scope = scope
        self.per_client_setting = per_client
        self.window_setting = window
        self.flood_message = flood_message
        self.cross_site_message = cross_site_message or CROSS_SITE

    @property
    def limit(self):
        return getattr(settings, self.per_client_setting)

    @property
    def rate(self):
        return RateLimit(self.scope, self.limit, getattr(settings, self.window_setting))

    def admit(self, request):
        """None if the post may be read; otherwise why not (size, then origin)."""
        if content_length(request) > settings.PUBLIC_POST_MAX_BYTES:
            return Refusal("too-large", 413, TOO_LARGE, body_read=False)
        if is_cross_site(request):
            return Refusal("cross-site", 403, self.cross_site_message)
        return None

    def count(self, request):
        """Count one accepted post of this client; a Refusal once it is over the limit."""
        if not self.rate.hit(request):
            return Refusal("flood", 429, self.flood_message)
        return None
