"""Test data builders (wagtail-factories / factory_boy)."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Collection

from campaigns.models import (
    ActionIndexPage,
    ActionKind,
    ActionPage,
    BlogIndexPage,
    BlogPostPage,
    CaseIndexPage,
    CasePage,
    CaseRole,
    CaseStatus,
    CaseUpdate,
)
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


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Cases"
    slug = "cases"
    intro = "People held for what they said, wrote or organised."

    class Meta:
        model = CaseIndexPage


class CasePageFactory(wagtail_factories.PageFactory):
    person_name = factory.Sequence(lambda n: f"Person {n:04d}")
    title = factory.SelfAttribute("person_name")
    slug = factory.LazyAttribute(lambda o: o.person_name.lower().replace(" ", "-"))
    status = CaseStatus.IMPRISONED
    role = CaseRole.JOURNALIST
    country = "KZ"
    summary = "Held for reporting on a strike."
    arrest_date = datetime.date(2019, 3, 10)

    class Meta:
        model = CasePage


def add_updates(case, count, start=datetime.date(2020, 1, 1), new_status=""):
    """Give `case` `count` published updates, one a day from `start`."""
    CaseUpdate.objects.bulk_create(
        CaseUpdate(
            page=case,
            date=start + datetime.timedelta(days=n),
            title=f"Hearing {n}",
            body=f"<p>Hearing number {n}.</p>",
            new_status=new_status,
        )
        for n in range(count)
    )


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"
    intro = "Analysis and news."

    class Meta:
        model = BlogIndexPage


class BlogPostPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Post {n:04d}")
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-"))
    intro = "What this post is about."
    date = datetime.date(2024, 1, 15)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Body text.</p>")])

    class Meta:
        model = BlogPostPage


class ActionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Act"
    slug = "act"
    intro = "Sign, write, share."

    class Meta:
        model = ActionIndexPage


class ActionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Free the prisoners {n}")
    kind = ActionKind.PETITION
    target = "The President of Kazakhstan"
    ask = "Release everyone jailed for what they said."

    class Meta:
        model = ActionPage
