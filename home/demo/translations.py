"""The demo in Russian and Kazakh, translated the way a campaigner would: with
wagtail-localize, from one PO file per page and language (as the admin's “Download PO
file” / “Upload PO file” does).

The PO files live in `home/demo/translations/<language>/<name>.po`: each entry's msgid is
a string of the English page, its msgstr the translation. `export_templates()` writes
them afresh from the English demo, keeping what is already translated, when the English
demo changes. Facts (statuses, dates, charges' articles, sources) are not in them: they
are synchronised from the English page.

The fictional cases and posts other than the seed post stay in English, to show how a
page without a translation behaves.
"""

import json
import re
from pathlib import Path

import polib
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import SiteTexts

HERE = Path(__file__).resolve().parent / "translations"

# The English pages to translate (paths under the home page), parents before children,
# each with the name of its PO files.
PAGES = [
    ("", "home"),
    ("about/", "about"),
    ("privacy/", "privacy"),
    ("kazakhstan/", "campaign"),
    ("cases/", "case-index"),
    ("cases/vladimir-kozlov/", "case-vladimir-kozlov"),
    ("cases/serikzhan-bilash/", "case-serikzhan-bilash"),
    ("cases/mukhtar-ablyazov/", "case-mukhtar-ablyazov"),
    ("blog/", "blog-index"),
    ("blog/kazakhstan-political-prisoners-and-human-rights/", "post-seed"),
    ("act/", "action-index"),
    ("act/reform-inciting-discord/", "action-petition"),
    ("act/write-to-the-prosecutor-general/", "action-letter"),
    ("contact/", "contact"),
]


def languages():
    """The site's languages other than the default one."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def sources():
    """[(name, English object)]: the demo's pages, then the menus and footer and the
    authors of the seed post (snippets are translated like pages)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    home = site.root_page.specific
    found = []
    for path, name in PAGES:
        page = Page.objects.filter(url_path=f"{home.url_path}{path}", locale=home.locale).first()
        if page is not None:
            found.append((name, page.specific))
    texts = SiteTexts.objects.filter(locale=home.locale).first()
    if texts is not None:
        found.append(("menus-and-footer", texts))
    seed = dict(found).get("post-seed")
    for author in seed.authors.all() if seed is not None else []:
        found.append((f"author-{slugify(author.name)}", author))
    return found


def po_path(language, name):
    return HERE / language / f"{name}.po"


def translation_of(instance, locale):
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    return translation


# Synchronised facts whose spelling a translation may give (exported for translators).
LOCAL_SPELLINGS = {"region", "place_of_detention", "postal_address"}

# Block ids change each time the demo is built: the stored files leave them out.
BLOCK_ID = re.compile(r"\.?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def import_strings(translation, po):
    """Give each string of the source its translation from `po`, matched by its English
    text (a PO file from the admin is matched by block ids too, which a new build of the
    demo does not keep)."""
    texts = {entry.msgid: entry.msgstr for entry in po if entry.msgstr}
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in segments:
        text = texts.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": "manual",
                    "updated_at": timezone.now(),
                },
            )
    # Synchronised facts a translator may spell locally (the region, the place of
    # detention): an entry whose msgctxt is the field's name overrides the English value.
    by_field = {entry.msgctxt: entry.msgstr for entry in po if entry.msgstr and entry.msgctxt}
    for segment in OverridableSegment.objects.filter(source=translation.source).select_related(
        "context"
    ):
        text = by_field.get(segment.context.path)
        if text and isinstance(json.loads(segment.data_json), str):
            SegmentOverride.objects.update_or_create(
                locale=translation.target_locale,
                context=segment.context,
                defaults={"data_json": json.dumps(text)},
            )


def save_translation(instance, translation, publish=True):
    """Save the translation of `instance` (a page or a snippet) with the strings it has,
    and publish it (a page: unless `publish` is false). Returns the translated object.

    A page is published here, from a fresh copy of its new revision: wagtail-localize
    would publish when the transaction commits, from a copy of the page taken before any
    children were added to it in the same transaction (and so with none): load_demo's
    single transaction, or a test's, which never commits.
    """
    is_page = isinstance(instance, Page)
    translation.save_target(publish=not is_page)
    target = instance.get_translation(translation.target_locale)
    if is_page and publish:
        type(target.latest_revision).objects.get(pk=target.latest_revision_id).publish()
    return type(instance).objects.get(pk=target.pk)


def build(log):
    """Translate every demo page and snippet that has a PO file into its language and
    publish it; a translation that already exists is kept as it is. Returns how many
    were made."""
    made = 0
    for language in languages():
        locale, _created = Locale.objects.get_or_create(language_code=language)
        for name, instance in sources():
            path = po_path(language, name)
            if not path.exists() or instance.has_translation(locale):
                continue
            with transaction.atomic():
                translation = translation_of(instance, locale)
                import_strings(translation, polib.pofile(str(path)))
                save_translation(instance, translation)
            made += 1
            log(f"  translated {name} into {language}")
    return made


def export_templates():
    """Write each PO file from the English demo, keeping translations already made.

    Run after changing the English demo: `manage.py shell -c "from home.demo.translations
    import export_templates; export_templates()"`; then translate the new entries.
    """
    for language in languages():
        locale, _created = Locale.objects.get_or_create(language_code=language)
        for name, instance in sources():
            path = po_path(language, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            with transaction.atomic():
                translation = translation_of(instance, locale)
                po = translation.export_po()
                for segment in OverridableSegment.objects.filter(
                    source=translation.source
                ).select_related("context"):
                    value = json.loads(segment.data_json)
                    if (
                        isinstance(value, str)
                        and value
                        and segment.context.path in LOCAL_SPELLINGS
                    ):
                        po.append(
                            polib.POEntry(
                                msgctxt=segment.context.path,
                                msgid=value,
                                comment="A fact copied from the English page: translate only "
                                "to give its local spelling; left empty, the English shows.",
                            )
                        )
            done, seen = {}, set()
            if path.exists():
                done = {entry.msgid: entry.msgstr for entry in polib.pofile(str(path))}
            for entry in list(po):
                entry.msgctxt = BLOCK_ID.sub("", entry.msgctxt or "") or None
                entry.msgstr = done.get(entry.msgid, entry.msgstr)
                if (entry.msgctxt, entry.msgid) in seen:
                    po.remove(entry)  # the same words in two blocks: one entry
                seen.add((entry.msgctxt, entry.msgid))
            po.metadata = {
                "Language": language,
                "Content-Type": "text/plain; charset=utf-8",
                "X-Source": f"the English demo's {name}",
            }
            po.wrapwidth = 200
            po.save(str(path))
