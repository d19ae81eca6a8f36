from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write the whole site (database rows and media files) to one .tar.gz archive, "
        "readable by its owner only: it holds supporters' data. Restore it with "
        "`manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write it (default: backup-<date and time>.tar.gz here).",
        )

    def handle(self, *args, archive=None, **options):
        archive = archive or f"backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            write_backup(archive, default_storage, log=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
