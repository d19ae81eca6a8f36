"""The contact form's questions become translatable with their page (wagtail-localize):
each gets its page's locale and its own translation key."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    ContactFormField = apps.get_model("campaigns", "ContactFormField")
    for field in ContactFormField.objects.select_related("page"):
        field.translation_key = uuid.uuid4()
        field.locale_id = field.page.locale_id
        field.save(update_fields=["translation_key", "locale"])


def locale_field(**options):
    return models.ForeignKey(
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="wagtailcore.locale",
        verbose_name="locale",
        **options,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0013_supporter_language"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField("contactformfield", "locale", locale_field(null=True)),
        migrations.AddField(
            "contactformfield", "translation_key", models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField("contactformfield", "locale", locale_field()),
        migrations.AlterField(
            "contactformfield",
            "translation_key",
            models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="contactformfield", unique_together={("translation_key", "locale")}
        ),
    ]
