"""The demo's hearings, added to the case specs before the cases are created.

The three real cases get only hearings whose day, court or city and result the case's own
dated updates report (and so /work/shared/seed/FACTS.md and the sources cited there); each
hearing cites the first linked source of the update of its day. No source gives a time of
day, so each is a whole day (“time not known”), and none says whether the public could
attend. Hearings still to come exist only on invented cases: they are placed relative to
the day the demo is built, so /hearings/ always has something ahead, and have no source.
"""

import datetime

from django.utils import timezone

from .choices import HearingKind, HearingStatus
from .models import Hearing

HELD = HearingStatus.HELD

# (case slug, day, kind, court, city, time zone, outcome): each day is that of an update
# of the case in campaigns/cases/demo.py, whose source the hearing cites.
REAL_HEARINGS = [
    (
        "mukhtar-ablyazov",
        datetime.date(2002, 7, 18),
        HearingKind.VERDICT,
        "Supreme Court of Kazakhstan",
        "",
        "Asia/Almaty",
        "Six years in prison for abuse of office and illegal business activity.",
    ),
    (
        "mukhtar-ablyazov",
        datetime.date(2017, 6, 7),
        HearingKind.VERDICT,
        "Specialised inter-district criminal court of Almaty",
        "Almaty",
        "Asia/Almaty",
        "Convicted in absentia and sentenced to 20 years.",
    ),
    (
        "mukhtar-ablyazov",
        datetime.date(2018, 11, 27),
        HearingKind.VERDICT,
        "Court in Taraz",
        "Taraz",
        "Asia/Almaty",
        "Convicted in absentia and sentenced to life imprisonment.",
    ),
    (
        "vladimir-kozlov",
        datetime.date(2012, 8, 16),
        HearingKind.TRIAL,
        "Mangistau regional court",
        "Aktau",
        "Asia/Aqtau",
        "The trial of Kozlov and two co-defendants opened.",
    ),
    (
        "vladimir-kozlov",
        datetime.date(2012, 10, 8),
        HearingKind.VERDICT,
        "Mangistau regional court",
        "Aktau",
        "Asia/Aqtau",
        "Seven years and six months in a penal colony, with confiscation of property.",
    ),
    (
        "vladimir-kozlov",
        datetime.date(2012, 11, 19),
        HearingKind.APPEAL,
        "Appeal court",
        "Aktau",
        "Asia/Aqtau",
        "The sentence was upheld.",
    ),
    (
        "serikzhan-bilash",
        datetime.date(2019, 8, 16),
        HearingKind.VERDICT,
        "Court in Almaty",
        "Almaty",
        "Asia/Almaty",
        "He pleaded guilty under a plea agreement with the prosecutor.",
    ),
]

# Invented hearings: (days from the demo's build, hour or None, kind, status, outcome).
FICTIONAL_HEARINGS = [
    (-12, 10, HearingKind.PRELIMINARY, HELD, "Fictional: the detention was extended."),
    (6, 10, HearingKind.TRIAL, HearingStatus.SCHEDULED, ""),
    (9, 15, HearingKind.TRIAL, HearingStatus.CANCELLED, ""),
    (20, 11, HearingKind.VERDICT, HearingStatus.MOVED, ""),
]
FICTIONAL_APPEAL = (13, None, HearingKind.APPEAL, HearingStatus.SCHEDULED, "")
TIME_ZONES = {
    "KZ": "Asia/Almaty",
    "KG": "Asia/Bishkek",
    "UZ": "Asia/Tashkent",
    "RU": "Europe/Moscow",
}
# Invented cases whose story is still before the courts.
IN_COURT = {"pre-trial-detention", "house-arrest"}


def cited(spec, day):
    """(url, title) of the first linked source of the case's update dated `day`."""
    for update in spec.get("updates", []):
        if update.date == day:
            for source in update.sources:
                value = source["value"] if isinstance(source, dict) else source.value
                if value.get("url"):
                    return value["url"], value["title"]
    raise LookupError(f"{spec['slug']}: no linked source dated {day}")


def real_hearings(spec):
    return [
        Hearing(
            starts_on=day,
            starts_time=None,
            time_zone=zone,
            court=court,
            city=city,
            kind=kind,
            status=HELD,
            outcome=outcome,
            source_url=cited(spec, day)[0],
            source_title=cited(spec, day)[1],
        )
        for slug, day, kind, court, city, zone, outcome in REAL_HEARINGS
        if slug == spec["slug"]
    ]


def fictional_hearings(spec, plan, today):
    zone = TIME_ZONES.get(spec["country"], "Asia/Almaty")
    city = spec.get("region", "")
    return [
        Hearing(
            starts_on=today + datetime.timedelta(days=days),
            starts_time=datetime.time(hour) if hour is not None else None,
            time_zone=zone,
            court=f"District court of {city} (fictional)"
            if city
            else "District court (fictional)",
            city=city,
            kind=kind,
            access="open" if n % 2 == 0 else "closed",
            status=status,
            outcome=outcome,
        )
        for n, (days, hour, kind, status, outcome) in enumerate(plan)
    ]


def final_status(spec):
    """The status the case ends in: its latest update's new status, else its own."""
    changes = [u for u in spec.get("updates", []) if u.new_status]
    return max(changes, key=lambda u: u.date).new_status if changes else spec["status"]


def with_hearings(specs, today=None):
    """`specs` (the cases' fields, as ensure_page takes them) with their demo hearings."""
    today = today or timezone.localdate()
    # Cases in Kazakhstan first: the campaign's page and filter have hearings to show.
    invented = sorted(
        (spec for spec in specs if spec.get("is_fictional")), key=lambda s: s["country"] != "KZ"
    )
    detained = [spec for spec in invented if final_status(spec) in IN_COURT]
    imprisoned = [spec for spec in invented if final_status(spec) == "imprisoned"]
    plans = {}
    if detained:
        plans[detained[0]["slug"]] = FICTIONAL_HEARINGS
    for spec in (detained[1:2] + imprisoned[:1])[:2]:
        plans[spec["slug"]] = [FICTIONAL_APPEAL]
    result = []
    for spec in specs:
        if spec.get("is_fictional"):
            hearings = fictional_hearings(spec, plans.get(spec["slug"], []), today)
        else:
            hearings = real_hearings(spec)
        result.append({**spec, "hearings": hearings} if hearings else spec)
    return result
