import uuid

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.db import migrations, models

import campaigns.hearings.models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0015_case_restrictions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="Hearing",
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
                    "starts_on",
                    models.DateField(
                        help_text="The day of the hearing, as the court's calendar has it.",
                        verbose_name="date",
                    ),
                ),
                (
                    "starts_time",
                    models.TimeField(
                        blank=True,
                        help_text="The start as the court's clock shows it, e.g. 10:00. Leave empty when the time is not known: calendars then show the whole day.",
                        null=True,
                        verbose_name="time",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        default="Asia/Almaty",
                        help_text="Where the court sits: “Asia/Almaty” for most of Kazakhstan, “Asia/Aqtau” for Aktau and Mangistau, “Asia/Bishkek”, “Asia/Tashkent”, “Europe/Moscow”.",
                        max_length=64,
                        validators=[campaigns.hearings.models.validate_time_zone],
                        verbose_name="court's time zone",
                    ),
                ),
                (
                    "starts_at",
                    models.DateTimeField(
                        db_index=True, editable=False, verbose_name="starts (UTC)"
                    ),
                ),
                (
                    "court",
                    models.CharField(
                        help_text="e.g. “Mangistau regional court”.",
                        max_length=200,
                        verbose_name="court",
                    ),
                ),
                (
                    "city",
                    models.CharField(
                        blank=True,
                        help_text="e.g. “Aktau”. Leave empty only when no source says where.",
                        max_length=100,
                        verbose_name="city",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("preliminary", "Preliminary hearing"),
                            ("trial", "Trial session"),
                            ("verdict", "Verdict"),
                            ("appeal", "Appeal"),
                            ("cassation", "Cassation"),
                            ("parole", "Parole hearing"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "access",
                    models.CharField(
                        choices=[
                            ("open", "Open to the public"),
                            ("closed", "Closed to the public"),
                            ("unknown", "Not known whether open"),
                        ],
                        default="unknown",
                        help_text="Whether the public and the press may attend.",
                        max_length=8,
                        verbose_name="public access",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "Scheduled"),
                            ("moved", "Postponed or moved"),
                            ("cancelled", "Cancelled"),
                            ("held", "Held"),
                        ],
                        default="scheduled",
                        help_text="When a hearing is moved, change its date and time and choose “Postponed or moved”: calendars and followers are told. A cancelled hearing stays, marked cancelled.",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        help_text="Once the hearing has taken place: what the court decided, in a sentence.",
                        max_length=300,
                        verbose_name="outcome",
                    ),
                ),
                (
                    "source_url",
                    models.URLField(
                        blank=True,
                        help_text="The court's schedule, a lawyer's or a report's announcement. Leave empty only when the family or the lawyer told you directly.",
                        max_length=500,
                        verbose_name="source link",
                    ),
                ),
                (
                    "source_title",
                    models.CharField(
                        blank=True,
                        help_text="e.g. “Reuters, 8 Oct 2012”.",
                        max_length=255,
                        verbose_name="source title",
                    ),
                ),
                (
                    "sequence",
                    models.PositiveIntegerField(default=0, editable=False, verbose_name="version"),
                ),
                (
                    "modified_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        editable=False,
                        verbose_name="last changed",
                    ),
                ),
                (
                    "notified_start",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="start announced to followers",
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
                        related_name="hearings",
                        to="campaigns.casepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "hearing",
                "verbose_name_plural": "hearings",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
    ]
