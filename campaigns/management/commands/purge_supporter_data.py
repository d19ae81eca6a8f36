import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.supporters.retention import purge


class Command(BaseCommand):
    help = _(
        "Remove supporters' data older than the retention period: contact messages, sent "
        "emails, commenters' email addresses, refused comments, unconfirmed and ended follows, "
        "unconfirmed signatures and the signatures of petitions closed before the period. "
        "Run it daily (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=settings.SUPPORTER_DATA_RETENTION_DAYS,
            help=_("Age in days (default: SUPPORTER_DATA_RETENTION_DAYS, %(default)s)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Count what would be removed, remove nothing."),
        )

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 1:
            raise CommandError(_("--older-than must be a number of days, 1 or more."))
        cutoff = timezone.now() - datetime.timedelta(days=older_than)
        self.stdout.write(
            _("Removing supporters' data from before %(date)s:")
            % {"date": cutoff.strftime("%Y-%m-%d %H:%M")}
        )
        counts = purge(cutoff, log=self.stdout.write, dry_run=dry_run)
        total = sum(counts.values())
        verb = _("would be removed (dry run)") if dry_run else _("removed")
        self.stdout.write(
            self.style.SUCCESS(_("%(total)d records %(verb)s.") % {"total": total, "verb": verb})
        )
