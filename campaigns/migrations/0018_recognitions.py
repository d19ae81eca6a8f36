"""Who recognises a person: the recognising organisations (a snippet Editors keep) and
each case's sourced recognitions. Editors get the organisation's add/change/delete/view
permissions and Campaigners its view permission (to choose one in a case), as
campaigns.access.roles.ROLES says."""

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GRANTS = {
    "Campaigners": ["view_organisation"],
    "Editors": [
        "add_organisation",
        "change_organisation",
        "delete_organisation",
        "view_organisation",
    ],
}


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="campaigns",
        content_type__model="organisation",
        codename__in=codenames,
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    try:
        create_permissions(
            app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps
        )
    finally:
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0017_corrections"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="Organisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Short name in the address of the filtered case list, e.g. “amnesty-international” gives /cases/?recognised_by=amnesty-international. Do not change it once published: links and open data use it.",
                        max_length=80,
                        unique=True,
                        verbose_name="slug",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="e.g. “Amnesty International”.",
                        max_length=200,
                        verbose_name="name (English)",
                    ),
                ),
                (
                    "name_ru",
                    models.CharField(
                        blank=True,
                        help_text="Leave empty to show the English name on Russian pages.",
                        max_length=200,
                        verbose_name="name (Russian)",
                    ),
                ),
                (
                    "name_kk",
                    models.CharField(
                        blank=True,
                        help_text="Leave empty to show the English name on Kazakh pages.",
                        max_length=200,
                        verbose_name="name (Kazakh)",
                    ),
                ),
                ("website", models.URLField(blank=True, max_length=300, verbose_name="website")),
            ],
            options={
                "verbose_name": "recognising organisation",
                "verbose_name_plural": "recognising organisations",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Recognition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "designation",
                    models.CharField(
                        choices=[
                            ("political-prisoner", "Political prisoner"),
                            ("prisoner-of-conscience", "Prisoner of conscience"),
                            ("arbitrary-detention", "Arbitrarily detained (UN WGAD opinion)"),
                            (
                                "politically-motivated-prosecution",
                                "Politically motivated prosecution",
                            ),
                        ],
                        max_length=40,
                        verbose_name="designation",
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        blank=True,
                        help_text="When the organisation said so. Leave empty when the source gives no exact day, and say what it gives (a month, a year) in the note.",
                        null=True,
                        verbose_name="date",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Optional, short: e.g. “opinion adopted in 2020”.",
                        max_length=200,
                        verbose_name="note",
                    ),
                ),
                (
                    "source_url",
                    models.URLField(
                        error_messages={
                            "blank": "Every recognition needs a source: give its link."
                        },
                        help_text="Required: the address of the statement, report or opinion that says so.",
                        max_length=500,
                        verbose_name="source link",
                    ),
                ),
                (
                    "source_title",
                    models.CharField(
                        error_messages={
                            "blank": "Give the source a title readers will recognise."
                        },
                        help_text="e.g. “Amnesty International, Urgent Action 046/19”.",
                        max_length=255,
                        verbose_name="source title",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        help_text="Missing from the list? An editor adds it under Snippets.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="recognitions",
                        to="campaigns.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recognitions",
                        to="campaigns.casepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "recognition",
                "verbose_name_plural": "recognitions",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
