"""Is email going out? The email queue's check for /healthz/ready/ (home.health).

"Unsent" means an OutboundEmail still waiting to be sent (status "queued"): the stored
message is the truth, not django_tasks_db's task rows. A task row says what the worker
will run, not whether the email left: a failed attempt ends its task "successful" and
enqueues a new one for later, a task waiting for its retry time is "ready" long before
it is due, and an email whose task went missing would not be seen at all; the email row
stays "queued" through all of that until it is sent (or fails for good).

The queue is stuck (the site "degraded", still serving pages) when its oldest unsent email
has waited longer than EMAIL_QUEUE_STUCK_AFTER seconds: the worker stopped, or the mail
server has refused the email for that long. The admin warns from the same figures
(`campaigns.outbox.queue.oldest_unsent_age`).
"""

from django.conf import settings

from home.health import DEGRADED, OK, Check, health_check

from .queue import oldest_unsent_age, queue_is_stuck


@health_check("email_queue")
def email_queue_check():
    age = oldest_unsent_age()
    return Check(
        DEGRADED if queue_is_stuck(age) else OK,
        oldest_unsent_seconds=None if age is None else int(age.total_seconds()),
        stuck_after_seconds=settings.EMAIL_QUEUE_STUCK_AFTER,
    )
