"""View restrictions looked up once per request.

Wagtail's `PageQuerySet.public()` reads every `PageViewRestriction` each time it is called,
and its `on_serve_page` check of the served page reads the page's ancestors and their
restrictions again: a page listing cases, posts and actions paid one query per listing.
Here the restricted sections are read once per request (`RestrictionsMiddleware` in
`home.middleware` opens the memo), shared by every `.public()` of the page managers built
from `RestrictedPageQuerySet` and by `get_view_restrictions()` (which Wagtail's check calls).

Why a memo for one request and not a cache across requests: restrictions change through
paths nobody signals (a bulk delete, a page moved under a private section changes its path,
a raw SQL fix); a per-request memo can never serve a restriction that a previous request
changed. Outside a request (commands, the email worker) there is no memo and each call reads
the table, as Wagtail does. A restriction saved or deleted, or a page moved, inside a request
empties that request's memo.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move


@dataclass(frozen=True)
class RestrictedSections:
    """The roots of the private sections: restricted pages and the aliases of them.

    `by_path` maps each root's tree path to the ids of the restrictions that apply under
    it. An alias is served under its source's restrictions (`Page.get_view_restrictions`),
    so an alias of a restricted page is a root of its own with its source's restrictions.
    """

    by_path: dict[str, frozenset[int]] = field(default_factory=dict)

    def private_q(self):
        """Pages in a private section; no page at all when there is none."""
        q = Q(pk__in=[])
        for path in self.by_path:
            q |= Q(path__startswith=path)
        return q

    def restriction_ids(self, page):
        """Ids of the restrictions on `page` and its ancestors (tree paths are prefixes)."""
        steplen = page.steplen
        prefixes = (page.path[:end] for end in range(steplen, len(page.path) + 1, steplen))
        return frozenset().union(*(self.by_path.get(prefix, ()) for prefix in prefixes))


def read_sections():
    """Read the restricted sections: one query, two more for aliases when any exists."""
    by_page = defaultdict(set)
    paths = {}
    for restriction_id, page_id, path in PageViewRestriction.objects.values_list(
        "pk", "page_id", "page__path"
    ):
        by_page[page_id].add(restriction_id)
        paths[page_id] = path
    sources = set(by_page)
    while sources:  # aliases, and aliases of aliases
        aliases = Page.objects.filter(alias_of_id__in=sources).values_list(
            "pk", "path", "alias_of_id"
        )
        sources = set()
        for page_id, path, source_id in aliases:
            if page_id not in by_page:
                by_page[page_id] = by_page[source_id]
                paths[page_id] = path
                sources.add(page_id)
    return RestrictedSections({paths[pk]: frozenset(ids) for pk, ids in by_page.items()})


class _Memo:
    """The sections read by the current request, read on first use."""

    sections = None


_memo: ContextVar[_Memo | None] = ContextVar("home_restricted_sections", default=None)


@contextmanager
def memoised():
    """Share one reading of the restricted sections inside the block (one request)."""
    token = _memo.set(_Memo())
    try:
        yield
    finally:
        _memo.reset(token)


def restricted_sections():
    """The restricted sections, read once per request (each time outside of one)."""
    memo = _memo.get()
    if memo is None:
        return read_sections()
    if memo.sections is None:
        memo.sections = read_sections()
    return memo.sections


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def forget_sections(**kwargs):
    """A restriction or a page path changed inside this request: read them again."""
    memo = _memo.get()
    if memo is not None:
        memo.sections = None


class RestrictedPageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose `public()`/`private()` use the request's memo."""

    def private_q(self):
        return restricted_sections().private_q()


RestrictedPageManager = PageManager.from_queryset(RestrictedPageQuerySet)


class MemoisedViewRestrictionsMixin:
    """For page models: `get_view_restrictions()` answers from the request's memo.

    Wagtail's `on_serve_page` check calls it for the served page (and the admin's privacy
    dialog and page copy use it): a public page then needs no query at all, since an empty
    `none()` queryset is never sent to the database. A restricted page costs one query.
    """

    def get_view_restrictions(self):
        ids = restricted_sections().restriction_ids(self)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def pages(model=Page):
    """`model`'s pages through the memo, for a model whose manager is not ours (`Page`)."""
    return RestrictedPageQuerySet(model).order_by("path")
