"""Demo content of the campaigns app: the case index, three real cases and invented ones.

`build(log)` runs after the site shell (home.demo.site) and is idempotent: a page
whose slug already exists under its parent is kept as it is.
"""

from wagtail.models import ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from campaigns.models import CaseIndexPage, CasePage
from home.demo.site import ensure_page

from .cases import INDEX, REAL_CASES
from .fictional import fictional_cases


def build(log):
    """Create /cases/ and its cases where missing; return how many pages were created."""
    home = Site.objects.select_related("root_page").get(is_default_site=True).root_page
    index, new = ensure_page(home, CaseIndexPage, dict(INDEX), log)
    created = [index] if new else []

    existing = set(index.get_children().values_list("slug", flat=True))
    specs = [make() for make in REAL_CASES] + fictional_cases()
    # Saving a page re-indexes its references once per child row (each update and
    # charge): index each new case once at the end instead.
    with disable_reference_index_auto_update():
        for spec in specs:
            if spec["slug"] not in existing:
                created.append(ensure_page(index, CasePage, spec, log)[0])
    for page in created:
        ReferenceIndex.create_or_update_for_object(page)

    kept = len(specs) - (len(created) - new)
    if kept:
        log(f"  kept    {kept} case(s) already under {index.url_path}")
    return len(created)
