"""Demo content for `manage.py load_demo`: the pages of DESIGN.md's tree, in our own words."""
