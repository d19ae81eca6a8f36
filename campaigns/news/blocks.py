"""The blocks a news issue is written with. Each renders twice: as HTML (its template)
and as plain text (`as_text`), because every issue is sent with both parts.

The "latest case updates" and "open actions" blocks offer what is on the site now as
choices; left empty they take the latest ones when the email is written, so an issue needs
no editing to be current. Either way each reader gets the items in their language where
translated (`home.i18n.for_reader`).
"""

import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from campaigns.actions.models import ActionPage
from campaigns.actions.queries import open_q
from campaigns.cases.models import CasePage, CaseUpdate
from campaigns.supporters.tokens import absolute
from home.blocks import CAMPAIGN_GROUP, LINK_GROUP, TEXT_GROUP
from home.i18n import default_locale_id, for_reader

# How many recent items the choosers offer, and at most how many a block includes.
CHOICES_OFFERED = 30
MAX_ITEMS = 10
SUMMARY_WORDS = 40


def plain(html):
    return " ".join(strip_tags(html or "").split())


SITE_HREF = re.compile(r'href="(/[^"]*)"')
LINK = re.compile(r"<a\b[^>]*\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)


def absolute_links(html):
    """Rich text as an email needs it: links to this site made absolute, since a mail
    client has no site to resolve "/cases/x/" against."""
    return SITE_HREF.sub(lambda match: f'href="{absolute(match.group(1))}"', html)


def text_with_links(html):
    """Rich text as plain words, each link followed by its address in brackets, so the
    plain-text part keeps every link."""
    html = LINK.sub(
        lambda match: f"{match.group(2)} ({unescape(match.group(1))})", absolute_links(html)
    )
    return plain(html)


def live_updates():
    """Updates of cases anyone may read: live and without a view restriction (an update
    of a private case must not reach every subscriber's inbox)."""
    public_cases = CasePage.objects.live().public().values("pk")
    return CaseUpdate.objects.filter(page__in=public_cases).select_related("page")


def open_actions():
    return ActionPage.objects.live().public().filter(open_q())


def update_choices():
    """The latest updates of published cases, for the editor to pick from (English)."""
    updates = live_updates().filter(locale_id=default_locale_id()).order_by("-date", "-pk")
    return [
        (str(update.pk), f"{update.date:%Y-%m-%d} · {update.page.title}: {update.title}")
        for update in updates[:CHOICES_OFFERED]
    ]


def action_choices():
    """The open petitions and letters, for the editor to pick from (English)."""
    actions = open_actions().filter(locale_id=default_locale_id()).order_by("-first_published_at")
    return [(str(action.pk), action.title) for action in actions[:CHOICES_OFFERED]]


def chosen_or_latest(queryset, chosen, count, order):
    """The chosen items (pks of English rows) in the reader's language, or the latest
    `count`; one query."""
    if chosen:
        keys = queryset.model._default_manager.filter(pk__in=chosen).values("translation_key")
        queryset = queryset.filter(translation_key__in=keys)
    return list(for_reader(queryset).order_by(*order)[: min(count or MAX_ITEMS, MAX_ITEMS)])


class HeadingBlock(blocks.CharBlock):
    """A section title inside the email."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("A short title for the section below it."))
        super().__init__(max_length=120, **kwargs)

    class Meta:
        icon = "title"
        label = _("Heading")
        group = TEXT_GROUP
        description = _("A section title inside the email.")
        template = "campaigns/news/blocks/heading.html"
        preview_value = "News from the trials"

    def as_text(self, value):
        return f"{value}\n{'=' * len(value)}"


class ParagraphBlock(blocks.RichTextBlock):
    """Text in the campaign's own words: bold, italic and links only (email clients)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("Plain words; only facts the case pages carry, with their sources.")
        )
        super().__init__(features=["bold", "italic", "link"], **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        group = TEXT_GROUP
        description = _("Text in the campaign's words: bold, italic and links.")
        template = "campaigns/news/blocks/paragraph.html"
        preview_value = "<p>The appeal was heard this week.</p>"

    def get_context(self, value, parent_context=None):
        html = mark_safe(absolute_links(str(value.__html__())))  # noqa: S308 - editor's rich text, as |richtext gives it
        return {**super().get_context(value, parent_context), "html": html}

    def as_text(self, value):
        return text_with_links(str(value.__html__()))


class LatestUpdatesBlock(blocks.StructBlock):
    """The latest updates of the cases: the ones picked, or the newest when none is."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        default=_("Latest case updates"),
        help_text=_("Shown above the list; leave empty for none."),
    )
    updates = blocks.MultipleChoiceBlock(
        label=_("Updates"),
        choices=update_choices,
        required=False,
        help_text=_("Pick some, or leave empty to include the newest ones when it is sent."),
    )
    count = blocks.IntegerBlock(
        label=_("How many"),
        default=3,
        min_value=1,
        max_value=MAX_ITEMS,
        help_text=_("Used when none is picked."),
    )

    class Meta:
        icon = "date"
        label = _("Latest case updates")
        group = CAMPAIGN_GROUP
        description = _("The newest updates of the cases, or the ones you pick.")
        help_text = _(
            "Updates of published cases, each linked to its case, in the reader's language."
        )
        template = "campaigns/news/blocks/items.html"
        preview_value = {"heading": "Latest case updates", "updates": [], "count": 3}

    def items(self, value):
        updates = chosen_or_latest(
            live_updates(), value.get("updates"), value.get("count"), ["-date", "-pk"]
        )
        return [
            {
                "title": f"{update.page.title}: {update.title}",
                "date": update.date,
                "text": Truncator(plain(update.body)).words(SUMMARY_WORDS),
                "url": absolute(f"{update.page.url or '/'}#{update.anchor}"),
            }
            for update in updates
        ]

    def get_context(self, value, parent_context=None):
        return {**super().get_context(value, parent_context), "items": self.items(value)}

    def as_text(self, value):
        return items_text(value.get("heading"), self.items(value))


class OpenActionsBlock(blocks.StructBlock):
    """Open petitions and letters: the ones picked, or the newest open ones."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        default=_("Act now"),
        help_text=_("Shown above the list; leave empty for none."),
    )
    actions = blocks.MultipleChoiceBlock(
        label=_("Actions"),
        choices=action_choices,
        required=False,
        help_text=_("Pick some, or leave empty to include the newest open ones when it is sent."),
    )
    count = blocks.IntegerBlock(
        label=_("How many"),
        default=3,
        min_value=1,
        max_value=MAX_ITEMS,
        help_text=_("Used when none is picked."),
    )

    class Meta:
        icon = "pick"
        label = _("Open actions")
        group = CAMPAIGN_GROUP
        description = _("Petitions and letters still open, or the ones you pick.")
        help_text = _("Petitions and letters still open, each linked, in the reader's language.")
        template = "campaigns/news/blocks/items.html"
        preview_value = {"heading": "Act now", "actions": [], "count": 3}

    def items(self, value):
        actions = chosen_or_latest(
            open_actions(), value.get("actions"), value.get("count"), ["-first_published_at"]
        )
        return [
            {
                "title": action.title,
                "text": Truncator(action.search_description or "").words(SUMMARY_WORDS),
                "url": absolute(action.url or "/"),
            }
            for action in actions
        ]

    def get_context(self, value, parent_context=None):
        return {**super().get_context(value, parent_context), "items": self.items(value)}

    def as_text(self, value):
        return items_text(value.get("heading"), self.items(value))


