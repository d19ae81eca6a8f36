"""Stored open-data files: each dataset's file per language and format, one per day it changed.

A row is the exact bytes readers download, with their SHA-256 and Ed25519 signature, so a
file can be served fast (no query over the cases) and cited later by its date. The day's
row is replaced while the day lasts; earlier days are kept (until `opendata_snapshot
--prune` removes what OPEN_DATA_KEEP_DAYS lets go). A new day gets a row only when the
bytes differ from the latest row's.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON"


class OpenDataSnapshot(models.Model):
    """One open-data file as published on `day`: no supporter data ever goes in one."""

    dataset = models.SlugField(_("dataset"), max_length=40)
    language = models.CharField(_("language"), max_length=8)
    format = models.CharField(_("format"), max_length=8, choices=FileFormat.choices)
    day = models.DateField(_("day"))
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    signature = models.BinaryField(_("Ed25519 signature"), blank=True)
    # What the data looked like when this file was built (the dataset's `version()`): a
    # request that finds it out of date rebuilds the file before serving it.
    source_version = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last built"), auto_now=True)

    class Meta:
        verbose_name = _("open-data snapshot")
        verbose_name_plural = _("open-data snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "language", "format", "day"], name="opendata_one_file_a_day"
            )
        ]
        indexes = [
            models.Index(fields=["dataset", "language", "format", "-day"], name="opendata_latest")
        ]
        ordering = ["-day", "dataset", "language", "format"]

    def __str__(self):
        return self.filename

    @property
    def filename(self):
        """e.g. cases.en.2026-12-01.csv: the dataset, language and day a citation needs."""
        return f"{self.dataset}.{self.language}.{self.day.isoformat()}.{self.format}"
