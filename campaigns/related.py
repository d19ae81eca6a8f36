"""Pages that name a campaign: shared by every feature whose pages choose one.

Cases, blog posts and actions each choose their campaign ("related campaign" on the page);
the landing page and the campaign blocks find them with these helpers. This module imports
no feature: it looks the campaign page type up by name.
"""

from django.apps import apps
from django.db.models import Q

from home.i18n import for_reader


def in_campaign(pages, campaign):
    """`pages` that name `campaign`, in the reader's language; all of them (one per
    translation key, as for a campaign) when there is no campaign, e.g. on the home page."""
    if campaign is None:
        return for_reader(pages)
    if campaign.pk is None:  # a campaign being created and previewed: nothing names it yet
        return pages.none()
    # Any language's version of the campaign: a translation's campaign is the English one
    # (a synchronised field), and a Russian campaign page lists the Russian pages.
    return for_reader(pages.filter(related_campaign__translation_key=campaign.translation_key))


def campaign_of(parent_context):
    """The campaign page being rendered, or None (another page type, or a block preview)."""
    page = (parent_context or {}).get("page")
    return page if isinstance(page, apps.get_model("campaigns", "CampaignPage")) else None


def campaigns_to_choose(request=None):
    """Every campaign page, for a filter's choices."""
    return (
        apps.get_model("campaigns", "CampaignPage")
        .objects.defer_streamfields()
        .order_by("title", "pk")
    )


def campaigns_for_reader():
    """The live campaign pages in the reader's language, by title: one per campaign."""
    return for_reader(campaigns_to_choose().live())


def names_campaign_q(slug):
    """Pages naming the campaign whose address slug (in any of its languages) is `slug`."""
    named = apps.get_model("campaigns", "CampaignPage").objects.filter(slug=slug)
    return Q(related_campaign__translation_key__in=named.values("translation_key"))
