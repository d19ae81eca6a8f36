"""gunicorn's configuration for the site: `gunicorn -c deploy/gunicorn.conf.py`.

The application is named here (`wsgi_app`): give gunicorn no other on its command line.
Every number below was measured on a 2-core machine against the demo site (figures
with each setting; tests/deploy/test_gunicorn.py repeats the slow-client measurement).
Environment variables override the machine-dependent settings: GUNICORN_BIND,
WEB_CONCURRENCY, FORWARDED_ALLOW_IPS, GUNICORN_MAX_REQUESTS.

Why not the sync or gthread workers: a sync worker reads a request's headers itself, so a
client that sends them a byte at a time holds it until gunicorn's 30 s timeout kills it;
two such clients took both workers of the old setup (issue 14: a normal request waited
40 s behind 8 of them). gthread only hands a connection to a thread once its first byte
has arrived, but then the thread reads the rest of the headers blocking, with no deadline:
with 5 workers x 4 threads, 8 slow clients already left some worker with every thread
held while it still accepted connections, and 1 normal request in 5 waited 40 s (the
client's timeout); with 2 x 8 threads, 300 slow clients left every request waiting.

So: gunicorn's `asgi` worker. Its asyncio loop reads every request's headers and body
without a thread, however slowly they come (a waiting client costs a few kilobytes, up
to `worker_connections` of them per worker), and only a complete request reaches Django.
Django itself still runs as WSGI (settings/asgi.py wraps it in asgiref's WsgiToAsgi):
one request at a time per worker, in one long-lived thread, so persistent database
connections and streamed responses (CSV exports, WhiteNoise's files) work exactly as
under the sync worker. Measured (2 workers): a normal request answered in 0.11 s at most
behind 8 slow-header clients, 0.08 s behind 300.

A reader that downloads a large response slowly can still hold a worker while gunicorn's
send buffer (64 KB) and the socket's are full: the TLS proxy in front buffers responses.
"""

import os

wsgi_app = "settings.asgi:application"
worker_class = "asgi"
# Each worker serves one Django request at a time: 2 per core plus one keeps the cores
# busy while some wait on the database or the mail server (gunicorn's own advice).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Connections a worker holds open at once, slow ones included (gunicorn's default); past
# it a worker stops accepting, and the kernel queues new connections (`backlog`).
worker_connections = 1000

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Only the proxy on this machine may say which scheme and address a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# A worker silent this long is killed and replaced; a request body that stops arriving
# for this long is dropped. The slowest page (the signatures CSV export of a large
# petition) takes a few seconds.
timeout = 30
# On HUP or TERM, requests in flight get this long to finish (systemd's TimeoutStopSec is
# a little longer).
graceful_timeout = 30
# Behind the proxy: it reuses its connections to gunicorn for this long.
keepalive = 5

# The site's addresses are short; a search query or filter list is the longest (2 KB is
# plenty). A browser sends 10-20 headers, the proxy adds a few; session, CSRF and
# language cookies fit well within a field of 8 KB.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Each worker is replaced after about this many requests (staggered by the jitter, so
# that they are not replaced all at once): a slow leak in a dependency never grows far.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10

# No preloading: each worker imports the site itself, so that `systemctl reload`
# (SIGHUP) starts workers on newly deployed code without dropping a connection, and no
# connection or thread opened at import time is shared across forks. It costs a second
# or two per worker at start.
preload_app = False
# The workers' heartbeat files live in memory: a disk under load would make a busy
# worker look silent and get it killed.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn's documented place for them
# systemd (or a TERM/HUP signal) manages the servers; gunicorn 27's control socket would
# be made in $HOME, which the service does not have.
control_socket_disable = True

# Both logs go to stderr (the journal). Neither carries the client's address, the query
# string, the referrer or a signed token (settings/gunicorn_logging.py): a log outlives
# every retention rule for supporters' data.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "settings.gunicorn_logging.PrivateLogger"
