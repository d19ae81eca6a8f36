"""Test data for campaign news: subscribers and issues."""

import factory
from django.utils import timezone
from wagtail.models import Locale

from campaigns.news.models import NewsIssue, NewsSubscriber, SubscriberStatus


class NewsSubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber to all the news, in English unless told otherwise."""

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    status = SubscriberStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = NewsSubscriber


class NewsIssueFactory(factory.django.DjangoModelFactory):
    """An issue in English with a heading and a paragraph; live (approved) by default."""

    subject = factory.Sequence(lambda n: f"Campaign news {n}")
    locale = factory.LazyFunction(Locale.get_default)
    body = factory.LazyFunction(
        lambda: [
            ("heading", "From the courts"),
            ("paragraph", "<p>The appeal was heard.</p>"),
        ]
    )
    live = True

    class Meta:
        model = NewsIssue


def translate_issue(issue, language, subject, live=True):
    """A translation of `issue` in `language` with its own subject."""
    return NewsIssueFactory(
        translation_key=issue.translation_key,
        locale=Locale.objects.get(language_code=language),
        subject=subject,
        live=live,
    )
