"""Views for following a case by email: ask, confirm, manage, unsubscribe.

None of these pages is cached, and none tells a visitor whether an address follows a case:
asking to follow always answers "check your inbox".
"""

from django import forms
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.cases.models import CasePage
from home.abuse import HoneypotMixin, PublicPostGuard, posted_data, refusal_response
from home.i18n import localize_page, localize_pages

from . import notify as follows


class FollowForm(HoneypotMixin, forms.Form):
    """Follow a case: an email address, confirmed by a link before anything else is sent."""

    email = forms.EmailField(
        label=gettext_lazy("Your email"),
        max_length=254,
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


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_follows(request, token):
    try:
        follow = follows.follow_from_token(token, follows.MANAGE_SALT)
    except follows.BadToken:
        return invalid_link(request)
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
# browser headers: the signed token in the address is the only credential needed.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        follow = follows.follow_from_token(token, follows.UNSUBSCRIBE_SALT)
    except follows.BadToken:
        return invalid_link(request)
    context = {
        "case": localize_page(follow.case),
        "manage_url": follows.links(follow)["manage_url"],
        "done": request.method == "POST",
    }
    if request.method == "POST":
        follows.unsubscribe(follow.__class__.objects.filter(pk=follow.pk))
    return TemplateResponse(request, "campaigns/follow/unsubscribe.html", context)
