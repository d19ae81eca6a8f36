"""A case's court hearings.

Time: the editor types the date and the time as the court's clock shows them, and names
the court's time zone (IANA, e.g. "Asia/Almaty"). Those three are what is stored as
entered; the moment in UTC (`starts_at`) is worked out from them on every save, so it
stays right whatever the time zone of the editor's computer or the server. A hearing whose
hour is not known leaves the time empty: it is shown and put in calendars as a whole day.
"""

import datetime
import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from home.models import shared_facts

from .choices import HearingKind, HearingStatus, PublicAccess

DEFAULT_TIME_ZONE = "Asia/Almaty"
# A hearing lasts this long in calendars: courts announce a start, never an end.
DEFAULT_DURATION = datetime.timedelta(hours=2)
# Dates outside these bounds are typing mistakes (year 0001, 2062 for 2026), not hearings.
EARLIEST_DATE = datetime.date(1991, 1, 1)
LATEST_YEARS_AHEAD = 3
# What a calendar shows changes with these: editing one makes the event a new version.
CALENDAR_FIELDS = (
    "starts_on",
    "starts_time",
    "time_zone",
    "court",
    "city",
    "kind",
    "access",
    "status",
    "outcome",
)


@functools.cache
def known_time_zones():
    return zoneinfo.available_timezones()


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name. Use one like “Asia/Almaty” or “Asia/Aqtau”."),
            params={"value": value},
            code="invalid_time_zone",
        )


