"""The abstract base page every page type of the site is built on."""

from functools import cache

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.cache import public_cache
from home.fragments import kept_read
from home.models.images import CreditedImagesMixin
from home.page_forms import SitePageForm
from home.restrictions import MemoisedViewRestrictionsMixin, RestrictedPageManager
from home.review import ReviewedPagePermissionTester


class ListingFieldsMixin(models.Model):
    """What a page looks like when another page lists it (cards, search results)."""

    listing_image = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards that link to this page. Leave empty to use none."),
    )
    listing_summary = models.CharField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for cards and search results."),
    )

    class Meta:
        abstract = True

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_summary")],
            heading=_("Listings"),
        )
    ]


class SocialFieldsMixin(models.Model):
    """How a page looks when shared on social networks and messengers."""

    social_image = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared. Defaults to the site's share image."),
    )
    social_text = models.CharField(
        _("share text"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown under the title when the page is shared. Defaults to the "
            "search description, then the listing summary."
        ),
    )

    class Meta:
        abstract = True

    social_panels = [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")],
            heading=_("Sharing"),
        )
    ]


def shared_facts(*names):
    """Fields a translation copies from its source page and may not change: the facts that
    are one set in every language (wagtail-localize's non-overridable synchronised fields)."""
    return [SynchronizedField(name, overridable=False) for name in names]


class BasePage(
    MemoisedViewRestrictionsMixin,
    CreditedImagesMixin,
    ListingFieldsMixin,
    SocialFieldsMixin,
    Page,
):
    """Fields and behaviour shared by all of the site's pages."""

    # View restrictions read once per request (home.restrictions).
    objects = RestrictedPageManager()

    class Meta:
        abstract = True

    search_fields = Page.search_fields + [index.SearchField("listing_summary")]
    base_form_class = SitePageForm

    # A translation keeps its source's address (/ru/cases/x/ translates /cases/x/) unless a
    # translator deliberately gives it another slug.
    override_translatable_fields = [SynchronizedField("slug")]

    promote_panels = (
        Page.promote_panels + ListingFieldsMixin.listing_panels + SocialFieldsMixin.social_panels
    )

    def permissions_for_user(self, user):
        # Pages under a review workflow are published by its final approval (home.review).
        return ReviewedPagePermissionTester(user, self)

    @property
    def share_image(self):
        return self.social_image or self.listing_image

    @property
    def share_description(self):
        return self.social_text or self.search_description or self.listing_summary

    @public_cache
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    # What a page type draws on every request besides its own row (a hero picture): read
    # with the page when it is routed to.
    route_select_related = ()

    def route(self, request, path_components):
        """Wagtail's routing, reading the child in one query: Wagtail reads it as a plain
        page, then again as its type. The page types this page allows are joined to the
        read; a child of another type (made before the rule, or by code) is read again as
        its type, as Wagtail does."""
        if not path_components:
            return super().route(request, path_components)
        accessors = child_accessors(type(self))
        joined = [
            related
            for model, accessor in accessors.items()
            for related in (
                accessor,
                *(f"{accessor}__{name}" for name in model.route_select_related),
            )
        ]

        def read():
            children = Page.objects.child_of(self)
            if joined:  # none below a page that allows no children (Django would join all)
                children = children.select_related(*joined)
            child = children.filter(slug=path_components[0]).first()
            if child is None:
                return None
            specific = None
            accessor = accessors.get(child.specific_class)
            if accessor is not None:
                specific = getattr(child, accessor, None)
            return specific if specific is not None else child.specific

        specific = kept_read(request, "child", (self.pk, path_components[0]), read)
        if specific is None:
            raise Http404
        # As Wagtail does: the child's parent is known (breadcrumbs read it).
        specific._cached_parent_obj = self
        return specific.route(request, path_components[1:])


@cache
def child_accessors(page_class):
    """{page type: the name Page reaches its row by}, for the types a page of
    `page_class` may have as children, where Page is their direct parent."""
    accessors = {}
    for model in page_class.allowed_subpage_models():
        if Page in model._meta.parents:
            # The parent link's reverse name: Django's default, the model's name.
            accessors[model] = model._meta.model_name
    return accessors
