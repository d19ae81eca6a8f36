"""Test data for follows: an address following a case."""

import factory

from campaigns.follows.models import Follow


class FollowFactory(factory.django.DjangoModelFactory):
    """An address following `case`, not yet confirmed unless given `confirmed_at`."""

    email = factory.Sequence(lambda n: f"follower{n}@example.org")

    class Meta:
        model = Follow
