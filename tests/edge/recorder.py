"""An HTTP server on 127.0.0.1 that records every request it is sent: the frontend cache
the purge tests point WAGTAILFRONTENDCACHE at."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Recorder:
    """Started in a thread; `requests` lists (method, host, path, X-Ban-Regex or None)."""

    def __init__(self):
        self.requests = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Varnish answers

            def answer(self):
                recorded.append(
                    (self.command, self.headers["Host"], self.path, self.headers["X-Ban-Regex"])
                )
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PURGE = do_BAN = do_GET = answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self):
        return {"rec": {"BACKEND": "campaigns.edge.backends.VarnishBackend", "LOCATION": self.url}}

    def purged(self):
        """The paths PURGEd, as a set (Host checked separately)."""
        return {path for method, _host, path, _regex in self.requests if method == "PURGE"}

    def banned(self):
        return {(path, regex) for method, _host, path, regex in self.requests if method == "BAN"}

    def clear(self):
        self.requests.clear()
