"""What the admin listings of supporters' data (signatures, followers) share.

Supporters' records come from public forms only: the admin reads them, and may export or
delete them where a viewset allows, but never adds or edits one. One permission policy and
one viewset base say so once, from the set of actions each model allows.
"""

from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


class SupporterDataPermissionPolicy(ModelPermissionPolicy):
    """Only the actions in `allowed` can be granted; any other is refused to everyone."""

    def __init__(self, model, allowed, **kwargs):
        super().__init__(model, **kwargs)
        self.allowed = set(allowed)

    def user_has_permission(self, user, action):
        return action in self.allowed and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = set(actions) & self.allowed
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


class SupporterDataViewSet(ModelViewSet):
    """A listing (with search and filters) and the extra views a subclass names; no add,
    edit, copy, history or usage views."""

    allowed_actions = {"view"}
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    search_backend_name = None
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    form_fields = []  # never edited

    def get_common_view_kwargs(self, **kwargs):
        removed = {"add_url_name", "edit_url_name", "history_url_name", "usage_url_name"}
        if "delete" not in self.allowed_actions:
            removed.add("delete_url_name")
        return super().get_common_view_kwargs(**{**dict.fromkeys(removed), **kwargs})

    def get_extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *self.get_extra_urlpatterns(),
        ]

    def register_admin_url_finder(self):
        pass  # there is no edit view for an admin URL finder to point at

    def get_permissions_to_register(self):
        # Exactly the allowed ones: Wagtail would leave "view" out (no inspect view) and
        # offer "add" and "change", which mean nothing here.
        codenames = [get_permission_codename(a, self.model_opts) for a in self.allowed_actions]
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), codename__in=codenames
        )
