"""Views for following a case by email: ask, confirm, manage, unsubscribe.

None of these pages is cached, and none tells a visitor whether an address follows a case:
asking to follow, or for a fresh link, always answers "check your inbox".

Manage and unsubscribe links carry their token in the query string; opening one puts the
token in the session and redirects (303) to the bare address (`/follow/manage/`), so the
token is in one request line, never in the address bar, a Referer or an access log. The
token is checked again (its age included) at every request. Links of the older form
(`/follow/manage/<token>/`), in emails sent before, are handled the same way.
"""

from django import forms
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.cases.models import CasePage
from campaigns.supporters.emails import validate_public_email
from home.abuse import HoneypotMixin, PublicPostGuard, posted_data, refusal_response
from home.i18n import localize_page, localize_pages

from . import notify as follows


class FollowForm(HoneypotMixin, forms.Form):
    """Follow a case: an email address, confirmed by a link before anything else is sent."""

    email = forms.EmailField(
        label=gettext_lazy("Your email"),
        max_length=254,
        validators=[validate_public_email],
        error_messages={
            "required": gettext_lazy("Please give the email address to send updates to."),
            "invalid": gettext_lazy("This email address does not look right."),
            "max_length": gettext_lazy(
                "Please give an email address under %(limit_value)d characters."
            ),
        },
    )


FOLLOW_GUARD = PublicPostGuard(
    "follow",
    per_client="FOLLOW_PER_CLIENT",
    window="FOLLOW_RATE_WINDOW",
    cross_site_message=gettext_lazy(
        "This form was sent from another website, so it was not accepted. "
        "Please use the form on the case page."
    ),
    flood_message=gettext_lazy(
        "You have asked to follow cases several times in a short time. "
        "Please wait a few minutes and try again."
    ),
)


def invalid_link(request):
    return TemplateResponse(request, "campaigns/follow/invalid_link.html", {}, status=400)


# No CSRF token, for the reason comments have none: the case page is cached by shared caches.
# A forged post can do no more than ask for one confirmation email to an address, which the
# resend window, the honeypot and the public POST guard (size, cross-site, rate) all bound.
@csrf_exempt
@never_cache
@require_POST
def follow_case(request, case_id):
    case = get_object_or_404(CasePage.objects.live().public(), pk=case_id)
    refusal = FOLLOW_GUARD.admit(request)
    form = FollowForm(posted_data(request, refusal))
    context = {"case": case, "follow_form": form}
    template = "campaigns/follow/requested.html"
    if refusal:
        return refusal_response(request, template, context, refusal)
    if not form.is_valid():
        return TemplateResponse(request, template, context, status=400)
    if refusal := FOLLOW_GUARD.count(request):
        return refusal_response(request, template, context, refusal)
    follows.request_follow(form.cleaned_data["email"], case)
    context.update(accepted=True, follow_form=None)
    return TemplateResponse(request, template, context)


# GET asks for a click and POST confirms, so mail scanners that open every link in an
# email confirm nothing. The signed token in the address is the credential, hence no
# CSRF token: a forged post would need the token, which only the inbox has.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_follow(request, token):
    try:
        follow = follows.follow_from_confirm_token(token)
    except follows.BadToken:
        return invalid_link(request)
    confirmed = bool(follow.confirmed_at and not follow.unsubscribed_at)
    if request.method == "POST" and not confirmed:
        follows.confirm(follow)
        confirmed = True
    context = {
        "case": localize_page(follow.case),
        "confirmed": confirmed,
        "manage_url": follows.links(follow)["manage_url"],
    }
    return TemplateResponse(request, "campaigns/follow/confirmed.html", context)


# --- manage and unsubscribe links --------------------------------------------------------

MANAGE = "follow_manage"
UNSUBSCRIBE = "follow_unsubscribe"
SALTS = {MANAGE: follows.MANAGE_SALT, UNSUBSCRIBE: follows.UNSUBSCRIBE_SALT}


def session_key(name):
    return f"campaigns.follows.{name}"


def follow_of(token, name):
    """The follow `token` names for view `name`, or None if the link is bad or expired."""
    try:
        return follows.follow_from_token(token or "", SALTS[name])
    except follows.BadToken:
        return None


