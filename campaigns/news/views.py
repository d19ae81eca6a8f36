"""The public side of campaign news: subscribe, confirm, unsubscribe.

Every page here is per visitor and never cached. None of them says whether an address is
subscribed: asking again gets the same "check your inbox" page (`subscribing.subscribe`
decides quietly whether to email).
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.abuse import PublicPostGuard, posted_data, refusal_response

from . import subscribing
from .forms import NewsletterForm

NEWS_GUARD = PublicPostGuard(
    "news",
    per_client="NEWS_PER_CLIENT",
    window="NEWS_RATE_WINDOW",
    flood_message=gettext_lazy(
        "You have asked for the news several times in a short time. "
        "Please wait a few minutes and try again."
    ),
)
FORM = "campaigns/news/subscribe.html"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The newsletter form (with Django's CSRF protection: this page is never cached)."""
    if request.method != "POST":
        return TemplateResponse(request, FORM, {"form": NewsletterForm()})
    refusal = NEWS_GUARD.admit(request)
    form = NewsletterForm(posted_data(request, refusal))
    context = {"form": form}
    if refusal:
        return refusal_response(request, FORM, context, refusal)
    if not form.is_valid():
        return TemplateResponse(request, FORM, context, status=400)
    if refusal := NEWS_GUARD.count(request):
        return refusal_response(request, FORM, context, refusal)
    subscribing.subscribe(form.cleaned_data["email"], form.cleaned_data["campaign"])
    return TemplateResponse(request, FORM, {"accepted": True})


# GET asks for a click and POST confirms, so mail scanners that open every link confirm
# nothing. The signed token in the address is the credential, hence no CSRF token.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    template = "campaigns/news/confirm.html"
    try:
        subscriber = subscribing.subscriber_from_confirm_token(token)
    except subscribing.BadToken:
        return TemplateResponse(request, template, {"invalid": True}, status=400)
    confirmed = subscriber.is_active
    if request.method == "POST" and not confirmed:
        subscribing.confirm(subscriber)
        confirmed = True
    context = {"confirmed": confirmed, "token": token}
    if confirmed:
        context["unsubscribe_url"] = subscribing.unsubscribe_url(subscriber)
    return TemplateResponse(request, template, context)


# RFC 8058: mail providers POST "List-Unsubscribe=One-Click" to the header's address from
# their servers, with no cookie: the signed token in the query string is the only
# credential, hence no CSRF token. A GET never unsubscribes: it shows a button.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request):
    template = "campaigns/news/unsubscribe.html"
    token = request.GET.get("token") or request.POST.get("token") or ""
    try:
        subscriber = subscribing.subscriber_from_unsubscribe_token(token)
    except subscribing.BadToken:
        return TemplateResponse(request, template, {"invalid": True}, status=400)
    done = request.method == "POST"
    if done:
        subscribing.unsubscribe(subscriber)
    return TemplateResponse(request, template, {"done": done, "token": token})
