"""How the admin creates and edits the site's pages, wherever Wagtail's defaults lose work.

- Wagtail 8 autosaves a page that is still on its *add* screen: the first autosave creates
  it. A campaigner who gives up leaves a draft behind, and the next attempt at the same page
  fails with "The slug … is already in use" on the hidden Promote tab. Here autosave starts
  after the first explicit save (the edit screen autosaves as before), and a slug clash is
  also said at the top of the form (home.page_forms).
- Page listings of one page type (cases, actions) build on the columns and menu item here.
"""

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permissions import page_permission_policy


class CreateViewAutosavingAfterFirstSave(CreateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context["autosave_indicator"] = None
        return context


class SitePageViewSet(PageViewSet):
    """Wagtail's default views of pages, with the create view above.

    Registered after Wagtail's own viewset for `Page`, it takes its place for every page type
    without a viewset of its own; page types that have one subclass this one. Its model
    stays `Page`, as Wagtail's is: the views load each page's specific type themselves."""

    model = Page
    add_view_class = CreateViewAutosavingAfterFirstSave


# --- page listings of one type -----------------------------------------------------------

NOTHING = "—"


def base_column(name):
    """One of the columns of Wagtail's page listing (title, updated, live status...)."""
    return next(column for column in ExplorableIndexView.base_columns if column.name == name)


class OptionalMixin:
    """A dash, rather than an empty cell, when there is no value (no campaign, no goal)."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if context["raw_value"] in (None, ""):
            context["value"] = NOTHING
        return context


class OptionalColumn(OptionalMixin, Column):
    pass


class OptionalNumberColumn(OptionalMixin, NumberColumn):
    pass


class PageEditorsMenuItem(MenuItem):
    """Shown to those who may open the listing: anyone with a page permission."""

    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, IndexView.any_permission_required
        )


site_page_viewset = SitePageViewSet()
