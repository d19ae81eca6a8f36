"""`manage.py opendata_snapshot`: today's open-data files (campaigns.opendata)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.opendata.signing import SigningKeyError
from campaigns.opendata.snapshots import build_all
from campaigns.opendata.snapshots import prune as prune_snapshots


class Command(BaseCommand):
    help = _(
        "Build today's open-data files (every dataset, language and format), sign them and "
        "store them as today's snapshot; a file whose bytes did not change keeps its earlier "
        "day. Safe to run any number of times a day (deploy/campaigns-opendata.timer runs it "
        "daily). With --prune, also remove old snapshots as OPEN_DATA_KEEP_DAYS says."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--prune",
            action="store_true",
            help=_(
                "Then remove snapshots older than OPEN_DATA_KEEP_DAYS (%(days)s), except the "
                "first of each month and the latest file of each dataset; 0 keeps all."
            )
            % {"days": settings.OPEN_DATA_KEEP_DAYS},
        )

    def handle(self, *args, prune, **options):
        self.stdout.write(_("Building the open-data files…"))
        try:
            stored, kept = build_all(log=self.stdout.write)
        except SigningKeyError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(stored)d file(s) stored or replaced, %(kept)d unchanged.")
                % {"stored": stored, "kept": kept}
            )
        )
        if prune:
            removed = prune_snapshots()
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(removed)d old snapshot(s) removed.") % {"removed": removed}
                )
            )
