"""Translating is part of the roles: Campaigners and Editors may start translations
(wagtail-localize's "submit translation"), and Editors edit the menus and footer in every
language. campaigns.access.roles.ROLES says the same."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Campaigners": ["wagtail_localize.submit_translation"],
    "Editors": [
        "wagtail_localize.submit_translation",
        "home.add_sitetexts",
        "home.change_sitetexts",
        "home.view_sitetexts",
    ],
}


def permission(apps, name):
    app_label, codename = name.split(".")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if app_label == "wagtail_localize":
        # wagtail-localize hangs this permission off a content type of its own making.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtail_localize", model="translation"
        )
        found, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": "Can submit translations"},
        )
        return found
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    try:
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
    finally:
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, permissions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(permission(apps, p) for p in permissions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, permissions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*(permission(apps, p) for p in permissions))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_site_name"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
