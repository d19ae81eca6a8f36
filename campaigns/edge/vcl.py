"""render_vcl(backends: list[tuple[str, int]], purgers: list[str], *, probe_host=None) -> str

The Varnish configuration of the edge cache, for any set of app servers: deploys, tests
and the benchmark render the one template (templates/edge/default.vcl) with their own
addresses, so what is tested is what is deployed.

- `backends`: the app servers as (host, port), served round-robin;
- `purgers`: the addresses allowed to PURGE and BAN ("10.0.0.5", or a network
  "10.0.0.0/24"): the app servers, which purge on publish;
- `probe_host`: the site's host name (one ALLOWED_HOSTS accepts). Given, Varnish asks
  each app server's /healthz/live/ every 5 s and serves stale copies (up to 6 h) while
  all are down; without it every server is taken as healthy.

From the shell: `python -m campaigns.edge.vcl --backend 10.0.0.5:8000 --backend
10.0.0.6:8000 --purger 10.0.0.0/24 --probe-host campaign.example.org > default.vcl`
(deploy/varnish/default.vcl is the example for one server on 127.0.0.1:8000). Needs no
Django settings, so the benchmark can import it on its own.
"""

import argparse
import ipaddress
import re
from importlib.resources import files
from string import Template

TEMPLATE = files(__package__ or "campaigns.edge").joinpath("templates/edge/default.vcl")
HOST_NAME = re.compile(r"^[A-Za-z0-9.-]+$")

PROBE = """probe healthy {
    .request = "GET /healthz/live/ HTTP/1.1"
        "Host: $host"
        "Connection: close";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}
"""


def _backend(index, host, port, probe):
    """One `backend` block: generous timeouts for exports, short connect for failover."""
    if not HOST_NAME.match(host) or not 0 < int(port) < 65536:
        raise ValueError(f"not a backend address: {host}:{port}")
    probe_line = "    .probe = healthy;\n" if probe else ""
    return (
        f"backend app{index} {{\n"
        f'    .host = "{host}";\n'
        f'    .port = "{int(port)}";\n'
        "    .connect_timeout = 2s;\n"
        "    .first_byte_timeout = 60s;\n"
        "    .between_bytes_timeout = 10s;\n"
        f"{probe_line}"
        "}\n"
    )


def _acl_entry(address):
    """`"10.0.0.0"/24;` from "10.0.0.0/24", `"10.0.0.5";` from "10.0.0.5"."""
    network = ipaddress.ip_network(address, strict=False)
    if network.num_addresses == 1:
        return f'    "{network.network_address}";'
    return f'    "{network.network_address}"/{network.prefixlen};'


def render_vcl(backends, purgers, *, probe_host=None):
    """The VCL text for these app servers and purgers (see the module's docstring)."""
    if not backends:
        raise ValueError("at least one backend is needed")
    if not purgers:
        raise ValueError("at least one purger address is needed (the app servers)")
    if probe_host is not None and not HOST_NAME.match(probe_host):
        raise ValueError(f"not a host name: {probe_host}")
    probe = probe_host is not None
    return Template(TEMPLATE.read_text()).substitute(
        backends="\n".join(
            _backend(index, host, port, probe) for index, (host, port) in enumerate(backends)
        ),
        probe=Template(PROBE).substitute(host=probe_host) if probe else "",
        purgers="\n".join(_acl_entry(address) for address in purgers),
        director="\n".join(f"    app.add_backend(app{index});" for index in range(len(backends))),
    )


def _address(text):
    host, _, port = text.rpartition(":")
    return host, int(port)


def main(argv=None):
    """Print the VCL for the addresses given on the command line."""
    parser = argparse.ArgumentParser(description="Render the edge cache's VCL.")
    parser.add_argument(
        "--backend",
        action="append",
        type=_address,
        required=True,
        help="an app server, HOST:PORT (repeat for several)",
    )
    parser.add_argument(
        "--purger",
        action="append",
        required=True,
        help="an address or network allowed to PURGE/BAN (repeat)",
    )
    parser.add_argument("--probe-host", help="the site's host name, to probe /healthz/live/")
    args = parser.parse_args(argv)
    print(render_vcl(args.backend, args.purger, probe_host=args.probe_host), end="")


if __name__ == "__main__":
    main()
