"""Demo content for `manage.py load_demo`: the pages of DESIGN.md's tree, in our own words.

Each app with demo content has a `demo` package with a `build(log)` function
that creates what is missing and returns how many items it created.
"""