class Hearing(TranslatableMixin, Orderable):
    """A dated hearing of a case: when and where, what kind, whether the public may attend,
    and how it went.

    The date, time, time zone, kind, access, status and source link are facts shared by
    every language; the court, the city, the outcome and the source's title are
    translated. A hearing and its translations share a `translation_key`, which is its
    calendar UID: an edited hearing replaces itself in calendars instead of appearing twice.
    """

    is_hearing = True  # tells it apart from an update in a case's timeline

    page = ParentalKey("campaigns.CasePage", on_delete=models.CASCADE, related_name="hearings")
    starts_on = models.DateField(
        _("date"), help_text=_("The day of the hearing, as the court's calendar has it.")
    )
    starts_time = models.TimeField(
        _("time"),
        null=True,
        blank=True,
        help_text=_(
            "The start as the court's clock shows it, e.g. 10:00. Leave empty when the time "
            "is not known: calendars then show the whole day."
        ),
    )
    time_zone = models.CharField(
        _("court's time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_(
            "Where the court sits: “Asia/Almaty” for most of Kazakhstan, “Asia/Aqtau” for "
            "Aktau and Mangistau, “Asia/Bishkek”, “Asia/Tashkent”, “Europe/Moscow”."
        ),
    )
    starts_at = models.DateTimeField(_("starts (UTC)"), editable=False, db_index=True)
    court = models.CharField(
        _("court"), max_length=200, help_text=_("e.g. “Mangistau regional court”.")
    )
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “Aktau”. Leave empty only when no source says where."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=HearingKind.choices)
    access = models.CharField(
        _("public access"),
        max_length=8,
        choices=PublicAccess.choices,
        default=PublicAccess.UNKNOWN,
        help_text=_("Whether the public and the press may attend."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=HearingStatus.choices,
        default=HearingStatus.SCHEDULED,
        help_text=_(
            "When a hearing is moved, change its date and time and choose “Postponed or "
            "moved”: calendars and followers are told. A cancelled hearing stays, marked "
            "cancelled."
        ),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=300,
        blank=True,
        help_text=_("Once the hearing has taken place: what the court decided, in a sentence."),
    )
    source_url = models.URLField(
        _("source link"),
        max_length=500,
        blank=True,
        help_text=_(
            "The court's schedule, a lawyer's or a report's announcement. Leave empty only "
            "when the family or the lawyer told you directly."
        ),
    )
    source_title = models.CharField(
        _("source title"), max_length=255, blank=True, help_text=_("e.g. “Reuters, 8 Oct 2012”.")
    )
    # Calendar bookkeeping, never typed: kept from the stored row on every save.
    sequence = models.PositiveIntegerField(_("version"), default=0, editable=False)
    modified_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)
    notified_start = models.DateTimeField(
        _("start announced to followers"), null=True, blank=True, editable=False
    )

    translatable_fields = [
        *shared_facts(
            "starts_on", "starts_time", "time_zone", "kind", "access", "status", "source_url"
        ),
        TranslatableField("court"),
        TranslatableField("city"),
        TranslatableField("outcome"),
        TranslatableField("source_title"),
    ]

    panels = [
        FieldRowPanel(
            [FieldPanel("starts_on"), FieldPanel("starts_time"), FieldPanel("time_zone")]
        ),
        FieldRowPanel([FieldPanel("court"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("access"), FieldPanel("status")]),
        FieldPanel("outcome"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_title")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self):
        return f"{self.starts_on:%Y-%m-%d} {self.get_kind_display()}, {self.court}"

    # --- time ---------------------------------------------------------------------------

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def time_known(self):
        return self.starts_time is not None

    @property
    def local_start(self):
        """The start on the court's clock (midnight of the day when the time is unknown)."""
        return datetime.datetime.combine(
            self.starts_on, self.starts_time or datetime.time(), tzinfo=self.tzinfo
        )

    def compute_starts_at(self):
        return self.local_start.astimezone(datetime.UTC)

    @property
    def ends_at(self):
        """When it is over for listings: two hours after its start, or the day's end."""
        if self.time_known:
            return self.starts_at + DEFAULT_DURATION
        return self.local_start.astimezone(datetime.UTC) + datetime.timedelta(days=1)

    def is_past(self, now=None):
        return self.ends_at <= (now or timezone.now())

    @property
    def date(self):
        """The day on the court's calendar, to sort with a case's dated updates."""
        return self.starts_on

    @property
    def zone_label(self):
        """“Asia/Almaty, UTC+05:00”: the zone's name and its offset on that day."""
        offset = self.local_start.strftime("%z")
        return f"{self.time_zone}, UTC{offset[:3]}:{offset[3:]}"

    @property
    def when(self):
        """“8 October 2012, 10:00 (Asia/Aqtau, UTC+05:00)”, or the day and “time not
        known”, in the active language."""
        day = date_format(self.starts_on, "DATE_FORMAT")
        if not self.time_known:
            return gettext("%(date)s, time not known") % {"date": day}
        return gettext("%(date)s, %(time)s (%(zone)s)") % {
            "date": day,
            "time": time_format(self.starts_time, "H:i"),
            "zone": self.zone_label,
        }

    @property
    def place(self):
        return ", ".join(part for part in (self.court, self.city) if part)

    @property
    def is_cancelled(self):
        return self.status == HearingStatus.CANCELLED

    @property
    def anchor(self):
        """The same in every language, like an update's."""
        return f"hearing-{self.translation_key.hex[:12]}"

    # --- checks and saving --------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on:
            latest = datetime.date(timezone.localdate().year + LATEST_YEARS_AHEAD, 12, 31)
            if not EARLIEST_DATE <= self.starts_on <= latest:
                errors["starts_on"] = gettext(
                    "This date is not plausible for a hearing: give one between %(earliest)s "
                    "and %(latest)s."
                ) % {
                    "earliest": date_format(EARLIEST_DATE, "DATE_FORMAT"),
                    "latest": date_format(latest, "DATE_FORMAT"),
                }
        zone_ok = self.time_zone in known_time_zones()
        if self.starts_on and zone_ok and "starts_on" not in errors:
            if self.starts_time and not self._exists_on_the_clock():
                errors["starts_time"] = gettext(
                    "This time does not exist in %(zone)s on that day (the clocks jumped)."
                ) % {"zone": self.time_zone}
            elif not errors:
                errors.update(self._check_status_against_time())
        if self.source_url and not self.source_title:
            errors["source_title"] = gettext("Give the source's title as well as its link.")
        if errors:
            raise ValidationError(errors)

    def _exists_on_the_clock(self):
        local = self.local_start
        again = local.astimezone(datetime.UTC).astimezone(self.tzinfo)
        return again.replace(tzinfo=None) == local.replace(tzinfo=None)

    def _check_status_against_time(self):
        self.starts_at = self.compute_starts_at()
        if self.is_past():
            return {}
        errors = {}
        if self.status == HearingStatus.HELD:
            errors["status"] = gettext("A hearing that has not yet taken place cannot be held.")
        if self.outcome:
            errors["outcome"] = gettext(
                "Give an outcome once the hearing has taken place: this one is still to come."
            )
        return errors

    def save(self, *args, **kwargs):
        """Work out the moment in UTC, and keep the calendar's bookkeeping from the stored
        row: a higher SEQUENCE and a new LAST-MODIFIED when anything a calendar shows
        changed, and what followers were told (never taken from an older revision)."""
        self.starts_at = self.compute_starts_at()
        previous = self._stored()
        if previous is None:
            self.sequence, self.modified_at, self.notified_start = 0, timezone.now(), None
        else:
            self.notified_start = previous.notified_start
            self.sequence, self.modified_at = previous.sequence, previous.modified_at
            if any(getattr(self, f) != getattr(previous, f) for f in CALENDAR_FIELDS):
                self.sequence += 1
                self.modified_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "starts_at",
                "sequence",
                "modified_at",
                "notified_start",
            }
        super().save(*args, **kwargs)

    def _stored(self):
        """The row as stored, by id, else by translation key and locale (a row a page's
        revision brings back without its id)."""
        stored = type(self).objects.only(
            *CALENDAR_FIELDS, "sequence", "modified_at", "notified_start"
        )
        if self.pk:
            found = stored.filter(pk=self.pk).first()
            if found is not None:
                return found
        if self.translation_key and self.locale_id:
            return stored.filter(
                translation_key=self.translation_key, locale_id=self.locale_id
            ).first()
        return None
