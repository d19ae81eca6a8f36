"""gunicorn's logger without client data: `logger_class` in deploy/gunicorn.conf.py.

gunicorn writes the client's address into its error log ("Invalid request from
ip=203.0.113.7: ...") and offers it, with the query string, the referrer and every
request header, to the access log format. A log line that names a supporter's address
or email outlives every retention rule, so neither log gets them:

- the access log is given only the atoms below; any other atom a format asks for
  (`%(h)s`, `%(r)s`, `%(q)s`, `%({x-forwarded-for}i)s`...) prints "-", and signed
  tokens in the path (confirmation links) are replaced;
- every error log message has its IP addresses, query strings and email addresses
  replaced, whoever wrote it (gunicorn's workers quote the malformed request).
"""

import ipaddress
import logging
import re

from django.http.request import split_domain_port
from gunicorn.glogging import Logger

# Request atoms that say nothing about who sent the request: time, method, path, protocol,
# status, response size, duration, worker.
ACCESS_ATOMS = {"t", "m", "U", "H", "s", "b", "B", "T", "D", "M", "L", "p"}
# A signed value (django.core.signing: "payload:timestamp:signature"), as in the links
# that confirm a signature or a follow: a capability, so never logged.
SIGNED_SEGMENT = re.compile(r"(?<=/)[^/]*:[^/]*")
REDACTED = "-"
IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
IPV6 = re.compile(r"[0-9A-Fa-f]*:[0-9A-Fa-f:.]*")
QUERY_STRING = re.compile(r"\?[^\s'\"]*")
EMAIL = re.compile(r"[^\s'\"<>@=]+@[^\s'\"<>@]+")


def scrub(text, server_addresses=()):
    """`text` with no IP address (other than the server's own), query string or email
    address left in it."""

    def redact_address(match):
        # "2001:db8::1:" in "ip=2001:db8::1: Invalid ...": the colon is the message's.
        address = match.group().rstrip(":.")
        try:
            ipaddress.ip_address(address)
        except ValueError:
            return match.group()
        return match.group() if address in server_addresses else REDACTED

    text = QUERY_STRING.sub("?" + REDACTED, text)
    text = EMAIL.sub(REDACTED, text)
    text = IPV4.sub(redact_address, text)
    return IPV6.sub(redact_address, text)


class ScrubClientData(logging.Filter):
    """Rewrite a record's message (and traceback) without client data. The addresses the
    server listens on stay: "Listening at: http://127.0.0.1:8000" is about the server."""

    def __init__(self, server_addresses=()):
        super().__init__()
        self.server_addresses = frozenset(server_addresses)

    def filter(self, record):
        record.msg = scrub(record.getMessage(), self.server_addresses)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text, self.server_addresses)
        return True


class PrivateLogger(Logger):
    """gunicorn's Logger, with the error log scrubbed and the access log given safe atoms."""

    def setup(self, cfg):
        super().setup(cfg)
        for old in [f for f in self.error_log.filters if isinstance(f, ScrubClientData)]:
            self.error_log.removeFilter(old)  # set up again on a reload: the binds may change
        bound = {split_domain_port(address)[0].strip("[]") for address in cfg.bind}
        self.error_log.addFilter(ScrubClientData(bound))

    def atoms(self, resp, req, environ, request_time):
        atoms = {
            key: value
            for key, value in super().atoms(resp, req, environ, request_time).items()
            if key in ACCESS_ATOMS
        }
        atoms["U"] = SIGNED_SEGMENT.sub(REDACTED, atoms.get("U") or "")
        return atoms
