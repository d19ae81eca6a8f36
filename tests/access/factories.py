"""Test data for who may do what: people who sign in, and the groups that give them rights."""

import factory
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission


def permission(label):
    """The permission named "app_label.codename"."""
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class UserFactory(factory.django.DjangoModelFactory):
    """Someone who signs in with the password "pw"; `role=` puts them in the group the roles
    migration made for that role (campaigns.access.roles)."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("pw")

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted))


class StaffFactory(UserFactory):
    """A non-superuser with admin access, in a group of their own.

    The group holds `permissions` ("app_label.codename", e.g. "campaigns.view_follow") and,
    for each page in `pages`, `page_permissions` on that page and the pages below it.
    """

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        permissions=(),
        pages=(),
        page_permissions=("add_page", "change_page"),
        **kwargs,
    ):
        user = super()._create(model_class, *args, **kwargs)
        group = Group.objects.create(name=f"{user.username} group")
        group.permissions.add(
            permission("wagtailadmin.access_admin"), *(permission(label) for label in permissions)
        )
        for page in pages:
            for codename in page_permissions:
                GroupPagePermission.objects.create(
                    group=group, page=page, permission=permission(f"wagtailcore.{codename}")
                )
        user.groups.add(group)
        return user
