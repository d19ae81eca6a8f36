"""An Editor's first sign-ins with two-factor authentication, as a person goes through
them: sent to set it up, scanning (here: reading) the key, saving the recovery codes, then
signing in with a code from the app, and once with a recovery code."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, two_factor_code

NEW_EDITOR = "new-editor"
MAKE_EDITOR = (
    "from django.contrib.auth import get_user_model\n"
    "from django.contrib.auth.models import Group\n"
    f"user = get_user_model().objects.create_user({NEW_EDITOR!r}, password={PASSWORD!r})\n"
    "user.groups.add(Group.objects.get(name='Editors'))\n"
)


@pytest.fixture(scope="module")
def new_editor(site_server):
    """An Editor who never signed in (so has no two-factor yet)."""
    site_server.manage("shell", "-c", MAKE_EDITOR)
    return NEW_EDITOR


def password_step(page, url, username):
    page.goto(url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page, username):
    page.get_by_role("button", name=username, exact=True).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_label("Username")).to_be_visible()


def test_an_editor_sets_up_two_factor_then_signs_in_with_a_code_and_a_recovery_code(
    page, axe, site_server, new_editor
):
    url = site_server.url
    password_step(page, url, new_editor)

    # Sent to set it up: nothing else in the admin opens first.
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    axe(page)
    page.goto(url + "/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/signin/two-factor/"))
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(two_factor_code(new_editor, secret))
    page.get_by_role("button", name="Confirm").click()

    # The recovery codes, shown this once.
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    axe(page)
    codes = page.get_by_role("list", name="Recovery codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page.get_by_role("button", name=new_editor, exact=True)).to_be_visible()

    # Next time: the password, then a code from the app.
    sign_out(page, new_editor)
    password_step(page, url, new_editor)
    expect(page.get_by_role("heading", name="Enter your two-factor code")).to_be_visible()
    axe(page)
    page.get_by_label("Code").fill(two_factor_code(new_editor, secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name=new_editor, exact=True)).to_be_visible()

    # Phone left at home: a recovery code, once.
    sign_out(page, new_editor)
    password_step(page, url, new_editor)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name=new_editor, exact=True)).to_be_visible()
    expect(page.get_by_text("you have 9 left")).to_be_visible()
    assert page.external_requests == []
