"""Test data for the outbox: an email in the queue."""

import factory

from campaigns.outbox.models import OutboundEmail


class OutboundEmailFactory(factory.django.DjangoModelFactory):
    """An email to the team, queued unless given another `status`."""

    to = factory.LazyFunction(lambda: ["team@example.org"])
    subject = factory.Sequence(lambda n: f"Email {n}")
    body_text = "Plain"

    class Meta:
        model = OutboundEmail
