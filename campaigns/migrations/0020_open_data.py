from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0019_news"),
    ]

    operations = [
        migrations.CreateModel(
            name="OpenDataSnapshot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("dataset", models.SlugField(max_length=40, verbose_name="dataset")),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                (
                    "format",
                    models.CharField(
                        choices=[("csv", "CSV"), ("json", "JSON")],
                        max_length=8,
                        verbose_name="format",
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                ("content", models.BinaryField(verbose_name="content")),
                ("size", models.PositiveIntegerField(verbose_name="size in bytes")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("signature", models.BinaryField(blank=True, verbose_name="Ed25519 signature")),
                ("source_version", models.CharField(blank=True, max_length=200)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last built")),
            ],
            options={
                "verbose_name": "open-data snapshot",
                "verbose_name_plural": "open-data snapshots",
                "ordering": ["-day", "dataset", "language", "format"],
                "indexes": [
                    models.Index(
                        fields=["dataset", "language", "format", "-day"], name="opendata_latest"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dataset", "language", "format", "day"),
                        name="opendata_one_file_a_day",
                    )
                ],
            },
        ),
    ]
