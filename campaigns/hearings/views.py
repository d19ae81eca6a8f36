"""/hearings/: the hearings to come across every case, then those of the last weeks."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from home.cache import shared_cache

from .forms import HearingFilterForm
from .listing import RECENT_DAYS, in_window, listed, public_hearings


def filter_choices(hearings):
    """([(campaign slug, title)], [city]) among `hearings`, in two small queries."""
    campaigns = (
        hearings.exclude(page__related_campaign=None)
        .order_by("page__related_campaign__title")
        .values_list("page__related_campaign__slug", "page__related_campaign__title")
        .distinct()
    )
    cities = hearings.exclude(city="").order_by("city").values_list("city", flat=True).distinct()
    return list(dict(campaigns).items()), list(cities)


@require_GET
@shared_cache
def hearing_list(request):
    hearings = in_window(public_hearings())
    campaigns, cities = filter_choices(hearings)
    form = HearingFilterForm(request.GET, campaigns, cities)
    chosen = form.filters()
    if chosen.get("campaign"):
        hearings = hearings.filter(page__related_campaign__slug=chosen["campaign"])
    if chosen.get("city"):
        hearings = hearings.filter(city=chosen["city"])
    upcoming, recent = listed(hearings)
    return TemplateResponse(
        request,
        "campaigns/hearings/hearing_list.html",
        {
            "form": form,
            "filtered": bool(chosen),
            "upcoming": upcoming,
            "recent": recent,
            "recent_days": RECENT_DAYS,
        },
    )
