"""The demo tells the truth: its facts, links and counts say what they are (issue 11).

Each test loads the whole demo once and checks several things, as loading it is slow.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.models import BlogComment

SEED_POST = "/blog/kazakhstan-political-prisoners-and-human-rights/"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def comment_item(html, comment):
    """The HTML of a comment's <li>, replies included, from the page's comment list."""
    start = html.index(f'<li class="comment" id="comment-{comment.pk}">')
    depth, position = 0, start
    for tag in re.finditer(r"<(/?)li\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            position = start + tag.end()
            break
    return html[start:position]


def test_the_team_reply_sits_under_the_question_it_answers(demo, client):
    reply = BlogComment.objects.get(author_name="Campaign team")
    assert "Freedom House" in reply.body
    assert reply.parent.author_name == "Mark"
    assert "monitoring reports" in reply.parent.body
    html = client.get(SEED_POST).content.decode()
    assert reply.body.replace("'", "&#x27;") in comment_item(html, reply.parent)
    aizhan = BlogComment.objects.get(author_name="Aizhan")
    assert "Freedom House" not in comment_item(html, aizhan)

