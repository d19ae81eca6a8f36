"""The actions a page shows: a campaign's open ones, or those about some cases."""

from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, Value, When
from django.utils import timezone
from wagtail.models import Page

from campaigns.cases.fragments import kept
from campaigns.related import in_campaign
from home.i18n import active_locale_id, for_reader

from .models import ActionPage, for_teasers, with_live_counts

RELATED_ACTIONS = 6


def open_q(now=None):
    """Actions that still take signatures or letters."""
    return Q(deadline__isnull=True) | Q(deadline__gt=now or timezone.now())


def open_actions(campaign):
    """Live, open actions naming `campaign`, newest first, tallies joined (one query)."""
    actions = in_campaign(ActionPage.objects.live().public(), campaign).filter(open_q())
    return for_teasers(actions).order_by("-first_published_at", "-pk")


def actions_of_page(campaign, chosen_ids=(), with_open=True):
    """Every action a campaign page shows, tallies joined, newest first, in one query: the
    actions of `chosen_ids` (its counters' and calls to action's, in any state) with their
    live translations in the reader's language (as `home.blocks.teaser_pages` reads them),
    and with `with_open` the campaign's open actions (`open_actions`), marked `listed`."""
    chosen_ids = set(chosen_ids)
    wanted = Q(pk__in=chosen_ids)
    active = active_locale_id()
    if chosen_ids and active is not None:
        keys = ActionPage.objects.filter(pk__in=chosen_ids).values("translation_key")
        wanted |= Q(translation_key__in=keys, locale_id=active, live=True)
    listed = None
    if with_open and campaign.pk is not None:
        open_ones = in_campaign(ActionPage.objects.live().public(), campaign).filter(open_q())
        listed = Q(pk__in=open_ones.values("pk"))
        wanted |= listed
    if not chosen_ids and listed is None:
        return []
    flag = Value(False) if listed is None else ExpressionWrapper(listed, BooleanField())
    actions = for_teasers(ActionPage.objects.filter(wanted)).annotate(listed=flag)
    return list(actions.order_by("-first_published_at", "-pk"))


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


def related_actions(case_ids=(), campaign_id=None, limit=RELATED_ACTIONS, key=None):
    """Live actions about any of `case_ids` (a list, or a callable giving one) or naming
    the campaign: open ones first, counts joined.

    Which actions those are, and what they say, changes only with a publish, so they are
    kept beside the page's fragments under its `key` (campaigns.cases.fragments; None:
    read afresh): then a request reads only the shown actions' live counts (one small
    query). Whether each is still open is decided now, from its deadline.
    """
    read_now = []

    def candidates_of_now():
        read_now.append(True)  # read with their counts: none to read again
        return related_candidates(case_ids, campaign_id)

    candidates = kept(key, "related-action-pages", candidates_of_now)
    now = timezone.now()
    # A stable sort: the open ones first, each group newest first as kept.
    shown = sorted(candidates, key=lambda a: a.deadline is not None and a.deadline <= now)
    shown = shown[:limit]
    if shown and not read_now:
        with_live_counts(shown)
    return shown


def related_candidates(case_ids=(), campaign_id=None):
    """Every live, public action about any of `case_ids` or naming the campaign, in the
    reader's language where translated, newest first, counts joined: one query (plus the
    request's view-restriction check), whatever the number of cases."""
    if callable(case_ids):
        case_ids = case_ids()
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
    named = ActionPage.objects.filter(about).values("translation_key")
    actions = for_reader(ActionPage.objects.live().public().filter(translation_key__in=named))
    return list(for_teasers(actions).order_by("-first_published_at", "-pk"))
