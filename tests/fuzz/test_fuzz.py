"""Property-based fuzzing of every public form and query string of the demo site.

Hypothesis sends generated input (tests/fuzz/strategies.py: typed text, all of Unicode with
controls and NUL, very long strings, markup, wrong types, bytes that are not UTF-8) to each
form and page through Django's test client, with the rate limits lifted, and checks each
answer: never ≥ 500, no payload reflected unescaped, every accepted submission stored and
no refused one. Derandomised, so a run is reproducible; `python -m bench fuzz` sends the
same strategies ten thousand times and more. CI runs this on SQLite and PostgreSQL (where
a NUL reaching a text column would fail).
"""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings

from .strategies import NO_RATE_LIMITS, before_count, check, demo_targets, send

FORMS = ["follow", "sign", "letter", "comment", "contact"]
QUERIES = [
    "cases",
    "cases.csv",
    "cases.json",
    "cases feed",
    "case",
    "search",
    "contact ?case",
    "blog",
    "blog feed",
    "post ?reply",
    "act",
    "petition",
    "home",
]
# About 8 s for the forms and 15 s for the query strings on SQLite.
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    print_blob=False,
)


@pytest.fixture
def targets(built_demo, db):
    with NO_RATE_LIMITS:
        cache.clear()
        yield {target.name: target for target in demo_targets()}


def fuzz(target, examples):
    """Send `examples` generated inputs to `target`; return how many it accepted."""
    client = Client()
    accepted = []

    @settings(FUZZ, max_examples=examples)
    @given(target.inputs())
    def run(sent):
        data, junk = sent
        before = before_count(target)
        response = send(client, target, data, junk)
        verdict = check(target, response, data, before)
        assert verdict.problems == [], (verdict.status, data, junk)
        accepted.append(verdict.accepted)

    run()
    return sum(accepted)


@pytest.mark.parametrize("name", FORMS)
def test_every_form_takes_anything_safely(targets, name):
    # Some inputs are valid, or "every accepted submission is stored" would test nothing.
    assert fuzz(targets[name], examples=50) > 0


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_string_is_answered_safely(targets, name):
    assert Client().get(targets[name].path).status_code == 200  # the page is there
    fuzz(targets[name], examples=15)
