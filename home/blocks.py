"""Generic StreamField blocks for any page of the site.

One small block per idea; each has an icon, a label, help text, a preview and
its own template under `templates/blocks/`. Campaign-specific blocks live in
the feature packages of `campaigns` (their `blocks` modules) and may build on
these; nothing here imports `campaigns`.
"""

import copy
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from home.i18n import active_locale_id, localize_page

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]

# The block picker's menu: the same five groups in every StreamField of the site.
TEXT_GROUP = _("Text")
MEDIA_GROUP = _("Media")
DATA_GROUP = _("Data and sources")
LINK_GROUP = _("Links and buttons")
CAMPAIGN_GROUP = _("Cases, actions and news")
BLOCK_GROUPS = (TEXT_GROUP, MEDIA_GROUP, DATA_GROUP, LINK_GROUP, CAMPAIGN_GROUP)


def first_image():
    """A real image from the library for block previews, if there is one."""
    return get_image_model().objects.order_by("pk").first()


class PageChoiceBlock(blocks.PageChooserBlock):
    """A page chooser that says what to choose when it is left empty.

    The stock message ("This field is required.") does not tell an editor which page
    type fits; this one keeps it and adds the plain instruction.
    """

    def __init__(self, *args, required_message=None, **kwargs):
        self.required_message = required_message
        super().__init__(*args, **kwargs)

    @cached_property
    def field(self):
        field = super().field
        if self.required_message:
            field.error_messages["required"] = self.required_message
        return field


def heading_anchor(text):
    # Unicode slugs keep Russian and Kazakh headings linkable.
    return slugify(text or "", allow_unicode=True)[:60] or "section"


class HeadingValue(blocks.StructValue):
    def anchor_id(self):
        return self.get("anchor") or heading_anchor(self.get("text"))


class HeadingBlock(blocks.StructBlock):
    """A section heading; its anchor lets other pages (and the table of contents) link to it."""

    text = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("Short and descriptive, e.g. “What happened in Zhanaozen”."),
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[
            ("h2", _("Section (H2)")),
            ("h3", _("Subsection (H3)")),
            ("h4", _("Minor heading (H4)")),
        ],
        default="h2",
        help_text=_("Use H2 for sections and H3 within them; don't skip levels."),
    )
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=60,
        help_text=_(
            "A link name for this section, e.g. “sentence” for #sentence. "
            "Made from the heading when empty."
        ),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        group = TEXT_GROUP
        template = "blocks/heading.html"
        value_class = HeadingValue
        help_text = _("Starts a new section of the page.")
        description = _("A section heading with a linkable anchor.")
        preview_value = {"text": "Why these cases matter", "level": "h2", "anchor": ""}

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor")
        if anchor and slugify(anchor, allow_unicode=True) != anchor:
            raise StructBlockValidationError(
                block_errors={
                    "anchor": ValidationError(
                        _(
                            "Use only lower-case letters, digits and hyphens, "
                            "e.g. “%(suggestion)s”."
                        ),
                        params={"suggestion": heading_anchor(anchor)},
                    )
                }
            )
        return value


