"""Defences for public forms that must work without accounts or tracking.

- `PublicPostGuard`: the one guard every public POST goes through (comments, follows,
  signatures, letters, the contact form): body size, cross-site posts, rate limit, each
  refused with one `Refusal` shape that the form's page shows through
  `includes/refusal.html`.
- `client_hash`: who is posting, as a keyed hash of the IP address that only links
  one client's posts to one form within one rate-limit period. The raw address is never
  stored or logged.
- `RateLimit`: at most N posts per window per client and scope, counted in the
  shared cache (Redis in production) so every app server sees the same count. When the
  cache cannot be reached nothing can be counted, and the post is refused with "try
  again shortly" (503): see `PublicPostGuard`.
- `HoneypotMixin`: a field people never see or fill; bots that fill it are refused.
"""

import hashlib
import hmac
import ipaddress
import math
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from home.cache_backend import CacheUnavailable, strict


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


def client_network(request):
    """Who the client is, for counting: its address (`client_address`), except that an
    IPv6 address stands for its /64 network.

    A household, an office or a phone gets a whole /64 and may use any address in it, so
    counting IPv6 addresses one by one would give one attacker 2^64 "clients". An IPv4
    address written as IPv6 (::ffff:192.0.2.1) counts as that IPv4 address.
    """
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return address


def client_hash(request, scope, period):
    """A one-way hash of the client (`client_network`) for one form in one period (hex, 64
    chars).

    An HMAC keyed by CLIENT_HASH_KEY (not SECRET_KEY: either can be rotated alone), with
    the form's `scope` and the rate-limit `period` (a number that changes every window) in
    its key: the same client gets another hash on another form and in the next period, so
    hashes cannot link a client's posts across forms or beyond one window. Never stored.
    """
    key = hmac.new(
        settings.CLIENT_HASH_KEY.encode(), f"{scope}\0{period}".encode(), hashlib.sha256
    ).digest()
    return hmac.new(key, client_network(request).encode(), hashlib.sha256).hexdigest()


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
    """Allow `limit` actions per `window` seconds for one client in one `scope`.

    Windows are fixed: period n runs from n × window to (n + 1) × window seconds after the
    epoch, and each has its own counter, keyed by that period's `client_hash`, so at most
    `limit` actions are counted per period (a client could fit up to twice as many into
    one window that straddles two periods). The counter expires when its period ends.
    """

    def __init__(self, scope, limit, window):
        self.scope, self.limit, self.window = scope, limit, window

    def period(self, now=None):
        return int((time.time() if now is None else now) // self.window)

    def key(self, request, now=None):
        return f"ratelimit:{self.scope}:{client_hash(request, self.scope, self.period(now))}"

    def hit(self, request):
        """Count one action; return True while the client is within the limit.

        Raises CacheUnavailable when the count cannot be kept (the cache is down): that is
        not the same as a first action, and the caller decides what it means.
        """
        now = time.time()
        key = self.key(request, now)
        expires = max(math.ceil((self.period(now) + 1) * self.window - now), 1)
        counter = strict(cache)
        # add() is atomic: it creates the counter with its expiry only if missing.
        if counter.add(key, 1, timeout=expires):
            return True
        try:
            count = counter.incr(key)
        except ValueError:  # expired between add() and incr()
            counter.add(key, 1, timeout=expires)
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
UNAVAILABLE = _(
    "We cannot take this right now because of a technical problem on our side. "
    "Nothing was stored: please try again shortly."
)
# Seconds a refused post is asked to wait (Retry-After) while the cache is down.
UNAVAILABLE_RETRY_AFTER = 30


@dataclass(frozen=True)
class Refusal:
    """Why a public POST was not accepted, in one shape for every form.

    `reason` is a stable code (the page shows it as `data-refusal`), `status` the HTTP
    status of the answer and `message` what the person reads; `str()` gives the message.
    `body_read` is False when the post was refused without reading it (too large): the
    form is then shown empty, otherwise with what was typed. `retry_after`, in seconds,
    becomes the answer's Retry-After header.
    """

    reason: str
    status: int
    message: str
    body_read: bool = True
    retry_after: int | None = None

    @property
    def headers(self):
        """The headers of the answer, besides its status."""
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}

    def __str__(self):
        return str(self.message)


def refusal_response(request, template, context, refusal):
    """The answer to a refused public POST: the form's own page, saying why, with the
    refusal's status. Templates show the refusal with `includes/refusal.html`."""
    return TemplateResponse(
        request,
        template,
        {**context, "refusal": refusal},
        status=refusal.status,
        headers=refusal.headers,
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
       one client (`RateLimit`, keyed IP hash) are refused (429).

    When the cache that counts posts is down, the guard fails closed: every post is
    refused with "try again shortly" (503, Retry-After), the form shown again with what
    was typed. This holds for every public form: each one either sends email (signatures,
    follows and the contact form: to the team, or to an address anyone can type), moves a
    public count (letters) or fills a moderator's queue (comments), and none of that may
    go unbounded while nothing counts. The cost is a short wait for people during an
    outage; the cache is tried again every CACHE_DOWN_PAUSE seconds.

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
        """Count one accepted post of this client; a Refusal once it is over the limit, or
        when it cannot be counted."""
        try:
            within_limit = self.rate.hit(request)
        except CacheUnavailable:
            return Refusal("unavailable", 503, UNAVAILABLE, retry_after=UNAVAILABLE_RETRY_AFTER)
        if not within_limit:
            return Refusal("flood", 429, self.flood_message)
        return None
