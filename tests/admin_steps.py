"""Steps in the Wagtail admin that the tests of several features take, and reading its HTML.

Not fixtures, because module-level helpers of those tests take these steps too (the
permission matrix's actions, the review tests' `submit`, a listing's parser).
"""

import re
from html import unescape

from django.urls import reverse
from wagtail.models import Page, TaskState


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def approve(client, page):
    """POST "approve" on the page's current review step, as the admin's button does."""
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    client.post(url, {"comment": "Checked."})
    return TaskState.objects.get(pk=task_state.pk)


def text(fragment):
    """The words of an HTML fragment (a listing's cell or heading), tags and spacing gone."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
