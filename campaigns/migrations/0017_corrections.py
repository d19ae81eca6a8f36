"""Corrections of a case's facts and readers' inaccuracy reports; Editors may see and
close the reports (campaigns.access.roles.ROLES says the same)."""

import uuid

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import campaigns.corrections.fields

EDITORS = "Editors"
REPORT_PERMISSIONS = [
    "view_inaccuracyreport",
    "change_inaccuracyreport",
    "delete_inaccuracyreport",
]


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
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="campaigns", codename__in=REPORT_PERMISSIONS
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="campaigns", codename__in=REPORT_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0016_hearings"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseCorrection",
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
                    "date",
                    models.DateField(
                        default=django.utils.timezone.localdate,
                        help_text="When the correction was made (usually today).",
                        verbose_name="date",
                    ),
                ),
                (
                    "facts",
                    campaigns.corrections.fields.CorrectedFactsField(
                        blank=True,
                        help_text="Leave empty to fill in from the facts you changed in this edit; tick “Other” for a fact that is not listed and name it in the reason.",
                        max_length=200,
                        verbose_name="what was corrected",
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        help_text="What was wrong and what is right now, plainly: e.g. “An earlier version said he was imprisoned in 2002; he was pardoned and released in May 2003.”",
                        max_length=600,
                        verbose_name="reason",
                    ),
                ),
                (
                    "source_url",
                    campaigns.corrections.fields.SourceURLField(
                        error_messages={
                            "blank": "A correction without a source is not accepted: give the source's link."
                        },
                        help_text="Required: the address of the report, ruling or statement that shows it.",
                        max_length=500,
                        verbose_name="source link",
                    ),
                ),
                (
                    "source_title",
                    models.CharField(
                        error_messages={
                            "blank": "Give the source's title, as readers will see it."
                        },
                        help_text="e.g. “RFE/RL, 16 May 2003”.",
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
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="corrections",
                        to="campaigns.casepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "correction",
                "verbose_name_plural": "corrections",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.CreateModel(
            name="InaccuracyReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("what_is_wrong", models.TextField(max_length=3000, verbose_name="what is wrong")),
                (
                    "suggested_source",
                    models.URLField(blank=True, max_length=500, verbose_name="suggested source"),
                ),
                (
                    "reporter_name",
                    models.CharField(blank=True, max_length=80, verbose_name="reporter's name"),
                ),
                (
                    "reporter_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="reporter's email"),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")],
                        default="en",
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("received", "Received"),
                            ("checked", "Checked"),
                            ("corrected", "Corrected"),
                            ("declined", "Declined"),
                        ],
                        db_index=True,
                        default="received",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "editor_note",
                    models.TextField(
                        blank=True,
                        help_text="For the team only: what you checked and what you decided.",
                        verbose_name="editor's note",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="received"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "closed_at",
                    models.DateTimeField(
                        blank=True, db_index=True, null=True, verbose_name="closed"
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inaccuracy_reports",
                        to="campaigns.casepage",
                        verbose_name="case",
                    ),
                ),
                (
                    "correction",
                    models.ForeignKey(
                        blank=True,
                        help_text="When the report led to a correction, choose it here.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reports",
                        to="campaigns.casecorrection",
                        verbose_name="correction it led to",
                    ),
                ),
            ],
            options={
                "verbose_name": "inaccuracy report",
                "verbose_name_plural": "inaccuracy reports",
                "ordering": ["-created_at"],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
