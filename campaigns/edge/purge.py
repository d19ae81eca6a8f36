"""What leaves the edge cache when content changes, sent once the change has committed.

A page shows up in more places than its own address: its translations (wagtail-localize
makes each its own page), its feeds and calendar (`get_cached_paths`), the pages above it
(the case index lists the case), the home page and every index and campaign page of each
language (cards, counts, "latest"), the pages it names and the pages that name it (a
post's related cases list the post; a campaign page choosing a case shows its card; found
in Wagtail's reference index), and the site-wide lists: hearings and their calendar,
corrections and their feed, the sitemap, the open-data files. One publish purges all of
them: about 80 URLs for a translated case, over one connection per cache.

The URLs of one transaction are gathered in one `EdgeBatch` and sent when it commits:
purging earlier would let a reader's request refill the cache with the old page before
the new one is visible to other app servers. Without WAGTAILFRONTENDCACHE (no
FRONTEND_CACHE_URLS) nothing is computed at all.

A page that stops naming another (a related case removed from a post) no longer finds it
in the reference index once saved: what it named is read just before the save
(`remember_named`) and purged with the rest.
"""

import copy
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends, purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, get_page_models

# Pages that list others: purged on every publish, in every language.
LISTING_PAGES = (
    "home.HomePage",
    "campaigns.CaseIndexPage",
    "campaigns.BlogIndexPage",
    "campaigns.ActionIndexPage",
    "campaigns.CampaignPage",
)
# Named addresses outside the page tree that list pages, in every language.
SITE_WIDE = ("hearings", "hearings_ics", "corrections", "corrections_feed")
# Named addresses outside i18n_patterns.
UNPREFIXED = ("sitemap",)
# Under it every open-data file and snapshot: one BAN per language.
OPEN_DATA = "opendata:index"


def enabled():
    """Purging is configured (FRONTEND_CACHE_URLS set)."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


class EdgeBatch(PurgeBatch):
    """Wagtail's batch of URLs to PURGE, plus prefixes/regexes to BAN."""

    def __init__(self):
        super().__init__()
        self.bans = set()  # (url, regex or None)
        self.changes = []  # (function, args): expanded into URLs once committed
        self.sent = False
        self.purged = set()  # URLs already sent by `purge_now`

    def add_change(self, function, *args):
        self.changes.append((function, args))

    def add_ban(self, url, regex=None):
        self.bans.add((url, regex))

    def purge_now(self):
        """Send the URLs gathered so far (the changed pages' own addresses, what a reader
        is waiting for), before the slower search for every page that shows them."""
        urls = self.urls - self.purged
        purge_urls_from_cache(sorted(urls))
        self.purged |= urls

    def purge(self, backend_settings=None, backends=None):
        purge_urls_from_cache(sorted(self.urls - self.purged), backend_settings, backends)
        for backend in get_backends(backend_settings, backends).values():
            if hasattr(backend, "ban"):
                for url, regex in sorted(self.bans, key=str):
                    backend.ban(url, regex)

    def __call__(self):
        """The on-commit callback: what the transaction changed, as URLs, sent. Expanded
        only now, when the reference index and the tree are as readers will see them."""
        self.sent = True
        for function, args in self.changes:
            function(self, *args)
        self.purge()


def batch_for_this_transaction():
    """The batch sent when the current transaction commits (made, and registered, on the
    first change of the transaction; outside one, sent by `send`)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _ids, callback, _robust in connection.run_on_commit:
            if isinstance(callback, EdgeBatch) and not callback.sent:
                return callback
    return EdgeBatch()


def send(batch):
    """Register `batch` to go out on commit (at once outside a transaction), once."""
    connection = transaction.get_connection()
    if any(callback is batch for _ids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(batch, robust=True)


# --- what a change touches ---------------------------------------------------------


def page_changed(page):
    """Purge everything that shows `page`: see the module's docstring."""
    if not enabled():
        return
    batch = batch_for_this_transaction()
    batch.add_change(add_page_and_neighbours, page)
    send(batch)


def page_moved(page, url_path_before):
    """Purge the page where it was (with everything that was under it) and where it is."""
    if not enabled():
        return
    batch = batch_for_this_transaction()
    before = copy.copy(page)
    before.url_path = url_path_before
    batch.add_change(add_old_address, before)
    batch.add_change(add_page_and_neighbours, page)
    send(batch)


def slug_changed(page, page_before):
    """A new slug is a new address: the old one and everything under it go."""
    if not enabled():
        return
    batch = batch_for_this_transaction()
    batch.add_change(add_old_address, page_before)
    batch.add_change(add_page_and_neighbours, page)
    send(batch)


