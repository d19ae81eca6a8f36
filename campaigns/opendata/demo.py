"""Demo open data: today's signed files of every dataset, built from the demo's cases (and
hearings and corrections where those features exist). Idempotent: unchanged files stay."""

from .snapshots import build_all


def build_open_data(log):
    stored, kept = build_all()
    log(f"  open data: {stored} file(s) stored, {kept} unchanged, listed on /open-data/")
    return stored
