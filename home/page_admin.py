"""How the admin creates and edits the site's pages, wherever Wagtail's defaults lose work.

- Wagtail 8 autosaves a page that is still on its *add* screen: the first autosave creates
  it. A campaigner who gives up leaves a draft behind, and the next attempt at the same page
  fails with "The slug … is already in use" on the hidden Promote tab. Here autosave starts
  after the first explicit save (the edit screen autosaves as before), and a slug clash is
  also said at the top of the form (home.page_forms).
"""

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


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


site_page_viewset = SitePageViewSet()
