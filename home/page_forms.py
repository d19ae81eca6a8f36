"""The admin form of every page type built on BasePage (imported by the models)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class SlugClashAtTheTopMixin:
    """Say a slug clash at the top of the form too: the slug field sits on the Promote tab,
    which a campaigner on the Content tab does not see."""

    def clean(self):
        cleaned_data = super().clean()
        slug = self.data.get("slug", "")
        clash = (
            "slug" in self.errors
            and slug
            and self.parent_page is not None
            and not Page._slug_is_available(slug, self.parent_page, self.instance)
        )
        if clash:
            self.add_error(
                None,
                _(
                    "The address “%(slug)s” is taken by another page in the same place, "
                    "perhaps a draft left from an earlier attempt. Change “Slug” on the "
                    "Promote tab, or open and finish that draft instead."
                )
                % {"slug": slug},
            )
        return cleaned_data


class SitePageForm(SlugClashAtTheTopMixin, WagtailAdminPageForm):
    pass
