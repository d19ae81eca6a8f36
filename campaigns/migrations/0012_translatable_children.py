"""Charges, updates and authors become translatable (wagtail-localize): each row gets the
locale of its page (authors: the default language) and its own translation key."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("casecharge", "caseupdate", "author")


def fill(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    for name in MODELS:
        model = apps.get_model("campaigns", name)
        rows = model.objects.all()
        if name != "author":
            rows = rows.select_related("page")
        for row in rows:
            row.translation_key = uuid.uuid4()
            row.locale_id = row.page.locale_id if name != "author" else default.pk
            row.save(update_fields=["translation_key", "locale"])


def fields(name):
    return [
        migrations.AddField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]


def constraints(name):
    return [
        migrations.AlterField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(name=name, unique_together={("translation_key", "locale")}),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0011_normalise_follow_emails"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        *(operation for name in MODELS for operation in fields(name)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *(operation for name in MODELS for operation in constraints(name)),
    ]
