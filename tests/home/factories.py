"""Test data for the shell every feature sits in: the site, its pages, images and blocks.

The block factories build what a StreamField holds, for `body=[("heading",
HeadingBlockFactory(text="Why"))]` or a page factory's `body__0__heading__text="Why"`; the
builders at the end make what the admin's page editor posts instead (form data).
"""

import factory
import polib
import wagtail_factories
from wagtail.images.blocks import ImageBlock
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text, streamfield
from wagtail_localize.models import Translation, TranslationSource

from home.blocks import (
    ActionTeaserBlock,
    BodyBlock,
    HeadingBlock,
    ImageFigureBlock,
    LinkBlock,
    ParagraphBlock,
    SourceBlock,
    SourcesListBlock,
)
from home.demo.translations import import_strings, save_translation
from home.models import (
    CustomImage,
    HomePage,
    Licence,
    SiteSettings,
    SiteTexts,
    StandardPage,
)

# --- images and blocks ------------------------------------------------------------------------


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the library's default creates a new root each time)."""

    title = factory.Sequence(lambda n: f"Photo {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    credit = "Photo: A. Photographer / Example Agency"
    licence = Licence.CC_BY
    file = factory.django.ImageField(width=800, height=600, color="steelblue")

    class Meta:
        model = CustomImage


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: f"Heading {n}")
    level = "h2"
    anchor = ""

    class Meta:
        model = HeadingBlock


class ParagraphBlockFactory(wagtail_factories.blocks.BlockFactory):
    """A rich-text paragraph from its HTML source."""

    value = "<p>Body text.</p>"

    class Meta:
        model = ParagraphBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs["value"])


class ImageBlockFactory(wagtail_factories.ImageBlockFactory):
    """An image with its alt text for this place (a credited image of ours, not decorative)."""

    image = factory.SubFactory(ImageFactory)
    decorative = False
    alt_text = factory.Sequence(lambda n: f"Alt text {n}")

    class Meta:
        model = ImageBlock


class ImageFigureBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageBlockFactory)
    caption = ""
    credit = ""

    class Meta:
        model = ImageFigureBlock


class SourceBlockFactory(wagtail_factories.StructBlockFactory):
    title = factory.Sequence(lambda n: f"Report {n}")
    publisher = "Human Rights Watch"
    date = None
    url = ""

    class Meta:
        model = SourceBlock


class SourcesListBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Sources"
    sources = wagtail_factories.ListBlockFactory(SourceBlockFactory)

    class Meta:
        model = SourcesListBlock


class LinkBlockFactory(wagtail_factories.StructBlockFactory):
    """A link to a page of the site or, with `page=None`, to `url`."""

    label = ""
    page = None
    url = ""

    class Meta:
        model = LinkBlock


class ActionTeaserBlockFactory(wagtail_factories.StructBlockFactory):
    """A call to one action (pass `action=`), in its own words unless given others."""

    action = None
    heading = ""
    text = ""
    button_label = ""

    class Meta:
        model = ActionTeaserBlock


class BodyBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    image = factory.SubFactory(ImageFigureBlockFactory)
    sources = factory.SubFactory(SourcesListBlockFactory)
    action = factory.SubFactory(ActionTeaserBlockFactory)

    class Meta:
        model = BodyBlock


# --- the site and its pages -------------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_heading = "Free them all"
    hero_text = "People jailed for speaking out."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "What this page is about."
    body = wagtail_factories.StreamFieldFactory(BodyBlockFactory)

    class Meta:
        model = StandardPage


def make_site(site_name="", **site_settings):
    """The default site on localhost, with a new home page as its root and its settings.

    Wagtail's migration leaves a placeholder page at /home/; a real site replaces it, and
    so does this. Returns (the tree's root, the home page).
    """
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    root.get_children().delete()
    home = HomePageFactory(parent=root)
    site = wagtail_factories.SiteFactory(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=site_name
    )
    SiteSettings.objects.create(site=site, organisation_name="Test Campaign", **site_settings)
    SiteTexts.objects.create(locale=home.locale)
    return root, HomePage.objects.get(pk=home.pk)


# --- what the page editor posts ---------------------------------------------------------------


def list_block(items):
    """Form data for a ListBlock, as the admin's JavaScript would post it."""
    data = {"count": len(items)}
    for index, item in enumerate(items):
        data[f"{index}-deleted"] = ""
        data[f"{index}-order"] = str(index)
        data[f"{index}-value"] = item
    return data


def body_block_items(image):
    """(type, form data) for one of each generic block, in the order of BodyBlock."""
    return [
        ("heading", {"text": "Why it matters", "level": "h2", "anchor": "why"}),
        ("paragraph", rich_text("<p>A paragraph with <b>bold</b> text.</p>")),
        (
            "quote",
            {
                "quote": "Free them.",
                "attribution": "A supporter",
                "source_title": "",
                "source_url": "",
            },
        ),
        (
            "callout",
            {
                "tone": "warning",
                "heading": "Careful",
                "text": rich_text("<p>Write nothing political.</p>"),
            },
        ),
        (
            "image",
            {
                "image": {"image": image.pk, "decorative": "", "alt_text": "A court"},
                "caption": "The court in 2019",
                "credit": "",
            },
        ),
        (
            "embed",
            {
                "url": "https://video.example.org/watch/1",
                "title": "Hearing video",
                "caption": "",
            },
        ),
        (
            "table",
            '{"data": [["Status", "People"], ["Released", "3"]], '
            '"first_row_is_table_header": true, "first_col_is_header": false, '
            '"table_caption": "Counts", "table_header_choice": "row"}',
        ),
        (
            "button",
            {
                "label": "Read more",
                "page": "",
                "url": "https://example.org/",
                "style": "primary",
            },
        ),
        (
            "sources",
            {
                "heading": "Sources",
                "sources": list_block(
                    [
                        {
                            "title": "A report",
                            "publisher": "HRW",
                            "date": "2020-01-14",
                            "url": "https://example.org/report",
                        },
                    ]
                ),
            },
        ),
    ]


def every_body_block(image):
    """Form data for a body StreamField with one of each generic block."""
    return streamfield(body_block_items(image))


# --- translations -----------------------------------------------------------------------------


def translate(instance, code, strings=None, publish=True):
    """Translate a page (its parents first, when they are not yet) or a snippet into
    `code` as the admin does, with wagtail-localize: `strings` maps English strings of the
    source to their translation (the rest fall back to English). Returns the translation.
    """
    locale, _created = Locale.objects.get_or_create(language_code=code)
    if isinstance(instance, Page):
        parent = instance.get_parent()
        if parent.depth > 1 and not parent.has_translation(locale):
            translate(parent.specific, code)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = polib.POFile()
    for english, text in (strings or {}).items():
        po.append(polib.POEntry(msgid=english, msgstr=text))
    import_strings(translation, po)
    return save_translation(instance, translation, publish)


def sync_translations(instance):
    """“Sync translated pages”: the source's changes copied to each of its translations
    (facts replaced, translated strings kept), each published again."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    source.update_from_db()
    return [
        save_translation(instance, translation)
        for translation in Translation.objects.filter(source=source)
    ]
