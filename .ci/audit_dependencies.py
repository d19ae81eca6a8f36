"""Audit the pinned runtime dependencies for known vulnerabilities (pip-audit).

Fails when a pinned package has a known vulnerability. When no audit source answers (no
network, or a registry mirror that does not serve PyPI's JSON API), every package comes
back "could not be audited": that is said plainly and the step passes, because nothing
was checked, rather than reporting "no known vulnerabilities".

    .venv/bin/python .ci/audit_dependencies.py requirements.txt
"""

import json
import subprocess
import sys
from pathlib import Path

requirements = sys.argv[1] if len(sys.argv) > 1 else "requirements.txt"
audit = Path(sys.executable).with_name("pip-audit")
try:
    result = subprocess.run(  # noqa: S603 - our own pip-audit, our own file
        [audit, "-r", requirements, "--disable-pip", "--no-deps", "--progress-spinner", "off"]
        + ["--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout or "{}")
except (subprocess.TimeoutExpired, ValueError) as error:
    print(f"SKIPPED: the dependency audit got no answer ({error.__class__.__name__}).")
    sys.exit(0)

dependencies = report.get("dependencies", [])
audited = [dep for dep in dependencies if "skip_reason" not in dep]
vulnerable = [dep for dep in audited if dep.get("vulns")]
if not dependencies:
    print("SKIPPED: no audit source answered:", result.stderr.strip().splitlines()[-1:])
    sys.exit(0)
if not audited:
    print(
        f"SKIPPED: no audit source answered for any of the {len(dependencies)} pinned "
        f"packages ({dependencies[0]['skip_reason']}…): nothing was checked."
    )
    sys.exit(0)
for dep in vulnerable:
    for vuln in dep["vulns"]:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
        print(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
skipped = len(dependencies) - len(audited)
print(
    f"Audited {len(audited)} of {len(dependencies)} pinned packages "
    f"({skipped} could not be audited): {len(vulnerable)} with known vulnerabilities."
)
sys.exit(1 if vulnerable else 0)
