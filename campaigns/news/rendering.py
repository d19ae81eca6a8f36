"""A news issue as the email it becomes: subject, plain text and HTML, in the active
language. The preview and the sending use this one function, so the preview shows exactly
what is sent."""

from django.template.loader import render_to_string
from django.utils import translation


def render_issue(issue, *, unsubscribe_url):
    """{"subject", "text", "html"} of `issue` (an issue in the reader's language, rendered
    under `translation.override` of it) with the reader's own unsubscribe link."""
    context = {
        "subject": issue.subject,
        "body": issue.body,
        "body_text": issue.body.stream_block.as_text(issue.body),
        "unsubscribe_url": unsubscribe_url,
        "language": translation.get_language(),
    }
    return {
        "subject": issue.subject,
        "text": render_to_string("campaigns/news/email/issue.txt", context),
        "html": render_to_string("campaigns/news/email/issue.html", context),
    }
