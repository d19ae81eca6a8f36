"""The actions a page shows: a campaign's open ones, or those about some cases."""

from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from wagtail.models import Page

from campaigns.related import in_campaign
from home.i18n import for_reader

from .models import ActionPage, for_teasers

RELATED_ACTIONS = 6


def open_q(now=None):
    """Actions that still take signatures or letters."""
    return Q(deadline__isnull=True) | Q(deadline__gt=now or timezone.now())


def open_actions(campaign):
    """Live, open actions naming `campaign`, newest first, tallies joined (one query)."""
    actions = in_campaign(ActionPage.objects.live().public(), campaign).filter(open_q())
    return for_teasers(actions).order_by("-first_published_at", "-pk")


def most_needed_action(campaign, chosen=None):
    """The open action that most needs people, tally joined, or None (one query).

    `chosen` (a page of any language) wins while it is live and open. Otherwise: actions
    still short of their goal (or without one) first, then the one closing soonest, then
    the furthest from its goal, then the newest.
    """
    actions = open_actions(campaign)
    if chosen is not None:
        return for_reader(actions.filter(translation_key=chosen.translation_key)).first()
    counted = Case(
        When(kind="petition", then=F("counted_signatures")), default=F("counted_letters")
    )
    reached = Case(When(goal__isnull=False, goal__lte=counted, then=Value(1)), default=Value(0))
    return (
        actions.annotate(goal_reached_first=reached)
        .order_by(
            "goal_reached_first",
            F("deadline").asc(nulls_last=True),
            F("goal").desc(nulls_last=True),
            "-first_published_at",
            "-pk",
        )
        .first()
    )


def related_actions(case_ids=(), campaign_id=None, limit=RELATED_ACTIONS):
    """Live actions about any of `case_ids` or naming the campaign: open ones first.

    One query (plus Wagtail's check for private sections), whatever the number of cases.
    """
    about = Q()
    # Matched by translation key: a case or campaign in any language names the same
    # actions, shown in the reader's language where translated.
    if case_ids:
        cases = Page.objects.filter(pk__in=case_ids).values("translation_key")
        through = ActionPage.related_cases.through.objects.filter(
            casepage__translation_key__in=cases
        )
        about |= Q(pk__in=through.values("actionpage_id"))
    if campaign_id:
        campaign = Page.objects.filter(pk=campaign_id).values("translation_key")
        about |= Q(related_campaign__translation_key__in=campaign)
    if not about:
        return []
    closed_last = Case(When(open_q(), then=Value(0)), default=Value(1))
    named = ActionPage.objects.filter(about).values("translation_key")
    actions = for_reader(ActionPage.objects.live().public().filter(translation_key__in=named))
    return list(
        for_teasers(actions)
        .annotate(closed_last=closed_last)
        .order_by("closed_last", "-first_published_at", "-pk")[:limit]
    )
