"""A person's photo or a hero image is published with its credit and licence, or not at all."""

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Author, BlogPostPage, CampaignPage, CasePage
from home.models import HomePage

from ..admin_steps import edit_url
from ..blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory, case_form
from .factories import ImageFactory


@pytest.fixture
def uncredited(db):
    return ImageFactory(title="Portrait from a messenger", credit="", licence="")


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (CasePage, "photo"),
        (BlogPostPage, "hero_image"),
        (CampaignPage, "hero_image"),
        (HomePage, "hero_image"),
        (Author, "photo"),
    ],
)
def test_every_photo_and_hero_field_requires_a_credit_and_licence(model, field):
    assert field in model.credited_image_fields


def test_a_case_with_an_uncredited_photo_is_refused_with_a_clear_message(home_page, uncredited):
    case = CasePageFactory.build(title="Aigerim A", slug="aigerim-a", photo=uncredited)
    with pytest.raises(ValidationError) as refused:
        CaseIndexPageFactory(parent=home_page).add_child(instance=case)
    (message,) = refused.value.message_dict["photo"]
    assert "“Portrait from a messenger” has no credit or licence" in message


def test_a_missing_licence_alone_is_named(home_page):
    image = ImageFactory(title="Court photo", credit="Photo: a relative", licence="")
    post = BlogPostPageFactory.build(title="Verdict", slug="verdict", hero_image=image)
    with pytest.raises(ValidationError) as refused:
        BlogIndexPageFactory(parent=home_page).add_child(instance=post)
    (message,) = refused.value.message_dict["hero_image"]
    assert "has no licence." in message


def test_a_credited_image_is_accepted(home_page):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page), photo=ImageFactory())
    assert case.photo.attribution


def test_an_authors_uncredited_photo_is_refused(uncredited):
    with pytest.raises(ValidationError) as refused:
        AuthorFactory.build(name="Ainur", photo=uncredited).full_clean()
    assert "photo" in refused.value.message_dict


def test_the_admin_says_so_on_the_field_and_saves_nothing(admin_client, home_page, uncredited):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page), slug="aigerim-a")
    form = case_form("Aigerim A", "aigerim-a", photo=uncredited.pk)
    response = admin_client.post(edit_url(case), form)
    assert response.status_code == 200
    assert "has no credit or licence" in response.content.decode()
    assert CasePage.objects.get(pk=case.pk).get_latest_revision_as_object().photo_id is None