def pages_changed(pages):
    """Purge one page's own addresses, for each of `pages` and their translations (a
    comment on a post, a count shown nowhere else)."""
    if not enabled():
        return
    batch = batch_for_this_transaction()
    batch.add_change(add_translations, {page.translation_key for page in pages})
    send(batch)


def add_translations(batch, keys):
    batch.add_pages(Page.objects.filter(translation_key__in=keys).specific())


def section_changed(index_models):
    """Something shown on every page under these indexes changed outside a page (an
    organisation renamed, an author's name): BAN each index's subtree, in every language,
    and purge the listing pages."""
    if not enabled():
        return
    batch = batch_for_this_transaction()
    batch.add_change(add_sections, index_models)
    send(batch)


def add_sections(batch, index_models):
    models = [apps.get_model(label) for label in index_models]
    for index in Page.objects.live().type(*models):
        url = index.get_full_url(batch)
        if url:
            batch.add_ban(url)
    add_listings(batch)


def add_old_address(batch, page_before):
    url = page_before.get_full_url(batch)
    if url:
        batch.add_url(url)
        batch.add_ban(url)


def remember_named(page):
    """Before `page` is saved: the pages it names now (its references and many-to-many
    links, as stored), kept on it, so that a page it stops naming is purged too."""
    if not enabled() or page.pk is None:
        return
    page_type = ContentType.objects.get_for_model(Page)
    named = set(
        ReferenceIndex.objects.filter(
            base_content_type=page_type, to_content_type=page_type, object_id=str(page.pk)
        ).values_list("to_object_id", flat=True)
    )
    for model, field in page_links():
        if isinstance(page, model):
            stored = model.objects.filter(pk=page.pk, **{f"{field.name}__isnull": False})
            named.update(stored.values_list(field.name, flat=True))
    page._edge_named_before = {int(pk) for pk in named}


def add_page_and_neighbours(batch, page):
    translations = list(page.get_translations(inclusive=True).specific())
    batch.add_pages(translations)
    batch.purge_now()
    related = related_pages(translations)
    ancestors = Page.objects.none()
    for each in translations:
        ancestors |= each.get_ancestors().filter(depth__gt=1)
    keys = set(related.values_list("translation_key", flat=True))
    named_before = getattr(page, "_edge_named_before", ())
    if named_before:
        keys.update(
            Page.objects.filter(pk__in=named_before).values_list("translation_key", flat=True)
        )
    batch.add_pages(
        (ancestors | Page.objects.filter(translation_key__in=keys)).distinct().specific()
    )
    add_listings(batch)
    for root_url in {site_root(url) for url in batch.urls}:
        add_site_wide(batch, root_url)


def related_pages(pages):
    """Pages that name one of `pages` (a chooser, a foreign key, a link) or that one of
    them names: from Wagtail's reference index, and from the pages' many-to-many fields
    to other pages (a post's related cases), which the index does not record."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = [str(page.pk) for page in pages]
    naming = ReferenceIndex.objects.filter(
        base_content_type=page_type, to_content_type=page_type, to_object_id__in=ids
    ).values_list("object_id", flat=True)
    named = ReferenceIndex.objects.filter(
        base_content_type=page_type, to_content_type=page_type, object_id__in=ids
    ).values_list("to_object_id", flat=True)
    related = {int(pk) for pk in [*naming, *named]}
    for model, field in page_links():
        for page in pages:
            if isinstance(page, model):
                related.update(getattr(page, field.name).values_list("pk", flat=True))
            if isinstance(page, field.related_model):
                related.update(
                    model.objects.filter(**{field.name: page}).values_list("pk", flat=True)
                )
    return Page.objects.filter(pk__in=related)


def page_links():
    """(page model, many-to-many field to pages) of every page type."""
    return [
        (model, field)
        for model in get_page_models()
        for field in model._meta.local_many_to_many
        if issubclass(field.related_model, Page)
    ]


def add_listings(batch):
    models = [apps.get_model(label) for label in LISTING_PAGES]
    batch.add_pages(Page.objects.live().type(*models).specific())


def add_site_wide(batch, root_url):
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in SITE_WIDE:
                add_named(batch, root_url, name)
            if open_data := reverse_or_empty(OPEN_DATA):
                batch.add_ban(root_url + open_data)
    for name in UNPREFIXED:
        add_named(batch, root_url, name)


def add_named(batch, root_url, name):
    path = reverse_or_empty(name)
    if path:
        batch.add_url(root_url + path)


def reverse_or_empty(name):
    """A named address, or "" where this deployment does not route it."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def site_root(url):
    """ "https://example.org" from any URL of that site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
