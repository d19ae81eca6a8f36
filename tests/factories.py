"""Test data builders (wagtail-factories / factory_boy)."""

import factory
import wagtail_factories
from wagtail.models import Collection

from home.models import CustomImage, HomePage, Licence, StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the library's default creates a new root each time)."""

    title = factory.Sequence(lambda n: f"Photo {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    credit = "Photo: A. Photographer / Example Agency"
    licence = Licence.CC_BY
    file = factory.django.ImageField(width=800, height=600, color="steelblue")

    class Meta:
        model = CustomImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_heading = "Free them all"
    hero_text = "People jailed for speaking out."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "What this page is about."

    class Meta:
        model = StandardPage
