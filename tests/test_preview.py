"""Preview of every page type, scheduled publishing and autosave, as Wagtail 8 has them."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.test.utils.page_tests import querydict_from_html

from campaigns.models import ActionKind

from .actions.factories import ActionIndexPageFactory, ActionPageFactory
from .admin_steps import edit_url
from .blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from .cases.factories import CaseIndexPageFactory, CasePageFactory
from .contact.factories import ContactPageFactory
from .home.factories import StandardPageFactory
from .landing.factories import CampaignPageFactory

MARK = "Previewed draft"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


@pytest.fixture
def site_pages(home_page):
    """One page of every type of the site, as the demo tree has them."""
    campaign = CampaignPageFactory(
        parent=home_page, title="Kazakhstan", slug="kazakhstan", hero_text="Free them."
    )
    cases = CaseIndexPageFactory(parent=home_page)
    case = CasePageFactory(parent=cases, person_name="Aigerim Tleuzhan", related_campaign=campaign)
    blog = BlogIndexPageFactory(parent=home_page)
    post = BlogPostPageFactory(parent=blog, title="A post about the trial")
    actions = ActionIndexPageFactory(parent=home_page)
    petition = ActionPageFactory(parent=actions, title="Free Aigerim", goal=100)
    letter = ActionPageFactory(
        parent=actions,
        title="Write to Aigerim",
        kind=ActionKind.LETTER,
        letter_case=case,
        letter_template="Dear {name},\nWe have not forgotten you.",
    )
    contact = ContactPageFactory(parent=home_page)
    about = StandardPageFactory(parent=home_page, title="About us", slug="about")
    return {
        "HomePage": home_page,
        "StandardPage": about,
        "CampaignPage": campaign,
        "CaseIndexPage": cases,
        "CasePage": case,
        "BlogIndexPage": blog,
        "BlogPostPage": post,
        "ActionIndexPage": actions,
        "ActionPage (petition)": petition,
        "ActionPage (letter)": letter,
        "ContactPage": contact,
    }


def edit_form_data(client, page, title):
    """What the page editor would post: the form as the edit view draws it, with `title`,
    and StreamFields (drawn by the admin's JavaScript, so not in the HTML) filled in: a
    paragraph carrying MARK where the field takes one, else empty."""
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["title"] = title
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            for key in [key for key in data if key.startswith(f"{field.name}-")]:
                del data[key]
            blocks = []
            if "paragraph" in field.stream_block.child_blocks:
                blocks = [("paragraph", rich_text(f"<p>{MARK} paragraph.</p>"))]
            for key, value in nested_form_data({field.name: streamfield(blocks)}).items():
                data[key] = value
    return data


# --- preview ------------------------------------------------------------------------------


# In a preview, a ParentalManyToManyField is modelcluster's in-memory FakeQuerySet, which
# has neither Wagtail's page filters (.live()) nor values_list("pk"): pages with related
# cases (posts, actions) are here to keep it that way.
PAGE_TYPES = [
    "HomePage",
    "StandardPage",
    "CampaignPage",
    "CaseIndexPage",
    "CasePage",
    "BlogIndexPage",
    "BlogPostPage",
    "ActionIndexPage",
    "ActionPage (petition)",
    "ActionPage (letter)",
    "ContactPage",
]


def test_every_page_type_of_the_site_is_covered(site_pages):
    from wagtail.models import get_page_models

    ours = {model.__name__ for model in get_page_models() if model is not Page}
    assert ours == {name.split(" ")[0] for name in PAGE_TYPES}


@pytest.mark.parametrize(
    "page_type",
    PAGE_TYPES,
)
def test_preview_renders_the_draft_of_every_page_type(client, superuser, site_pages, page_type):
    page = site_pages[page_type]
    client.force_login(superuser)
    title = f"{MARK}: {page.title}"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))

    response = client.post(preview_url, data=edit_form_data(client, page, title))
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}

    response = client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    if any(
        isinstance(field, StreamField) and "paragraph" in field.stream_block.child_blocks
        for field in type(page)._meta.get_fields()
    ):
        assert f"{MARK} paragraph." in html
    # Nothing was saved: the preview is of the form, not of the page.
    assert Page.objects.get(pk=page.pk).title == page.title


# --- scheduled publishing -----------------------------------------------------------------


def test_a_page_scheduled_for_later_goes_live_when_publish_scheduled_runs_in_time(
    client, superuser, site_pages
):
    about = site_pages["StandardPage"]
    draft = StandardPageFactory(parent=about.get_parent(), title="Verdict day", slug="verdict")
    draft.unpublish()
    go_live_at = timezone.now() + datetime.timedelta(days=2)
    client.force_login(superuser)
    data = edit_form_data(client, draft, "Verdict day")
    data["go_live_at"] = timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M")
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(draft), data=data)
    assert response.status_code == 302

    draft.refresh_from_db()
    assert not draft.live
    revision = draft.latest_revision
    assert revision.approved_go_live_at is not None
    assert abs(revision.approved_go_live_at - go_live_at) < datetime.timedelta(minutes=1)
    assert client.get("/verdict/").status_code == 404

    call_command("publish_scheduled", verbosity=0)  # too early: nothing happens
    draft.refresh_from_db()
    assert not draft.live

    later = go_live_at + datetime.timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", verbosity=0)
    draft.refresh_from_db()
    assert draft.live
    client.logout()
    assert client.get("/verdict/").status_code == 200


# --- autosave -----------------------------------------------------------------------------


@pytest.mark.parametrize("page_type", ["CasePage", "BlogPostPage", "ActionPage (letter)"])
def test_the_page_editor_autosaves(client, superuser, site_pages, page_type, settings):
    page = site_pages[page_type]
    client.force_login(superuser)
    html = client.get(edit_url(page)).content.decode()
    # Wagtail 8's autosave, on by default (WAGTAIL_AUTOSAVE_INTERVAL, in milliseconds).
    assert not hasattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL")
    assert 'data-controller="w-init w-unsaved w-autosave"' in html
    assert 'data-w-autosave-interval-value="500"' in html

    # What the editor's script posts: a draft revision, the live page untouched.
    data = edit_form_data(client, page, f"{MARK}: {page.title}")
    response = client.post(edit_url(page), data=data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["success"] is True
    page.refresh_from_db()
    assert page.title != data["title"] and page.has_unpublished_changes
    assert page.latest_revision.as_object().title == data["title"]


def test_autosave_can_be_switched_off(client, superuser, site_pages, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    client.force_login(superuser)
    html = client.get(edit_url(site_pages["CasePage"])).content.decode()
    assert 'data-controller="w-init w-unsaved "' in html
    assert "data-w-autosave-interval-value" not in html


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_preview_of_a_page_never_saved_renders(client, superuser, site_pages, page_type):
    """The preview of a page being created: no id yet, so no comments, signatures, follows
    or updates can be read from the database."""
    page = site_pages[page_type]
    client.force_login(superuser)
    data = edit_form_data(client, page, f"{MARK}: new")
    data["slug"] = "never-saved"
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=(page._meta.app_label, page._meta.model_name, page.get_parent().pk),
    )
    response = client.post(preview_url, data=data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True, response.json()
    response = client.get(preview_url)
    assert response.status_code == 200
    assert f"{MARK}: new" in response.content.decode()


def test_the_admin_may_show_a_preview_in_its_own_frame(client, superuser, site_pages):
    """Public pages may not be framed at all; their preview is framed by the admin."""
    page = site_pages["ActionPage (petition)"]
    client.force_login(superuser)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    client.post(preview_url, data=edit_form_data(client, page, page.title))
    response = client.get(preview_url)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    public = client.get(page.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
