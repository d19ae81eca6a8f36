from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive into this database and media storage: "
        "migrates, loads every row and file, rebuilds the search index and checks the "
        "row counts. Refuses a database that already holds a site unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete everything in this database first (it already holds a site).",
        )

    def handle(self, *args, archive, replace, **options):
        try:
            restore_backup(archive, default_storage, replace=replace, log=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
