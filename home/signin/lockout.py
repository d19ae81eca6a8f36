"""django-axes, kept from storing who the client is, and its lockout page.

Axes counts failed sign-ins (wrong passwords, and wrong two-factor codes, which
views.py reports to it) in the database, per account name and per client
(settings: AXES_LOCKOUT_PARAMETERS). What it stores as the client's "IP address" is
`client_key`: a keyed hash of the address, written as an address of the IPv6
documentation prefix 2001:db8::/32 (the column is an IP address field, and PostgreSQL
checks that), so no row and no log line holds a real address. The handler stores no user
agent and no Accept header either.
"""

import hashlib
import hmac
import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import logout
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

from home.abuse import client_network

DOCUMENTATION_PREFIX = int(ipaddress.IPv6Address("2001:db8::"))
CLIENT_PURPOSE = "axes-client"


def client_key(request):
    """Who the client is, for counting: a keyed hash of its address behind TRUSTED_PROXIES
    (an IPv6 client by its /64, `client_network`), under CLIENT_HASH_KEY like the public
    forms' rate limits, as an IPv6 address in 2001:db8::/32 (96 bits of HMAC-SHA256)."""
    key = hmac.new(settings.CLIENT_HASH_KEY.encode(), CLIENT_PURPOSE.encode(), hashlib.sha256)
    digest = hmac.new(key.digest(), client_network(request).encode(), hashlib.sha256).digest()
    return str(ipaddress.IPv6Address(DOCUMENTATION_PREFIX + int.from_bytes(digest[:12])))


def forget_client_details(request):
    """Blank what axes would store about the browser (it reads them from the request)."""
    request.axes_user_agent = ""
    request.axes_http_accept = ""


class PrivateDatabaseHandler(AxesDatabaseHandler):
    """Axes' database handler, storing no user agent and no Accept header."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            forget_client_details(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        forget_client_details(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        forget_client_details(request)
        return super().user_logged_out(sender, request, user, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (429): for how long, and who can unlock it.

    Reached from the password form, or from the code step after too many wrong codes: a
    half signed-in person is signed out."""
    if request.user.is_authenticated:
        logout(request)
    # Rendered now: axes' middleware hands it back after the view's response was rendered.
    return render(
        request,
        "signin/locked.html",
        {"minutes": settings.ADMIN_LOCKOUT_MINUTES},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def is_locked_out(request, username):
    """Would a sign-in as `username` from this client be refused now?"""
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def recent_attempts():
    """Failed attempts still counted (within the cool-off time)."""
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - get_cool_off())


def locked_usernames():
    """[(username, failures)] of the account names locked now, most failures first."""
    return list(
        recent_attempts()
        .exclude(username=None)
        .values_list("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-failures", "username")
    )


def locked_clients():
    """How many clients (hashed addresses) are locked now."""
    return (
        recent_attempts()
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .count()
    )


def unlock_username(username):
    """Forget the failures of `username` (so the clients that made them count less too)."""
    return AxesProxyHandler.reset_attempts(username=username)


def unlock_all():
    return AxesProxyHandler.reset_attempts()