def link_expired(request, status=400):
    """The page of a link that no longer works, with a form to ask for a fresh one."""
    context = {"link_form": FollowForm(), "expired": status == 400}
    return TemplateResponse(request, "campaigns/follow/link_expired.html", context, status=status)


def open_link(request, name, token):
    """Keep a valid emailed token in the session and send the browser to the bare address."""
    if follow_of(token, name) is None:
        return link_expired(request)
    request.session[session_key(name)] = token
    if not request.user.is_authenticated:
        # A reader's session holds nothing but this: it ends with the browser, so on a
        # shared computer the next person does not find which cases they follow.
        request.session.set_expiry(0)
    return HttpResponseRedirect(reverse(name), status=303)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_follows(request):
    """Every case the address follows, each with a box to stop it. Reached from an emailed
    link (`?token=`); then by the session, with Django's CSRF protection on its form."""
    if request.method != "POST" and "token" in request.GET:
        return open_link(request, MANAGE, request.GET["token"])
    token = request.session.get(session_key(MANAGE))
    follow = follow_of(token, MANAGE)
    if follow is None:  # expired since, or never opened here: ask for a fresh link
        return link_expired(request, status=400 if token or request.method == "POST" else 200)
    active = follows.follows_of_address(follow)
    stopped = 0
    if request.method == "POST":
        if request.POST.get("all"):
            stopped = follows.unsubscribe(active)
        else:
            ids = [value for value in request.POST.getlist("follow") if value.isdigit()]
            stopped = follows.unsubscribe(active.filter(pk__in=ids))
        active = follows.follows_of_address(follow)
    active = list(active)
    for item, case in zip(active, localize_pages([item.case for item in active]), strict=True):
        item.case = case  # each case as this reader reads it
    context = {"follows": active, "stopped": stopped, "posted": request.method == "POST"}
    return TemplateResponse(request, "campaigns/follow/manage.html", context)


# Mail providers send the RFC 8058 one-click POST from their servers, with no cookie and no
# browser headers: the signed token (in the query string, as in List-Unsubscribe, or in the
# confirmation page's form) is the only credential needed, hence no CSRF token. A GET never
# unsubscribes: it shows a button, so mail scanners that open every link stop nothing.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request):
    if request.method != "POST":
        if "token" in request.GET:
            return open_link(request, UNSUBSCRIBE, request.GET["token"])
        token = request.session.get(session_key(UNSUBSCRIBE))
    else:
        token = request.GET.get("token") or request.POST.get("token")
    return unsubscribe_page(request, token)


def unsubscribe_page(request, token):
    follow = follow_of(token, UNSUBSCRIBE)
    if follow is None:
        return link_expired(request, status=200 if not token else 400)
    done = request.method == "POST"
    if done:
        follows.unsubscribe(follow.__class__.objects.filter(pk=follow.pk))
    context = {
        "case": localize_page(follow.case),
        "manage_url": follows.links(follow)["manage_url"],
        "done": done,
        "token": token,
    }
    return TemplateResponse(request, "campaigns/follow/unsubscribe.html", context)


# Links in emails sent before the token moved to the query string, and their
# List-Unsubscribe headers (whose one-click POST still unsubscribes at once).
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def old_link(request, name, token):
    if name == UNSUBSCRIBE and request.method == "POST":
        return unsubscribe_page(request, token)
    return open_link(request, name, token)


# The form of the expired-link page. Like asking to follow, it answers the same whether or
# not the address follows anything; the guard bounds the asking, `send_manage_link` the mail.
@never_cache
@require_POST
def send_link(request):
    refusal = FOLLOW_GUARD.admit(request)
    form = FollowForm(posted_data(request, refusal))
    template = "campaigns/follow/link_expired.html"
    context = {"link_form": form}
    if refusal:
        return refusal_response(request, template, context, refusal)
    if not form.is_valid():
        return TemplateResponse(request, template, context, status=400)
    if refusal := FOLLOW_GUARD.count(request):
        return refusal_response(request, template, context, refusal)
    follows.send_manage_link(form.cleaned_data["email"])
    return TemplateResponse(request, template, {"sent": True})
