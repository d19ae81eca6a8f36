"""The public side of corrections: /corrections/ (with its Atom feed) and the case's
"Report an inaccuracy" form.

/corrections/ holds no per-visitor data: shared caches may keep it. The report form is
never cached and carries Django's CSRF token: unlike the cached case page, its own page
can, and a report reaches the team's queue.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campaigns.cases.models import CasePage
from home.abuse import PublicPostGuard, posted_data, refusal_response
from home.cache import shared_cache

from .feeds import CorrectionsFeed
from .forms import InaccuracyReportForm
from .queries import public_corrections

PER_PAGE = 20

REPORT_GUARD = PublicPostGuard(
    "inaccuracy-report",
    per_client="CONTACT_PER_CLIENT",
    window="CONTACT_RATE_WINDOW",
    flood_message=_(
        "You have sent several reports in a short time. Please wait a few minutes and "
        "send this one again; what you wrote is still below."
    ),
)


@shared_cache
def corrections_index(request):
    paginator = Paginator(public_corrections(), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    for correction in page_obj:
        correction.case_url = correction.page.get_url(request)
    return TemplateResponse(
        request,
        "campaigns/corrections/index.html",
        {"page_obj": page_obj, "corrections": page_obj.object_list},
    )


@shared_cache
def corrections_feed(request):
    return CorrectionsFeed(public_corrections())(request)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_inaccuracy(request, case_id):
    """A reader's report about a case: stored, then counted on the editors' dashboard."""
    case = get_object_or_404(CasePage.objects.live().public(), pk=case_id)
    template = "campaigns/corrections/report.html"
    context = {"case": case}
    if request.method != "POST":
        return TemplateResponse(
            request, template, {**context, "form": InaccuracyReportForm(case=case)}
        )
    refusal = REPORT_GUARD.admit(request)
    form = InaccuracyReportForm(posted_data(request, refusal), case=case)
    context["form"] = form
    if refusal:
        return refusal_response(request, template, context, refusal)
    if not form.is_valid():
        return TemplateResponse(request, template, context, status=400)
    if refusal := REPORT_GUARD.count(request):
        return refusal_response(request, template, context, refusal)
    report = form.save(commit=False)
    report.case = case
    report.language = (get_language() or "en").split("-")[0]
    report.save()
    # Answered in place, not redirected: the thank-you has no address of its own.
    return TemplateResponse(request, "campaigns/corrections/report_thanks.html", context)
