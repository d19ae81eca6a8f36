import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from campaigns.outbox.worker import SurvivingWorker


class Command(db_worker.Command):
    help = (
        "Send the queued email: django_tasks_db's db_worker on the email queue, which "
        "reconnects after database errors instead of exiting. Takes db_worker's options; "
        "SIGTERM or Ctrl+C stops it once the email being sent is done."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The email backend and queue (settings TASKS), and no reloading unless asked:
        # a reload can stop an email halfway.
        parser.set_defaults(backend_name="email", queue_name="email", reload=False)

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        exclude_queues,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SurvivingWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
        )
        if reload and not batch:
            # As db_worker: only the reloader's child process handles the signals.
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
