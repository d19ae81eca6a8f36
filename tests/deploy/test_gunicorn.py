"""The shipped gunicorn configuration (deploy/gunicorn.conf.py) under slow clients, and its
logs without client data (settings/gunicorn_logging.py).

gunicorn runs as production runs it, `gunicorn -c deploy/gunicorn.conf.py`, serving the
real site on a copy of the browser tests' demo database, with 2 workers: the count that
two slow clients used to starve. Requests come from 127.0.0.3 (the server listens on
127.0.0.1), so that the client's address is one the logs could only have from the client.
"""

import http.client
import io
import logging
import socket
import subprocess
import threading
import time
from datetime import timedelta

import pytest
from gunicorn.config import Config

from settings.gunicorn_logging import PrivateLogger
from tests.browser.conftest import ROOT, copy_demo_database, free_port, server_env

CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
CLIENT = "127.0.0.3"
SLOW_CLIENTS = 8  # four times the workers that two used to block
SECRET_QUERY = "email=supporter-secret%40example.org"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with the shipped configuration: `.port`, `.stop()` -> (stdout, stderr)."""
    workdir = tmp_path_factory.mktemp("gunicorn")
    copy_demo_database(workdir)
    port = free_port()
    env = server_env(workdir, port=port)
    env.update(DJANGO_SETTINGS_MODULE="settings.test", DEBUG="false", WEB_CONCURRENCY="2")
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    out, err = workdir / "stdout.log", workdir / "stderr.log"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(CONFIG)],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
    deadline = time.monotonic() + 60
    while get(port, "/healthz/", timeout=5)[0] != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"gunicorn did not start:\n{err.read_text()}")
        time.sleep(0.2)

    def stop():
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=40)
        return out.read_text(), err.read_text()

    yield type("Server", (), {"port": port, "stop": staticmethod(stop)})
    stop()


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(CLIENT, 0))


def get(port, path, timeout):
    """(status, seconds taken), or (None, seconds) when the server did not answer."""
    started = time.monotonic()
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(CLIENT, 0)
    )
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    except OSError:
        return None, time.monotonic() - started
    finally:
        connection.close()


def test_slow_clients_do_not_starve_the_site(server):
    """Clients sending their headers a byte every 0.2 s never finish them; meanwhile every
    normal request is answered within a second. (With the sync worker, 2 workers: the
    first normal request waits out the 30 s worker timeout.)"""
    head = b"GET /healthz/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 4000
    slow = [connect(server.port) for _ in range(SLOW_CLIENTS)]
    stop = threading.Event()

    def drip():
        for byte in range(len(head)):
            for sock in slow:
                sock.send(head[byte : byte + 1])
            if stop.wait(0.2):
                return

    dripping = threading.Thread(target=drip)
    dripping.start()
    try:
        time.sleep(1)  # every slow client has started its headers
        answers = [get(server.port, "/healthz/", timeout=5) for _ in range(5)]
    finally:
        stop.set()
        dripping.join()
        for sock in slow:
            sock.close()
    assert [status for status, _ in answers] == [200] * 5
    assert max(seconds for _, seconds in answers) < 1, answers


def test_logs_hold_no_client_address_or_query_string(server):
    """An ordinary request with a query string and a malformed one, from 127.0.0.3:
    the access log names the path, and neither log names the client or the query."""
    assert get(server.port, f"/healthz/?{SECRET_QUERY}", timeout=5)[0] == 200
    with connect(server.port) as sock:
        sock.sendall(f"GET /?{SECRET_QUERY} HTTP/1.1 junk\r\nHost: x\r\n\r\n".encode())
        assert sock.recv(100).startswith(b"HTTP/1.1 400")
    stdout, stderr = server.stop()
    assert '"GET /healthz/ HTTP/1.1" 200' in stdout
    for log in (stdout, stderr):
        assert CLIENT not in log
        assert "supporter-secret" not in log


def gunicorn_logger(**settings):
    config = Config()
    for name, value in {"errorlog": "-", "accesslog": "-", **settings}.items():
        config.set(name, value)
    logger = PrivateLogger(config)
    output = io.StringIO()
    for log in (logger.error_log, logger.access_log):
        logger._get_gunicorn_handler(log).setStream(output)
    return logger, output


@pytest.mark.parametrize(
    "message",
    [
        # As gunicorn's sync and gthread workers word it (gunicorn.workers.base).
        "Invalid request from ip=203.0.113.77: Invalid HTTP Version 'HTTP/1.1 junk'",
        "Invalid request from ip=2001:db8::77: Invalid Request Line 'GET /?email=a@b.org'",
        "Error handling request /contact/?email=supporter-secret@example.org",
    ],
)
def test_error_log_drops_addresses_queries_and_emails(message):
    logger, output = gunicorn_logger(bind=["127.0.0.1:8000"])
    logger.warning(message)
    logger.info("Listening at: http://%s (%s)", "127.0.0.1:8000", 1)
    logged = output.getvalue()
    for secret in ("203.0.113.77", "2001:db8::77", "a@b.org", "supporter-secret", "email="):
        assert secret not in logged
    assert "Invalid" in logged or "Error handling request /contact/" in logged
    assert "Listening at: http://127.0.0.1:8000" in logged  # the server's own address stays


def test_access_log_gets_no_client_atoms_even_if_a_format_asks():
    """A format naming the address, request line, query, referrer or headers logs "-";
    a signed token in the path (a confirmation link) is replaced."""
    logger, output = gunicorn_logger(
        access_log_format="%(h)s|%(r)s|%(q)s|%(f)s|%({x-forwarded-for}i)s|%(U)s|%(s)s"
    )
    environ = {
        "REMOTE_ADDR": "203.0.113.77",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/sign/confirm/WzEsMl0:1v:abc/?email=a@b.org",
        "PATH_INFO": "/sign/confirm/WzEsMl0:1v:abc/",
        "QUERY_STRING": "email=a@b.org",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://example.org/?email=a@b.org",
    }
    response = type("Response", (), {"status": "200 OK", "sent": 10, "headers": []})()
    request = type("Request", (), {"headers": [("X-FORWARDED-FOR", "203.0.113.77")]})()
    logger.access(response, request, environ, timedelta(seconds=1))
    assert output.getvalue().strip() == "-|-|-|-|-|/sign/confirm/-/|200"


@pytest.fixture(autouse=True)
def _quiet_gunicorn_loggers():
    """PrivateLogger configures the process's "gunicorn.error" and "gunicorn.access"."""
    yield
    for name in ("gunicorn.error", "gunicorn.access"):
        logging.getLogger(name).handlers.clear()
