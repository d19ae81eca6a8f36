from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.cases.importing import COLUMNS, ImportFileError, plan_import, run_import

BAR_WIDTH = 30


class Command(BaseCommand):
    @property
    def help(self):
        # A property, so the text is translated when shown (argparse refuses lazy strings).
        return _(
            "Create or update case pages from a spreadsheet saved as CSV (UTF-8), matched by "
            "slug under the case index. Every row is checked first: if any row is wrong, all "
            "errors are listed and nothing is imported. Columns: %(columns)s."
        ) % {"columns": ", ".join(COLUMNS)}

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The CSV file, with a header row."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the file and say what would be created or updated; change nothing."),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("Publish the pages; without it, new cases and changes are saved as drafts."),
        )

    def handle(self, *args, file, dry_run, publish, verbosity, **options):
        try:
            plan = plan_import(file)
        except ImportFileError as error:
            raise CommandError(str(error)) from None

        if plan.errors:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(errors)s in %(rows)s; nothing was imported.")
                % {
                    "errors": errors_text(len(plan.errors)),
                    "rows": rows_text(plan.rows_with_errors),
                }
            )

        if dry_run:
            if verbosity >= 1:
                for case in plan.cases:
                    line = _("row %(row)d: would create “%(slug)s”")
                    if not case.is_new:
                        line = _("row %(row)d: would update “%(slug)s”")
                    self.stdout.write(line % {"row": case.row, "slug": case.page.slug})
            self.stdout.write(
                _(
                    "Dry run: %(rows)s valid: %(created)d would be created, %(updated)d updated. "
                    "Nothing was changed."
                )
                % {
                    "rows": rows_text(len(plan.cases)),
                    "created": plan.created,
                    "updated": plan.updated,
                }
            )
            return

        progress = self.show_progress if verbosity >= 1 else None
        result = run_import(plan, publish=publish, progress=progress)
        if progress:
            self.stdout.write("")
        summary = _("Imported %(rows)s: %(created)d created, %(updated)d updated (%(how)s).") % {
            "rows": rows_text(result.total),
            "created": result.created,
            "updated": result.updated,
            "how": _("published") if publish else _("saved as drafts"),
        }
        self.stdout.write(self.style.SUCCESS(summary))

    def show_progress(self, done, total):
        if not total:
            return
        filled = BAR_WIDTH * done // total
        # Redrawing a thousand times would only flood logs: redraw when the bar grows.
        if done != total and filled == BAR_WIDTH * (done - 1) // total:
            return
        bar = "#" * filled + " " * (BAR_WIDTH - filled)
        self.stdout.write(f"\r{_('Importing')} [{bar}] {done}/{total}", ending="")
        self.stdout.flush()


def errors_text(number):
    return ngettext("%(count)d error", "%(count)d errors", number) % {"count": number}


def rows_text(number):
    return ngettext("%(count)d row", "%(count)d rows", number) % {"count": number}
