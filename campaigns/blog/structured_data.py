"""A blog post as a schema.org Article (see home.structured_data)."""

from home.i18n import language_code
from home.structured_data import thing

from ..cases.structured_data import person_reference


def article(post, authors, cases, publisher, request=None):
    """`post` with the `authors` and related `cases` its page shows (already loaded), and
    the site's name as `publisher`; a post without a named author is the publisher's."""
    url = post.get_full_url(request)
    publisher_item = thing("Organization", name=publisher)
    return thing(
        "Article",
        headline=post.title,
        description=post.intro,
        datePublished=post.date,
        dateModified=post.last_published_at,
        author=[thing("Person", name=author.name) for author in authors] or publisher_item,
        publisher=publisher_item,
        inLanguage=language_code(post.locale_id),
        url=url,
        mainEntityOfPage=url,
        about=[person_reference(case, request) for case in cases],
    )
