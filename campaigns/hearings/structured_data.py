"""Upcoming hearings as schema.org Events (see home.structured_data).

A moved hearing is `EventRescheduled` and a cancelled one `EventCancelled`, as schema.org
asks, so a search engine does not announce a hearing that will not take place.
"""

from django.utils.translation import gettext

from home.structured_data import SCHEMA, thing

from .choices import HearingStatus

EVENT_STATUS = {
    HearingStatus.MOVED: "EventRescheduled",
    HearingStatus.CANCELLED: "EventCancelled",
}


def event(hearing, case, request=None):
    """`hearing` of `case` (its page, loaded with it): when on the court's clock (the day
    alone when the time is not known), where (the case's country when no city is known),
    and its status."""
    case_url = case.get_full_url(request)
    start = hearing.local_start.isoformat() if hearing.time_known else hearing.starts_on
    return thing(
        "Event",
        name=gettext("%(kind)s in the case of %(name)s")
        % {"kind": hearing.get_kind_display(), "name": case.person_name},
        startDate=start,
        eventStatus=f"{SCHEMA}/{EVENT_STATUS.get(hearing.status, 'EventScheduled')}",
        eventAttendanceMode=f"{SCHEMA}/OfflineEventAttendanceMode",
        location=thing(
            "Place",
            name=hearing.court,
            address=thing(
                "PostalAddress", addressLocality=hearing.city, addressCountry=case.country
            ),
        ),
        url=f"{case_url}#{hearing.anchor}",
        about=thing("Person", name=case.person_name, url=case_url),
    )
