"""A real varnishd for the tests, with the VCL deploys use (campaigns.edge.vcl), on a free
port of 127.0.0.1; skipped with the reason where varnishd is missing, except under CI=true,
where it must run."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from campaigns.edge.vcl import render_vcl


def varnishd_or_skip():
    varnishd = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )
    if varnishd is None:
        if os.environ.get("CI") == "true":
            pytest.fail("varnishd must be installed in CI (.ci/run installs Debian's varnish)")
        pytest.skip("varnishd is not installed (Debian: apt-get install varnish)")
    return varnishd


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Varnish:
    """`varnishd -F` in the foreground of a child process, stopped by `stop()`."""

    def __init__(self, backends, purgers):
        self.varnishd = varnishd_or_skip()
        self.workdir = Path(tempfile.mkdtemp(prefix="edge-varnish-"))
        self.workdir.chmod(0o755)  # varnishd started as root reads it as its own user
        self.vcl = self.workdir / "default.vcl"
        self.vcl.write_text(render_vcl(backends, purgers))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                self.varnishd, "-F", "-a", f"127.0.0.1:{self.port}", "-f", str(self.vcl),
                "-n", str(self.workdir / "n"), "-s", "malloc,32m",
                # Quick to start and to notice a changed object; the ban lurker every 0.1 s.
                "-p", "ban_lurker_sleep=0.1", "-p", "thread_pool_min=10",
            ],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.wait_until_ready()

    def wait_until_ready(self):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode(errors="replace")
                pytest.fail(f"varnishd exited: {output}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        pytest.fail("varnishd did not listen within 15 s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def request(self, path, method="GET", host="localhost", headers=None, data=None):
        """(status, headers, body) of one request through the cache."""
        request = urllib.request.Request(
            self.url + path, method=method, data=data, headers={"Host": host, **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


def compile_vcl(vcl_text):
    """`varnishd -C`: (returncode, output) of compiling `vcl_text`."""
    varnishd = varnishd_or_skip()
    with tempfile.TemporaryDirectory(prefix="edge-vcc-") as workdir:
        Path(workdir).chmod(0o755)  # varnishd started as root reads it as its own user
        path = Path(workdir) / "test.vcl"
        path.write_text(vcl_text)
        done = subprocess.run(
            [varnishd, "-C", "-f", str(path), "-n", str(Path(workdir) / "n")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    return done.returncode, done.stderr
