"""Creating a page in the admin loses no work: no stray drafts, clashes said where seen."""

import re

import pytest
from django.urls import reverse

from campaigns.models import CasePage
from home.page_admin import CreateViewAutosavingAfterFirstSave

from ..blog.factories import BlogIndexPageFactory
from ..cases.factories import CasePageFactory, case_form


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("campaigns", model, parent.pk))


AUTOSAVE = re.compile(r'data-controller="w-init w-unsaved\s*w-autosave')


@pytest.mark.parametrize(
    ("model", "parent"),
    [("casepage", "cases"), ("blogpostpage", "blog"), ("standardpage", "home")],
)
def test_the_add_screen_does_not_autosave_so_leaving_it_leaves_nothing(
    admin_client, home_page, cases, model, parent
):
    parents = {"cases": cases, "blog": BlogIndexPageFactory(parent=home_page), "home": home_page}
    app = "home" if model == "standardpage" else "campaigns"
    url = reverse("wagtailadmin_pages:add", args=(app, model, parents[parent].pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    assert isinstance(response.context["view"], CreateViewAutosavingAfterFirstSave)
    assert response.context["autosave_enabled"] is False
    assert not AUTOSAVE.search(response.content.decode())
    assert 'id="w-autosave-indicator"' not in response.content.decode()


def test_after_the_first_save_the_edit_screen_autosaves(admin_client, cases):
    case = CasePageFactory(parent=cases)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(case.pk,)))
    assert response.context["autosave_enabled"] is True
    assert AUTOSAVE.search(response.content.decode())


def test_a_slug_clash_is_said_at_the_top_of_the_form(admin_client, cases):
    CasePageFactory(parent=cases, title="Bolat B", slug="bolat-b", live=False)
    response = admin_client.post(add_url("casepage", cases), case_form("Bolat B", "bolat-b"))
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("The address “bolat-b” is taken by another page" in m for m in messages)
    assert CasePage.objects.filter(slug="bolat-b").count() == 1


def test_other_slug_errors_are_not_called_a_clash(admin_client, cases):
    response = admin_client.post(add_url("casepage", cases), case_form("Bolat B", "bolat b!"))
    assert response.status_code == 200
    assert "is taken by another page" not in response.content.decode()


def test_the_persons_name_defaults_to_the_page_title(admin_client, cases):
    form = case_form("Aigerim Sultanova", "aigerim-sultanova")
    form["person_name"] = ""
    response = admin_client.post(add_url("casepage", cases), form)
    assert response.status_code == 302
    case = CasePage.objects.get(slug="aigerim-sultanova")
    assert case.person_name == "Aigerim Sultanova"


def test_a_persons_name_given_is_kept(admin_client, cases):
    form = case_form("Free Aigerim", "free-aigerim")
    form["person_name"] = "Aigerim Sultanova"
    admin_client.post(add_url("casepage", cases), form)
    assert CasePage.objects.get(slug="free-aigerim").person_name == "Aigerim Sultanova"