class ButtonBlock(blocks.StructBlock):
    """A link shown as a button: one clear thing to do."""

    text = blocks.CharBlock(
        label=_("Text"), max_length=60, help_text=_("What to do, in a few words.")
    )
    url = blocks.URLBlock(
        label=_("Address"), help_text=_("The full address, starting with https://.")
    )

    class Meta:
        icon = "link"
        label = _("Button")
        group = LINK_GROUP
        description = _("A link shown as a button.")
        help_text = _("One clear thing to do, e.g. “Sign the petition”.")
        template = "campaigns/news/blocks/button.html"
        preview_value = {"text": "Sign the petition", "url": "https://example.org/"}

    def as_text(self, value):
        return f"{value['text']}: {value['url']}"


def items_text(heading, items):
    lines = [heading, "=" * len(heading), ""] if heading else []
    for item in items:
        lines += [f"* {item['title']}", *([item["text"]] if item["text"] else []), item["url"], ""]
    return "\n".join(lines).strip()


class NewsBodyBlock(blocks.StreamBlock):
    """The body of a news issue."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    latest_updates = LatestUpdatesBlock()
    open_actions = OpenActionsBlock()
    button = ButtonBlock()

    def as_text(self, value):
        return "\n\n".join(child.block.as_text(child.value) for child in value)
