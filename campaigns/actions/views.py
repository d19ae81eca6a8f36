"""Views for acting: sign a petition, confirm a signature, report a letter sent.

The forms post here from the action page, which shared caches may store: see
`campaigns.actions` for why these endpoints take no CSRF token and what defends them.
Every answer here is `never_cache`; successes redirect (303) to the action's thank-you
page, whose address carries no state.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from home.abuse import PublicPostGuard, Refusal, posted_data
from home.i18n import localize_page

from . import signing as actions
from .forms import LetterSentForm, SignatureForm
from .models import ActionKind, ActionPage

SIGN_GUARD = PublicPostGuard(
    "sign",
    per_client="SIGN_PER_CLIENT",
    window="SIGN_RATE_WINDOW",
    flood_message=gettext_lazy(
        "Many signatures have come from your connection in a short time. "
        "Please wait a while and try again; nothing you typed was stored."
    ),
)
LETTER_GUARD = PublicPostGuard(
    "letter",
    per_client="LETTERS_PER_CLIENT",
    window="LETTERS_RATE_WINDOW",
    flood_message=gettext_lazy(
        "Thank you: you have already told us about several letters just now."
    ),
)


def live_action(action_id, kind):
    return get_object_or_404(ActionPage.objects.live().public(), pk=action_id, kind=kind)


def action_page_with(request, action, status, **context):
    """The action page again, with the visitor's form and a message, never cached."""
    response = action.render(request, context_overrides=context)
    response.status_code = status
    return response


def refused(request, action, refusal, **context):
    """The action page saying why the post was refused (`includes/refusal.html`)."""
    response = action_page_with(request, action, refusal.status, refusal=refusal, **context)
    for header, value in refusal.headers.items():
        response[header] = value
    return response


def thanks(request, action):
    return HttpResponseRedirect(f"{action.get_url(request)}thanks/", status=303)


def closed_refusal(action):
    message = _("This action closed on %(date)s. Thank you for wanting to take part.") % {
        "date": date_format(localtime(action.deadline), "DATE_FORMAT")
    }
    return Refusal("closed", 403, message)


@csrf_exempt
@never_cache
@require_POST
def sign_petition(request, action_id):
    action = live_action(action_id, ActionKind.PETITION)
    refusal = SIGN_GUARD.admit(request)
    form = SignatureForm(posted_data(request, refusal))
    if refusal:
        return refused(request, action, refusal, sign_form=form)
    if not action.is_open:
        return refused(request, action, closed_refusal(action))
    if not form.is_valid():
        return action_page_with(request, action, 400, sign_form=form)
    if refusal := SIGN_GUARD.count(request):
        return refused(request, action, refusal, sign_form=form)
    try:
        actions.sign(action, form.cleaned_data)
    except actions.Closed:
        return refused(request, action, closed_refusal(action))
    return thanks(request, action)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_signature(request, token):
    """GET asks for a click, POST counts: mail scanners that open links confirm nothing.

    The signed token in the address is the credential; the page is never cached, and a
    forged cross-site POST would need the token, which only the inbox has.
    """
    template = "campaigns/actions/confirm.html"
    try:
        signature = actions.signature_from_token(token)
    except actions.Expired as expired:
        context = {"action": localize_page(expired.action), "expired": True}
        return TemplateResponse(request, template, context, status=400)
    except actions.BadToken:
        return TemplateResponse(request, template, {"invalid": True}, status=400)
    # The petition in the language of this link (the one it was signed in).
    action = localize_page(signature.action)
    context = {"action": action, "already": signature.confirmed_at is not None}
    if request.method == "POST" and not context["already"]:
        actions.confirm(signature)
        context["confirmed"] = True
        action.__dict__.pop("count", None)  # counted again, with this signature
        context["action"] = action
    if context["already"] or context.get("confirmed"):
        context["share_url"] = action.get_full_url(request)
    return TemplateResponse(request, template, context)


@csrf_exempt
@never_cache
@require_POST
def report_letter(request, action_id):
    action = live_action(action_id, ActionKind.LETTER)
    if refusal := LETTER_GUARD.admit(request):
        return refused(request, action, refusal)
    if not LetterSentForm(request.POST).is_valid():  # the honeypot was filled
        automated = _("This looked automated and was not counted.")
        return refused(request, action, Refusal("automated", 400, automated))
    if not action.is_open:
        return refused(request, action, closed_refusal(action))
    if refusal := LETTER_GUARD.count(request):
        return refused(request, action, refusal)
    try:
        actions.letter_sent(action)
    except actions.Closed:
        return refused(request, action, closed_refusal(action))
    return thanks(request, action)
