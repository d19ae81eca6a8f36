"""Rendered parts of a page kept in the shared cache: the heavy listings of the home and
campaign pages (people, updates, posts, hearings), each drawn once and then served from
the cache until something they may list changes.

A fragment's key holds the page (its id and live revision: an edit of the block is a new
revision), the language, today's date (the next hearings change at midnight) and the
site's content generation: a token in the cache replaced whenever any page is published,
unpublished, saved, moved or deleted, or a view restriction or a site changes. The home
page lists cases, updates, posts and hearings of *other* pages, so its own revision is not
enough; the generation costs no query (a version computed from the pages' table cost two
on every request) and covers every page type at once. The pages a request is routed
through, its site and a page's translations are kept under it too (`kept_read`).

What a signal cannot see (a row changed by hand in SQL, a snippet such as an
organisation renamed) shows at the latest after FRAGMENT_SECONDS; a bump lost while the
cache was down likewise. Previews never read or store a fragment: their blocks are a draft
under the live revision's id. Live counts are never inside a fragment: they change with
every signature, and blocks that show them are drawn each time (the edge cache's copy of
the page is purged within seconds of a count change instead: campaigns.edge.counts).
"""

import hashlib
import uuid
from functools import cache

from django.core.cache import cache as shared_cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone, translation
from modelcluster.fields import ParentalKey
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.blocks import STATIC_BODY_BLOCKS

GENERATION_KEY = "fragments:generation"
# The site's shell (the texts, menus' words and settings every page draws) changes apart
# from pages: read from the cache under a token of its own, a publish costs it nothing.
SHELL_GENERATION_KEY = "fragments:shell"
# The longest a fragment is kept: the bound on what no signal reports.
FRAGMENT_SECONDS = 15 * 60


def generation(request=None, key=GENERATION_KEY):
    """The current content generation (or the shell's, by `key`): one cache read per
    request (a new one if it was lost); kept on the request, so that every fragment of a
    page agrees."""
    attribute = f"_generation_{key}"
    current = getattr(request, attribute, None)
    if current is None:
        current = shared_cache.get_or_set(key, new_generation, None) or ""
        if request is not None:
            setattr(request, attribute, current)
    return current


def shell_generation(request=None):
    return generation(request, SHELL_GENERATION_KEY)


def bump_shell_generation():
    """The site's texts, settings or a picture changed: the shell and every fragment."""
    shared_cache.set(SHELL_GENERATION_KEY, new_generation(), None)
    transaction.on_commit(lambda: shared_cache.set(SHELL_GENERATION_KEY, new_generation(), None))
    bump_generation()


def new_generation():
    return uuid.uuid4().hex


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def bump_generation(**kwargs):
    """Something a listing may show changed: every fragment drawn before is out of date.

    Bumped now and again once the change is committed: a request between the two (on
    another server, or another thread) still reads the old rows and would otherwise keep
    them under the new generation until FRAGMENT_SECONDS run out."""
    shared_cache.set(GENERATION_KEY, new_generation(), None)
    transaction.on_commit(lambda: shared_cache.set(GENERATION_KEY, new_generation(), None))


@receiver(post_save)
@receiver(post_delete)
def bump_on_page_change(sender, instance, **kwargs):
    """A page or one of its rows (an update, a hearing) saved or deleted. Drafts too:
    cheap, and it covers what is written without publishing (imports, commands)."""
    if isinstance(instance, Page) or is_page_row(sender):
        bump_generation()


@cache
def is_page_row(model):
    """A model whose rows belong to a page (a ParentalKey to one): a case's updates,
    hearings and recognitions are listed with it."""
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.get_fields()
        if field.concrete
    )


def fragment_key(request, page):
    """The part of a fragment's cache key that says which page, language, day and content
    it was drawn from; None when the page must be drawn afresh (a preview)."""
    if request is None or getattr(request, "is_preview", False):
        return None
    return ":".join(
        str(part)
        for part in (
            page.pk,
            page.live_revision_id,
            translation.get_language(),
            timezone.localdate().isoformat(),
            generation(request),
        )
    )


def kept_read(request, name, parts, read):
    """`read()`, pages read to serve a request (the page an address routes to, a page's
    translations), kept in the shared cache under the content generation: a warm request
    reads them from one cache read each instead of building and running their queries. A
    page saved, published, moved or deleted moves the generation, so nothing kept outlives
    it. Nothing found (None) is not kept: an address that does not exist costs a read, not
    an entry in the cache. Previews read afresh."""
    if request is None or getattr(request, "is_preview", False):
        return read()
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = f"read:{name}:{generation(request)}:{digest}"
    value = shared_cache.get(key)
    if value is None:
        value = read()
        if value is not None:
            shared_cache.set(key, value, FRAGMENT_SECONDS)
    return value


def fragment_context(request, page, body, cached_types):
    """What `includes/body_fragments.html` needs to draw `body`: its blocks in runs, each
    run of neighbouring blocks that may be kept (the generic STATIC_BODY_BLOCKS and the
    page's `cached_types`) kept as one fragment of `page`, the others (live counts) drawn
    each time. A post of twenty paragraphs costs one cache read, not twenty drawings."""
    kept = STATIC_BODY_BLOCKS | cached_types
    runs = []
    for index, raw in enumerate(body.raw_data):
        item = BodyItem(body, index, raw["type"], raw.get("id"))
        cached = item.block_type in kept
        if runs and cached and runs[-1].cached:
            runs[-1].items.append(item)
        else:
            runs.append(BodyRun(cached, [item]))
    return {
        "fragment_key": fragment_key(request, page),
        "fragment_seconds": FRAGMENT_SECONDS,
        "body_runs": runs,
    }


class BodyRun:
    """Neighbouring blocks of a body drawn together: kept as one fragment, or drawn each
    time (`cached` false)."""

    def __init__(self, cached, items):
        self.cached, self.items = cached, items

    @property
    def key(self):
        """What names the run in its fragment's key beside the page's `fragment_key`."""
        return ",".join(f"{item.index}:{item.id}" for item in self.items)


class BodyItem:
    """One block of a StreamField body, read from the database only when it is drawn: a
    block kept as a fragment costs nothing, not even the pages its choosers name."""

    def __init__(self, body, index, block_type, block_id):
        self.body, self.index = body, index
        self.block_type, self.id = block_type, block_id

    @property
    def bound(self):
        return self.body[self.index]
