"""Contact form submissions are supporter data: one permission opens them, page rights don't.

Wagtail shows a form page's submissions to whoever may edit the page. Here the permission
`wagtailforms.view_formsubmission` decides instead, both ways: campaigners and editors who
edit the contact page do not see what supporters sent, and the "Supporter data" group sees it
with no page rights at all (see campaigns.access.roles).
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail import hooks
from wagtail.contrib.forms.utils import get_form_types
from wagtail.contrib.forms.views import FormPagesListView
from wagtail.models import Page

from .roles import VIEW_SUBMISSIONS


def can_view_submissions(user):
    return user.is_active and user.has_perm(VIEW_SUBMISSIONS)


@hooks.register("filter_form_submissions_for_user")
def submissions_need_the_view_permission(user, editable_forms):
    """Decides the Forms menu item, the Forms listing, and each form's submissions listing,
    export and delete views: Wagtail asks this for all of them."""
    if not can_view_submissions(user):
        return editable_forms.none()
    # Every form, not only those the user may edit.
    return Page.objects.filter(content_type__in=get_form_types())


class FormsIndexView(FormPagesListView):
    """Wagtail's Forms listing, less its own check that the user holds some page permission:
    people who look after supporter data need not be able to touch pages."""

    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not can_view_submissions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls", order=-1)
def register_forms_index():
    # Listed before wagtail.contrib.forms' own "forms/" URLs, so these paths reach this view;
    # reverse("wagtailforms:index") still gives the same address.
    return [
        path("forms/", FormsIndexView.as_view(), name="campaigns_forms_index"),
        path(
            "forms/results/",
            FormsIndexView.as_view(results_only=True),
            name="campaigns_forms_index_results",
        ),
    ]
