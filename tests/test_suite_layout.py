"""The suite's own rule: a test module never imports from another test module.

Helpers are shared through fixtures in the nearest conftest.py, test data through the
factories of each feature (tests/<feature>/factories.py), and the admin steps that module
helpers take through tests/admin_steps.py; a test module is only ever collected.
"""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def imported_modules(source, module):
    """The dotted names that `source`, the code of the module named `module`, imports from.

    Relative imports are resolved; `from x import y` yields both "x" and "x.y", since y may
    be a module.
    """
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            origin = ".".join([*base, node.module] if node.module else base)
            yield origin
            yield from (f"{origin}.{alias.name}" for alias in node.names)


def owning_test_module(name):
    """The test module (tests.<...>.test_<...>) that the dotted `name` is or is in, if any."""
    parts = name.split(".")
    if parts[0] != "tests":
        return None
    for index, part in enumerate(parts):
        if part.startswith("test_"):
            return ".".join(parts[: index + 1])
    return None


def imported_test_modules(source, module):
    return sorted({owning_test_module(name) for name in imported_modules(source, module)} - {None})


def module_name(path):
    return ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)


def test_no_module_of_the_suite_imports_a_test_module():
    offenders = [
        f"{path.relative_to(TESTS.parent)} imports {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for name in imported_test_modules(path.read_text(), module_name(path))
    ]
    assert offenders == [], (
        "Share it through a fixture in the nearest conftest.py, or a builder in the "
        "feature's factories.py:\n" + "\n".join(offenders)
    )


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from .test_pages import make_site", ["tests.home.test_pages"]),
        ("from ..cases.test_cases import cases", ["tests.cases.test_cases"]),
        ("from . import test_pages", ["tests.home.test_pages"]),
        ("import tests.blog.test_blog", ["tests.blog.test_blog"]),
        ("from tests.blog.test_blog import make_post", ["tests.blog.test_blog"]),
        ("from .factories import make_site\nfrom ..admin_steps import approve", []),
        ("from django.test import TestCase\nfrom wagtail.test.utils import WagtailTestUtils", []),
    ],
)
def test_the_rule_sees_every_form_of_import(source, found):
    assert imported_test_modules(source, "tests.home.test_review") == found
