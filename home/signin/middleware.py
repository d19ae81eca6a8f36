"""What every request to the admin passes, after the session and the user are known.

- `AdminNetworkMiddleware`: with ADMIN_ALLOWED_NETWORKS set, /admin/ answers "page not
  found" to any other address, as for an address that does not exist: outsiders learn
  nothing about the admin (not even that it is there).
- `IdleSignOutMiddleware`: a signed-in person is signed out after
  ADMIN_SESSION_IDLE_MINUTES without a request to the admin.
- `TwoFactorMiddleware`: until the second factor is given (or enrolled, for whoever must
  have one), the admin shows only the code or enrolment page, and the rest of the site
  treats the person as signed out.

Readers of the public site carry no session cookie: the last two do nothing for them, and
never touch the session (which would add `Vary: Cookie` to cacheable pages).
"""

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from home.abuse import client_address

from . import two_factor

LAST_SEEN = "signin.last_seen"
# Set once the second factor is done with for this session (given, or not needed).
PASSED = "signin.second_factor_passed"
# The last-seen time is written at most this often (each write saves the session).
LAST_SEEN_RESOLUTION = 60


def in_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


# Requests an open admin page makes by itself (the editor's "who else is editing" ping,
# every few seconds): they are no sign that a person is there.
BACKGROUND_PREFIXES = ("wagtailadmin_editing_sessions:",)


def is_background(request):
    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        return False
    return name.startswith(BACKGROUND_PREFIXES)


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


@lru_cache(maxsize=8)
def parsed_networks(networks):
    return tuple(ipaddress.ip_network(network.strip(), strict=False) for network in networks)


def address_allowed(address, networks):
    """Is `address` (text) in one of `networks` (CIDR texts)? Unparseable: no."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return any(ip in network for network in parsed_networks(tuple(networks)))


class AdminNetworkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        networks = settings.ADMIN_ALLOWED_NETWORKS
        if (
            networks
            and in_admin(request)
            and not address_allowed(client_address(request), networks)
        ):
            raise Http404
        return self.get_response(request)


class IdleSignOutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_session(request) and request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            idle_limit = settings.ADMIN_SESSION_IDLE_MINUTES * 60
            if last_seen is not None and now - last_seen > idle_limit:
                logout(request)
                if in_admin(request):
                    messages.info(
                        request,
                        ngettext(
                            "You were signed out after %(minutes)d minute without "
                            "activity. Please sign in again.",
                            "You were signed out after %(minutes)d minutes without "
                            "activity. Please sign in again.",
                            settings.ADMIN_SESSION_IDLE_MINUTES,
                        )
                        % {"minutes": settings.ADMIN_SESSION_IDLE_MINUTES},
                    )
                    return redirect_to_login(
                        request.get_full_path(), reverse("wagtailadmin_login")
                    )
            elif (
                in_admin(request)
                and not is_background(request)
                and (last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION)
            ):
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def pending_step(user):
    """The URL name of the step `user` still has to pass this session, or None."""
    if two_factor.is_enrolled(user):
        return "signin_code"
    if two_factor.is_required(user):
        return "signin_two_factor"
    return None


# What the admin serves before the second step: the steps themselves, signing in and out,
# and what every admin page loads (its icons and translations).
STEP_PAGES = (
    "signin_code",
    "signin_two_factor",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_session(request) and request.user.is_authenticated:
            passed = request.session.get(PASSED)
            if passed and passed != two_factor.standing(request.user):
                del request.session[PASSED]  # passed under other terms: ask again
                passed = None
        else:
            passed = True
        if not passed:
            step = pending_step(request.user)
            if step is None:
                mark_passed(request)
            elif not in_admin(request):
                request.user = AnonymousUser()
            elif request.path_info not in {reverse(name) for name in STEP_PAGES}:
                url = reverse(step)
                if request.method == "GET":
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect(url)
        return self.get_response(request)


def mark_passed(request):
    """The second factor is done with for this session, on what it stands on now."""
    request.session[PASSED] = two_factor.standing(request.user)


def forget_passed(sender, request, user, **kwargs):
    """On every sign-in (a `user_logged_in` receiver): the second factor is asked again."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(PASSED, None)


def connect_signals():
    user_logged_in.connect(forget_passed, dispatch_uid="home.signin.forget_passed")
