"""A TCP proxy on 127.0.0.1 that a fault test puts between the site and a service.

The machine's own PostgreSQL, Redis or SMTP server is never stopped: a test points the
site at the proxy and cuts the proxy instead.

- `cut()`: every open connection is reset and new ones are refused at once (a service
  that went down or restarted);
- `blackhole()`: connections are accepted but nothing is forwarded either way, and open
  connections go silent (a network partition: the client waits for its timeout);
- `restore()`: forward again (connections made before a fault stay broken, as they
  would be after a real one).

    with TcpProxy(5432) as proxy:
        ... DATABASE port = proxy.port ...
        proxy.cut(); ...; proxy.restore()
"""

import contextlib
import socket
import threading

PASS, CUT, BLACKHOLE = "pass", "cut", "blackhole"


class TcpProxy:
    def __init__(self, target_port, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.mode = PASS
        self._lock = threading.Lock()
        self._sockets = set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    # --- faults ---------------------------------------------------------------------------

    def cut(self):
        with self._lock:
            self.mode = CUT
            self._close_all()

    def blackhole(self):
        with self._lock:
            self.mode = BLACKHOLE

    def restore(self):
        with self._lock:
            if self.mode == BLACKHOLE:
                # What waited in a partition is gone when it heals: reset those connections.
                self._close_all()
            self.mode = PASS

    # --- plumbing -------------------------------------------------------------------------

    def _close_all(self):
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                # SO_LINGER 0: a reset, as from a server that went away. Shutting the read
                # side first wakes the pipe thread blocked in recv() on it: on Linux, close()
                # alone neither wakes it nor sends the reset, and a client waiting for an
                # answer would wait for ever.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                sock.shutdown(socket.SHUT_RD)
            with contextlib.suppress(OSError):
                sock.close()
        self._sockets.clear()

    def _accept(self):
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                mode = self.mode
                if mode == CUT:
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                    client.close()
                    continue
                self._sockets.add(client)
            if mode == BLACKHOLE:
                continue  # held open, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.add(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if self.mode == BLACKHOLE:
                    # Swallow everything from now on, until restore() resets the connection.
                    while source.recv(65536):
                        pass
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        self._closed = True
        with self._lock:
            self._close_all()
        self._listener.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
