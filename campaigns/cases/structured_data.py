"""A case page as schema.org data: the Person it is about (see home.structured_data)."""

from home.structured_data import thing


def person_reference(case, request=None):
    """The case's person as another item names it (a post's `about`, a hearing's)."""
    url = case.get_full_url(request)
    return thing("Person", name=case.person_name, url=url)


def person(case, request=None):
    """The person of a case page: name and address of the page, the case's summary, and
    their role, from fields the page has loaded already."""
    return thing(
        "Person",
        **{"@id": f"{case.get_full_url(request)}#person"},
        name=case.person_name,
        url=case.get_full_url(request),
        description=case.summary,
        jobTitle=str(case.get_role_display()) if case.role else "",
    )
