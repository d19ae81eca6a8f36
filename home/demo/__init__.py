"""Demo content for `manage.py load_demo`: the pages of DESIGN.md's tree, in our own words.

Each app with demo content has a `demo` module (or package) with a `build(log)` function
that creates what is missing and returns how many items it created; `load_demo` finds
them in INSTALLED_APPS order. Here: the site shell (home page, about, privacy, settings).
"""

from .site import build

__all__ = ["build"]
