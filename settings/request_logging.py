"""Django's request log without supporters' tokens: a filter in settings.LOGGING.

Django logs every answer of 400 and more on `django.request` ("Bad Request:
/follow/confirm/<token>/"; a refused CSRF check on `django.security.csrf`), naming the
path and attaching the request for handlers that report it. The links emailed to
supporters carry a signed token in their path, a capability that an expired link still
shows; the request holds the client's address and what was posted. So the path's signed
segments are replaced, as in gunicorn's access log (settings/gunicorn_logging.py), and the
request is taken off the record (Django's error emails to ADMINS then say "Request repr()
unavailable").
"""

import logging

from .gunicorn_logging import REDACTED, SIGNED_SEGMENT


class WithoutTokens(logging.Filter):
    def filter(self, record):
        record.__dict__.pop("request", None)
        if isinstance(record.args, tuple):
            record.args = tuple(
                SIGNED_SEGMENT.sub(REDACTED, arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True
