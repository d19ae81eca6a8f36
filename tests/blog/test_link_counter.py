"""The comment link limit counts exactly what the published comment will link.

A comment with more than MAX_LINKS links always waits for a moderator, even when the site
approves comments on its own; the count must include every link `urlize_ugc` will draw.
"""

import pytest
from django.template import Context, Template

from campaigns.blog.forms import MAX_LINKS, link_count
from campaigns.models import BlogComment, CommentStatus

from .factories import BlogIndexPageFactory, BlogPostPageFactory


def links_drawn(text):
    """The links the comment template draws for `text`."""
    html = Template("{% load campaigns_tags %}{{ body|urlize_ugc }}").render(
        Context({"body": text})
    )
    return html.count("<a ")


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("spam1.com/a spam2.net spam3.org/x?y=1 (spam4.com) spam5.com.", 5),  # bare domains
        ("www.spam.kz and https://spam.kz/a and http://x.kz", 3),
        ("Write to press@mail.kz or team@example.org", 2),  # linked as mailto:
        ("xn--80ak6aa92e.com and пример.com", 2),  # punycode and IDN
        ("e.g. 3.14 is pi, i.e. not a link; mail.kz is not linked by urlize", 0),
        ("<a href=http://x.kz>x</a>", 0),  # escaped, and not a link of its own
        ("", 0),
    ],
)
def test_the_count_is_what_the_template_links(text, links):
    assert link_count(text) == links
    assert links_drawn(text) == links


def test_five_bare_domains_hold_a_comment_for_moderation(client, home_page, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home_page))
    body = "Cheap: spam1.com/a spam2.com/a spam3.com/a spam4.com/a spam5.com/a"
    data = {"author_name": "Bot", "email": "", "body": body, "website": ""}
    assert client.post(f"/comments/{post.pk}/", data).status_code == 200
    comment = BlogComment.objects.get()
    assert comment.link_count == 5 > MAX_LINKS
    assert comment.status == CommentStatus.PENDING