class ParagraphBlock(blocks.RichTextBlock):
    """Body text with bold, italics, links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        # A field block shows its form field's help text, not the Meta one.
        kwargs.setdefault("help_text", self._meta_class.help_text)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        group = TEXT_GROUP
        template = "blocks/paragraph.html"
        help_text = _("Plain prose. Keep paragraphs short; link to your sources.")
        description = _("Text with bold, italics, links and lists.")
        preview_value = (
            "<p>Political prisoners are people jailed for what they said, wrote or organised. "
            "Each case on this site is documented with <a href='#'>sources</a>.</p>"
        )


class ImageFigureBlock(blocks.StructBlock):
    """A photo or illustration with alt text for this context, a caption and its credit."""

    image = ImageBlock(
        label=_("Image"),
        help_text=_(
            "Choose a photo, then describe what it shows here, in this page's context "
            "(alt text for people who cannot see it)."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=300,
        help_text=_("Shown under the image. Say who, where and when."),
    )
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the credit and licence stored with the image."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        group = MEDIA_GROUP
        template = "blocks/image.html"
        help_text = _("Images of people need their consent or a public source, and a credit.")
        description = _("A photo or illustration with caption and credit.")

    def get_preview_value(self):
        # Previews use a real image from the library (there is no fixed one to ship).
        return self.to_python(
            {
                "image": getattr(first_image(), "pk", None),
                "caption": "Supporters outside the Almaty city court, 2019.",
            }
        )


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it and where."""

    quote = blocks.TextBlock(
        label=_("Quote"),
        max_length=1000,
        help_text=_("The exact words, without quotation marks: they are added for you."),
    )
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=200,
        help_text=_("Who said or wrote it, e.g. “Amnesty International”."),
    )
    source_title = blocks.CharBlock(
        label=_("Source"),
        required=False,
        max_length=200,
        help_text=_("Where it was said, e.g. the report's title."),
    )
    source_url = blocks.URLBlock(
        label=_("Source link"),
        required=False,
        help_text=_("Where readers can check the quote, e.g. the report's web address."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        group = TEXT_GROUP
        template = "blocks/quote.html"
        help_text = _("Quote exactly and cite the source.")
        description = _("A quotation with attribution and source.")
        preview_value = {
            "quote": "Nobody should be imprisoned for peacefully expressing their views.",
            "attribution": "Amnesty International",
            "source_title": "Urgent Action",
            "source_url": "",
        }


class CalloutBlock(blocks.StructBlock):
    """A boxed note that stands out from the text: context, a warning or an urgent ask."""

    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("urgent", _("Urgent"))],
        default="info",
        help_text=_("Information for context, warning for risks, urgent for a deadline."),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("A few words that say what the box is about."),
    )
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        help_text=_("One or two short paragraphs."),
    )

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        group = TEXT_GROUP
        template = "blocks/callout.html"
        help_text = _("Use sparingly: one or two per page.")
        description = _("A highlighted box for context, warnings or urgent asks.")
        preview_value = {
            "tone": "warning",
            "heading": _("Writing to a prisoner"),
            "text": "<p>Never mention politics in a letter to a prison: it may not arrive.</p>",
        }


MAX_TABLE_COLUMNS = 8
MAX_TABLE_ROWS = 100


