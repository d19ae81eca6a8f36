"""The hearings as iCalendar (RFC 5545) feeds a calendar app can subscribe to.

Every hearing is one VEVENT whose UID is its translation key (the same in every language
and across edits), with a SEQUENCE that grows with each change, so a moved hearing replaces
itself in a subscriber's calendar, and a cancelled one stays, marked CANCELLED. Times carry
the court's time zone (TZID, with its VTIMEZONE); a hearing whose hour is not known is a
whole-day event. Texts are in the language of the address: /ru/hearings.ics is in Russian.
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext
from icalendar import Calendar, Event
from wagtail.models import Site

from home.cache import shared_cache
from home.models import SiteSettings, SiteTexts

from .listing import hearings_of, public_hearings
from .models import DEFAULT_DURATION

CONTENT_TYPE = "text/calendar; charset=utf-8"


def site_name(request):
    return (
        SiteTexts.for_request(request).site_name
        or SiteSettings.for_request(request).organisation_name
        or "Hearings"
    )


def host_of(request):
    """The site's own host name, for UIDs that do not change with the address asked."""
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().split(":")[0]


def event(hearing, case, request, host):
    """One hearing of `case` (the case page it belongs to, in the feed's language)."""
    case_url = request.build_absolute_uri(case.get_url(request=request) or "/")
    item = Event()
    item.add("uid", f"hearing-{hearing.translation_key}@{host}")
    item.add("dtstamp", hearing.modified_at.astimezone(datetime.UTC))
    if hearing.time_known:
        item.add("dtstart", hearing.local_start)
        item.add("dtend", hearing.local_start + DEFAULT_DURATION)
    else:
        item.add("dtstart", hearing.starts_on)
        item.add("dtend", hearing.starts_on + datetime.timedelta(days=1))
    summary = gettext("%(kind)s: %(name)s") % {
        "kind": hearing.get_kind_display(),
        "name": case.person_name,
    }
    if hearing.is_cancelled:
        summary = gettext("Cancelled: %(summary)s") % {"summary": summary}
    item.add("summary", summary)
    if hearing.place:
        item.add("location", hearing.place)
    item.add("description", description(hearing, case_url))
    item.add("url", f"{case_url}#{hearing.anchor}")
    item.add("sequence", hearing.sequence)
    item.add("last-modified", hearing.modified_at.astimezone(datetime.UTC))
    item.add("status", "CANCELLED" if hearing.is_cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT")  # watching a trial does not make anyone busy
    return item


def description(hearing, case_url):
    lines = [
        hearing.get_kind_display(),
        hearing.get_access_display(),
        hearing.get_status_display(),
    ]
    if not hearing.time_known:
        lines.append(gettext("Time not known"))
    if hearing.outcome:
        lines.append(gettext("Outcome: %(outcome)s") % {"outcome": hearing.outcome})
    lines.append(gettext("The case: %(url)s") % {"url": case_url})
    if hearing.source_url:
        lines.append(
            gettext("Source: %(title)s, %(url)s")
            % {"title": hearing.source_title, "url": hearing.source_url}
        )
    return "\n".join(lines)


def calendar(name, pairs, request):
    """A VCALENDAR of (hearing, case) pairs named `name`, with a VTIMEZONE for each zone
    its events use; an empty list gives a valid calendar without events."""
    cal = Calendar()
    cal.add("prodid", f"-//{host_of(request)}//Court hearings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    host = host_of(request)
    for hearing, case in pairs:
        cal.add_component(event(hearing, case, request, host))
    cal.add_missing_timezones()
    return cal


def ics_response(cal):
    return HttpResponse(cal.to_ical(), content_type=CONTENT_TYPE)


def case_calendar(case, request):
    """/cases/<slug>/hearings.ics: every hearing of one case (the case's page serves it and
    sets its cache headers)."""
    name = gettext("Hearings: %(name)s") % {"name": case.person_name}
    pairs = [(hearing, case) for hearing in hearings_of(case)]
    return ics_response(calendar(f"{name} · {site_name(request)}", pairs, request))


@shared_cache
def all_hearings_calendar(request):
    """/hearings.ics: the hearings of every live, public case."""
    pairs = [(hearing, hearing.page) for hearing in public_hearings()]
    name = f"{gettext('Court hearings')} · {site_name(request)}"
    return ics_response(calendar(name, pairs, request))
