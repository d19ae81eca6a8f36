"""Test data for hearings: a hearing of a case, by default ten days from now at 10:00 in
Almaty."""

import datetime

import factory
from django.utils import timezone

from campaigns.hearings.models import Hearing

SOURCE = "https://www.rferl.org/a/kazakhstan-opposition-leader-loses-appeal/24774976.html"


def days_from_now(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class HearingFactory(factory.django.DjangoModelFactory):
    """A hearing of `page` (the case); its locale is the case's."""

    starts_on = factory.LazyFunction(lambda: days_from_now(10))
    starts_time = datetime.time(10, 0)
    time_zone = "Asia/Almaty"
    court = "Medeu district court"
    city = "Almaty"
    kind = "trial"
    access = "open"
    status = "scheduled"
    locale_id = factory.LazyAttribute(lambda o: o.page.locale_id)

    class Meta:
        model = Hearing


def hearing_row(**fields):
    """What the case editor posts for one hearing in its inline panel."""
    return {
        "starts_on": days_from_now(10).isoformat(),
        "starts_time": "10:00",
        "time_zone": "Asia/Almaty",
        "court": "Medeu district court",
        "city": "Almaty",
        "kind": "trial",
        "access": "open",
        "status": "scheduled",
        "outcome": "",
        "source_url": "",
        "source_title": "",
        **fields,
    }