class TableBlock(WagtailTableBlock):
    """A small data table with a caption; the first row holds column headings."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "table_options",
            {
                "startRows": 3,
                "startCols": 3,
                "maxRows": MAX_TABLE_ROWS,
                "maxCols": MAX_TABLE_COLUMNS,
            },
        )
        # A field block shows its form field's help text, not the Meta one.
        kwargs.setdefault("help_text", self._meta_class.help_text)
        super().__init__(**kwargs)

    # Translated cell by cell (wagtail-localize's protocol for blocks it does not know):
    # each filled cell and the caption is a string to translate.
    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue  # noqa: PLC0415

        value = value or {}
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for row_number, row in enumerate(value.get("data") or []):
            for column, cell in enumerate(row or []):
                if cell:
                    segments.append(StringSegmentValue(f"r{row_number}c{column}", cell))
        return segments

    def restore_translated_segments(self, value, segments):
        value = copy.deepcopy(value)
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            else:
                row, column = (int(part) for part in segment.path[1:].split("c"))
                value["data"][row][column] = text
        return value

    def clean(self, value):
        value = super().clean(value)
        rows = [
            row
            for row in (value or {}).get("data") or []
            if any(cell not in (None, "") for cell in row or [])
        ]
        if not rows:
            raise ValidationError(_("The table is empty: type the data in, or remove the block."))
        columns = max(
            (
                index + 1
                for row in rows
                for index, cell in enumerate(row)
                if cell not in (None, "")
            ),
            default=0,
        )
        if columns > MAX_TABLE_COLUMNS:
            raise ValidationError(
                _(
                    "This table has %(columns)s columns; at most %(limit)s fit on a phone. "
                    "Split it into two tables, or link to a spreadsheet."
                ),
                params={"columns": columns, "limit": MAX_TABLE_COLUMNS},
            )
        if len(rows) > MAX_TABLE_ROWS:
            raise ValidationError(
                _(
                    "This table has %(rows)s rows; at most %(limit)s are allowed. "
                    "Link to a spreadsheet for longer data."
                ),
                params={"rows": len(rows), "limit": MAX_TABLE_ROWS},
            )
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        group = DATA_GROUP
        template = "blocks/table.html"
        help_text = _(
            "Give the table a caption and mark the first row as headings. "
            "At most 8 columns and 100 rows."
        )
        description = _("A data table with caption and headings.")
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Cases by status",
            "table_header_choice": "row",
            "data": [["Status", "People"], ["Imprisoned", "12"], ["Released", "4"]],
        }


class EmbedValue(blocks.StructValue):
    def host(self):
        return urlsplit(self.get("url") or "").hostname or ""


class EmbedBlock(blocks.StructBlock):
    """A video or post on another site, shown as a link so no third party sees the reader.

    Supporters may read this site where the cause is dangerous: loading a
    player would tell the video host who they are. The link says where it goes.
    """

    url = blocks.URLBlock(
        label=_("Address"),
        help_text=_("The page of the video or post, e.g. a YouTube or Vimeo address."),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        help_text=_("What the reader will see there."),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=300,
        help_text=_("Shown under the link: who made it and when."),
    )

    class Meta:
        icon = "media"
        label = _("Video or external media")
        group = MEDIA_GROUP
        template = "blocks/embed.html"
        value_class = EmbedValue
        help_text = _(
            "Shown as a link to the other site, never as an embedded player, "
            "so readers are not tracked."
        )
        description = _("A link card to a video or post on another site.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=example",
            "title": "Hearing in Almaty, March 2019 (video)",
            "caption": "",
        }


class LinkValue(blocks.StructValue):
    """A link's address and words; a page link leads to the page in the reader's language
    where it is translated (a chooser keeps the page it was given, usually the English one).

    `request`, given when the link is rendered (`LinkBlock.get_context`),
    lets Wagtail build the address from the site root paths it keeps on the request;
    `page.url` without it reads them from the cache for every link."""

    request = None

    @cached_property
    def target(self):
        return localize_page(self.get("page"))

    def href(self):
        page = self.target
        return page.get_url(self.request) if page else self.get("url")

    def text(self):
        page = self.target
        return self.get("label") or (page.title if page else self.get("url"))


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another address."""

    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=80,
        help_text=_("The words readers click. Leave empty to use the page's title."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page"),
        required=False,
        help_text=_("A page of this site, e.g. a case or a petition."),
    )
    url = blocks.URLBlock(
        label=_("Or an address on another site"),
        required=False,
        help_text=_("Only when the link leaves this site, e.g. https://www.hrw.org/…"),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        group = LINK_GROUP
        template = "blocks/link.html"
        value_class = LinkValue
        help_text = _("Choose a page, or give an address for another site.")
        description = _("A link to a page or address.")
        form_classname = "link-block"
        preview_value = {
            "label": "Human Rights Watch on Kazakhstan",
            "url": "https://www.hrw.org/europe/central-asia/kazakhstan",
        }

    def get_context(self, value, parent_context=None):
        value.request = (parent_context or {}).get("request")
        return super().get_context(value, parent_context)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = (
                _("Choose a page or enter an address, not both.")
                if value.get("page")
                else _("Choose a page or enter an address.")
            )
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        if value.get("url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("Links to other sites need a text."))}
            )
        return value


class ButtonLinkBlock(LinkBlock):
    """A prominent button, e.g. “Sign the petition”."""

    style = blocks.ChoiceBlock(
        label=_("Style"),
        choices=[("primary", _("Primary (one per section)")), ("secondary", _("Secondary"))],
        default="primary",
        help_text=_("Primary for the one thing a reader should do here; secondary for others."),
    )

    class Meta:
        icon = "arrow-right-full"
        label = _("Button")
        group = LINK_GROUP
        template = "blocks/button.html"
        help_text = _("A call to action. Use a verb: “Write a letter”, “Read the report”.")
        description = _("A button linking to a page or address.")
        preview_value = {
            "label": "Write a letter",
            "url": "https://example.org/act/write-to-the-prosecutor/",
            "style": "primary",
        }


SOURCE_PREVIEW = {
    "title": "Kazakhstan: Events of 2019",
    "publisher": "Human Rights Watch",
    "date": "2020-01-14",
    "url": "https://www.hrw.org/world-report/2020/country-chapters/kazakhstan",
}


class SourceBlock(blocks.StructBlock):
    """One cited source: what it is, who published it, when, and where to read it."""

    title = blocks.CharBlock(
        label=_("Title"),
        max_length=300,
        help_text=_("The title of the report, article or ruling, as published."),
    )
    publisher = blocks.CharBlock(
        label=_("Publisher"),
        required=False,
        max_length=200,
        help_text=_("e.g. RFE/RL, Human Rights Watch, a court."),
    )
    date = blocks.DateBlock(label=_("Date"), required=False, help_text=_("When it was published."))
    url = blocks.URLBlock(
        label=_("Link"),
        required=False,
        help_text=_("Where to read it. An archived copy is better than none."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Source")
        group = DATA_GROUP
        template = "blocks/source.html"
        help_text = _("A report, article or ruling that supports what the page says.")
        description = _("One cited source: title, publisher, date and link.")
        preview_value = SOURCE_PREVIEW


class SourcesListBlock(blocks.StructBlock):
    """The numbered list of sources a page's claims rest on."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        default=_("Sources"),
        max_length=80,
        help_text=_("Usually just “Sources”."),
    )
    sources = blocks.ListBlock(
        SourceBlock(),
        label=_("Sources"),
        min_num=1,
        max_num=50,
        help_text=_("One entry per source, in the order the page cites them."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Sources")
        group = DATA_GROUP
        template = "blocks/sources.html"
        help_text = _("Every fact about a person should be traceable to one of these.")
        description = _("A numbered list of cited sources.")
        preview_value = {
            "heading": "Sources",
            "sources": [
                SOURCE_PREVIEW,
                {
                    "title": "Kazakhstan: Activist jailed for “inciting discord”",
                    "publisher": "Amnesty International",
                    "date": "2019-06-04",
                    "url": "https://www.amnesty.org/en/location/europe-and-central-asia/kazakhstan/",
                },
            ],
        }


# An app whose pages a call to action promotes registers, under this hook name, a function
# that takes a queryset of the chosen pages and returns it with what the teaser shows read
# along (the live count), so that all the teasers of a page are read in one query.
TEASER_PAGES_HOOK = "annotate_action_teaser_pages"


# Pages read ahead by the page being drawn, for its blocks (`pages_read_ahead`).
_read_ahead = ContextVar("home_blocks_pages_read_ahead", default=None)


@contextmanager
def pages_read_ahead(ids, pages):
    """Inside the block, the blocks that choose pages answer from `pages` instead of
    reading them: the pages of `ids` (in any state) with their live translations in the
    reader's language, annotated as by `TEASER_PAGES_HOOK`, that the page being drawn read
    along with the rest of what it lists (a campaign page reads its open actions and the
    actions of its counters and calls to action in one query)."""
    token = _read_ahead.set((frozenset(ids), tuple(pages)))
    try:
        yield
    finally:
        _read_ahead.reset(token)


def read_ahead(model, ids):
    """The pages of `model` read ahead for `ids` and their translations (a superset, see
    `pages_read_ahead`), or None when they were not read ahead."""
    ahead = _read_ahead.get()
    if ahead is None or not set(ids) <= ahead[0]:
        return None
    return [page for page in ahead[1] if isinstance(page, model)]


def teaser_pages(model, ids):
    """The pages of `model` with these ids and their live translations in the reader's
    language, in one query, each passed through the `TEASER_PAGES_HOOK` functions (none
    when the page read them ahead)."""
    active = active_locale_id()
    ahead = read_ahead(model, ids)
    if ahead is not None:
        keys = {page.translation_key for page in ahead if page.pk in ids}
        return [
            page
            for page in ahead
            if page.pk in ids
            or (page.locale_id == active and page.live and page.translation_key in keys)
        ]
    chosen = model._default_manager.filter(pk__in=ids)
    if active is not None:
        keys = chosen.values("translation_key")
        chosen = model._default_manager.filter(
            Q(pk__in=ids) | Q(translation_key__in=keys, locale_id=active, live=True)
        )
    chosen = chosen.defer_streamfields()
    for annotate in hooks.get_hooks(TEASER_PAGES_HOOK):
        chosen = annotate(chosen)
    return list(chosen)


class ActionTeaserValue(blocks.StructValue):
    """A call to action's value: `action` is the page the editor chose (saved as chosen);
    `reader_action` is that action in the reader's language where it is translated and
    live, read with the others of the page by `ActionTeaserBlock.bulk_to_python`."""

    @cached_property
    def reader_action(self):
        return localize_page(self.get("action"))


class ActionTeaserBlock(blocks.StructBlock):
    """A call to action from any page: a petition or letter with its live count.

    Refers to the action page type by name (`campaigns.ActionPage`), as everything in this
    module must; the template reads the action's count and state from the page. The
    actions of every teaser of a page, their translations and counts are read in one query
    (`bulk_to_python`), not two or three per teaser.
    """

    action = PageChoiceBlock(
        page_type="campaigns.ActionPage",
        label=_("Action"),
        help_text=_("The petition or letter to promote."),
        required_message=_("This field is required: choose a petition or a letter page."),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the action's title."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        max_length=300,
        help_text=_("Leave empty to use the action's demand (“what we ask”)."),
    )
    button_label = blocks.CharBlock(
        label=_("Button text"),
        required=False,
        max_length=40,
        help_text=_("Leave empty for “Sign the petition” or “Write a letter”."),
    )

    class Meta:
        icon = "edit"
        label = _("Call to action")
        group = CAMPAIGN_GROUP
        template = "blocks/action_teaser.html"
        value_class = ActionTeaserValue
        help_text = _("Promote a petition or a letter; its count updates by itself.")
        description = _("A petition or letter with its live count and a button.")
        preview_value = {
            "heading": "Reform the “inciting discord” article",
            "text": "Ask parliament to rewrite the law used to jail critics.",
            "button_label": "Sign the petition",
        }

    def get_preview_value(self):
        # The picker shows a real action, its title, demand and count, when the site has one.
        model = self.child_blocks["action"].model_class
        action = model.objects.live().public().order_by("pk").first()
        if action is None:
            return super().get_preview_value()
        return self.normalize({"action": action, "heading": "", "text": "", "button_label": ""})

    def bulk_to_python(self, values):
        """The chosen actions of every teaser of a page, with their translations in the
        reader's language and their counts, read in one query."""
        values = list(values)
        ids = {value.get("action") for value in values} - {None}
        if not ids:
            return super().bulk_to_python(values)
        pages = teaser_pages(self.child_blocks["action"].model_class, ids)
        by_id = {page.pk: page for page in pages}
        active = active_locale_id()
        translated = {page.translation_key: page for page in pages if page.locale_id == active}
        converted = super().bulk_to_python(
            [{name: item for name, item in value.items() if name != "action"} for value in values]
        )
        for struct, value in zip(converted, values, strict=True):
            chosen = by_id.get(value.get("action"))
            struct["action"] = chosen
            if chosen is not None:
                reader = translated.get(chosen.translation_key, chosen)
                struct.__dict__["reader_action"] = reader
        return converted

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # The action in the reader's language where it is translated.
        action = value.reader_action
        context["action"] = action.specific if action is not None and action.live else None
        return context

    def clean(self, value):
        # The chooser offers only actions, but a pasted or edited id could name any page.
        value = super().clean(value)
        page = value.get("action")
        target = self.child_blocks["action"].target_model
        if page is not None and not issubclass(page.specific_class, target):
            raise StructBlockValidationError(
                block_errors={"action": ValidationError(_("Choose a petition or a letter page."))}
            )
        return value


class AddressValue(blocks.StructValue):
    def postal_lines(self):
        """The envelope's lines: street and building, postcode and city, country."""
        lines = (self.get("postal_address") or "").splitlines()
        lines.append(" ".join(filter(None, (self.get("postcode"), self.get("city")))))
        lines.append(self.get("country") or "")
        return [line for line in (line.strip() for line in lines) if line]


class AddressBlock(blocks.StructBlock):
    """Where to send a letter: an official, an embassy, or a prison, with the complete
    postal address (street, postcode, city, country) and the official email if any."""

    recipient = blocks.CharBlock(
        label=_("Recipient"),
        max_length=200,
        help_text=_("A name and title, e.g. “Prosecutor General of Kazakhstan”."),
    )
    postal_address = blocks.TextBlock(
        label=_("Office, street and building"),
        required=False,
        max_length=500,
        help_text=_(
            "The lines above the city, e.g. “14 Mangilik El Avenue”, one line per line. "
            "Leave empty what you cannot check against an official source."
        ),
    )
    postcode = blocks.CharBlock(
        label=_("Postcode"), required=False, max_length=20, help_text=_("e.g. “010000”.")
    )
    city = blocks.CharBlock(
        label=_("City"), required=False, max_length=100, help_text=_("e.g. “Astana”.")
    )
    country = blocks.CharBlock(
        label=_("Country"),
        required=False,
        max_length=100,
        help_text=_("In the page's language, e.g. “Kazakhstan”."),
    )
    email = blocks.EmailBlock(
        label=_("Official email"),
        required=False,
        help_text=_(
            "Only an address the office publishes for appeals, e.g. a ministry's reception."
        ),
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=200,
        help_text=_("e.g. “Write in Russian or Kazakh” or “Letters are read by the prison”."),
    )

    class Meta:
        icon = "mail"
        label = _("Address")
        group = CAMPAIGN_GROUP
        template = "blocks/address.html"
        value_class = AddressValue
        help_text = _(
            "One recipient with a postal address (at least the city and country), an "
            "official email address, or both."
        )
        description = _("Where supporters send a letter: who, the postal address and email.")
        preview_value = {
            "recipient": "Prosecutor General of the Republic of Kazakhstan",
            "postal_address": "Prosecutor General's Office",
            "postcode": "",
            "city": "Astana",
            "country": "Kazakhstan",
            "email": "",
            "note": "Write in Russian, Kazakh or English.",
        }

    def clean(self, value):
        value = super().clean(value)
        has_post = any(value.get(name) for name in ("postal_address", "postcode", "city"))
        if has_post or value.get("country"):
            missing = {
                name: ValidationError(_("A postal address needs its city and country."))
                for name in ("city", "country")
                if not value.get(name)
            }
            if missing:
                raise StructBlockValidationError(block_errors=missing)
        elif not value.get("email"):
            raise StructBlockValidationError(
                block_errors={
                    "city": ValidationError(
                        _(
                            "Give a postal address (at least the city and country), an email "
                            "address, or both."
                        )
                    )
                }
            )
        return value


# The generic blocks whose drawing depends only on the page's revision, its language and the
# pages and pictures they name (no request, no live count): wherever a body is drawn they
# are kept as fragments with the page (home.fragments.fragment_context). An action teaser
# shows a live count and is drawn each time.
STATIC_BODY_BLOCKS = frozenset(
    {"heading", "paragraph", "quote", "callout", "image", "embed", "table", "button", "sources"}
)


class BodyBlock(blocks.StreamBlock):
    """The body of a generic page: text, media, data and links."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    image = ImageFigureBlock()
    embed = EmbedBlock()
    table = TableBlock()
    button = ButtonLinkBlock()
    sources = SourcesListBlock()
    action = ActionTeaserBlock()

    class Meta:
        # One list of sources per page: the numbered notes would collide otherwise.
        block_counts = {"sources": {"max_num": 1}}

    def clean(self, value):
        value = super().clean(value)
        seen = {}
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            anchor = child.value.anchor_id()
            if anchor in seen:
                errors[index] = ValidationError(
                    _(
                        "Another heading already uses the anchor “%(anchor)s”: give this one "
                        "a different anchor so links to each section work."
                    ),
                    params={"anchor": anchor},
                )
            seen[anchor] = index
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


SOCIAL_NETWORKS = [
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("telegram", "Telegram"),
    ("x", "X (Twitter)"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("other", _("Other")),
]


class SocialLinkValue(blocks.StructValue):
    def network_label(self):
        return dict(SOCIAL_NETWORKS).get(self.get("network"), "")


class SocialLinkBlock(blocks.StructBlock):
    """The organisation's profile on a social network."""

    network = blocks.ChoiceBlock(
        label=_("Network"),
        choices=SOCIAL_NETWORKS,
        help_text=_("Its name is the link's text."),
    )
    url = blocks.URLBlock(
        label=_("Profile address"),
        help_text=_("The full address of the profile, e.g. https://mastodon.social/@name."),
    )

    class Meta:
        icon = "site"
        label = _("Social profile")
        group = LINK_GROUP
        value_class = SocialLinkValue
        template = "blocks/social_link.html"
        help_text = _("Shown as a plain link in the footer: no tracking buttons.")
        description = _("A link to the campaign's profile on a social network.")
        preview_value = {"network": "mastodon", "url": "https://mastodon.social/@example"}


class LinkListBlock(blocks.StreamBlock):
    """Navigation links: a menu or the footer."""

    link = LinkBlock()

    class Meta:
        max_num = 12
        help_text = _("At most 12 links; keep the main menu to about six.")


# --- The home page: generic blocks plus the campaign sections other apps register ---------

# `home` knows nothing of campaigns: an app that has cases, actions or news to put on the
# front page registers a function under this hook name (in its `wagtail_hooks` module)
# returning `HomeSection`s. Wagtail loads those modules once the apps are ready, which is
# before the home page's StreamField first builds its block (see `HomePageBlock`).
HOME_PAGE_SECTIONS_HOOK = "register_home_page_sections"


class HomeSection(NamedTuple):
    """A block offered on the home page.

    `in_default_body`: a new home page starts with this block, at its default value, in
    the hook's order, so that the front page campaigns without any editing.
    `max_num`: how many the page may hold (None: no limit).
    `cached`: its HTML may be kept as a fragment until a page is published
    (home.fragments): true for listings, false for blocks that show live counts.
    """

    name: str
    block: blocks.Block
    in_default_body: bool = True
    max_num: int | None = 1
    cached: bool = False


def home_page_sections():
    """Every registered section, in the order of the hooks and of each hook's list."""
    return [section for hook in hooks.get_hooks(HOME_PAGE_SECTIONS_HOOK) for section in hook()]


class HomePageBlock(BodyBlock):
    """The home page's body: the generic blocks plus the registered campaign sections.

    The StreamField is given this class, not an instance, so the sections are looked up
    when the field first needs its block (apps and hooks loaded), never at import time.
    """

    def __init__(self, local_blocks=None, **kwargs):
        sections = home_page_sections()
        counts = {**self._meta_class.block_counts}
        counts.update({s.name: {"max_num": s.max_num} for s in sections if s.max_num})
        kwargs.setdefault("block_counts", counts)
        local_blocks = [*(local_blocks or ()), *((s.name, s.block) for s in sections)]
        super().__init__(local_blocks, **kwargs)


def default_home_page_body():
    """A new home page's body: each registered section at its defaults (a callable
    default, so each page gets its own list and the hooks are read at creation), cleaned
    as the editor's form would (an empty text is "", not None)."""
    return [
        {
            "type": section.name,
            "value": section.block.get_prep_value(
                section.block.clean(section.block.get_default())
            ),
        }
        for section in home_page_sections()
        if section.in_default_body
    ]
