"""Wagtail's HTTP purge backend, made fit for a publish that purges a hundred URLs.

Wagtail's `HTTPBackend` opens a new connection per URL and waits without a deadline; this
one sends a batch's PURGEs over one kept-alive connection with a timeout, and adds BAN (a
path prefix or a regex, see deploy/varnish/default.vcl) for what a list of URLs cannot
name: a moved page's old subtree, every case page after an organisation is renamed.
A cache that is down is logged and skipped: publishing never fails because of it.

Settings: WAGTAILFRONTENDCACHE = {"edge": {"BACKEND": "campaigns.edge.backends.
VarnishBackend", "LOCATION": "http://10.0.0.9:6081"}} (settings/base.py builds it from
FRONTEND_CACHE_URLS).
"""

import http.client
import logging
from urllib.parse import urlsplit

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger("wagtail.frontendcache")

TIMEOUT_SECONDS = 2.0
USER_AGENT = f"Wagtail-frontendcache/{__version__}"


def _host_and_path(url):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return parts.netloc, path or "/"


class VarnishBackend(HTTPBackend):
    """PURGE each URL and BAN prefixes, over one connection per batch."""

    def __init__(self, params):
        self.timeout = params.pop("TIMEOUT", TIMEOUT_SECONDS)
        super().__init__(params)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        self._send([("PURGE", *_host_and_path(url), {}) for url in urls])

    def ban(self, url, regex=None):
        """Drop every cached object under `url`'s path on its host (or, given `regex`, every
        path of that host that matches it)."""
        host, path = _host_and_path(url)
        headers = {"X-Ban-Regex": regex} if regex else {}
        self._send([("BAN", host, path, headers)])

    def _connection(self):
        if self.cache_scheme == "https":
            return http.client.HTTPSConnection(self.cache_netloc, timeout=self.timeout)
        return http.client.HTTPConnection(self.cache_netloc, timeout=self.timeout)

    def _send(self, requests):
        connection = self._connection()
        try:
            for method, host, path, headers in requests:
                connection.request(
                    method, path, headers={"Host": host, "User-Agent": USER_AGENT, **headers}
                )
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    logger.error(
                        "Couldn't %s '%s%s' from HTTP cache %s: %d %s",
                        method,
                        host,
                        path,
                        self.cache_netloc,
                        response.status,
                        response.reason,
                    )
        except (OSError, http.client.HTTPException) as error:  # down, timed out, reset
            logger.error("Couldn't reach HTTP cache %s: %s", self.cache_netloc, error)
        finally:
            connection.close()
