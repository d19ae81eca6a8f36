"""The case index's filters: read from the query string, validated, turned into SQL."""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.related import names_campaign_q
from home.search import SEARCH_QUERY_MAX_LENGTH, clean_search_query

from .choices import CaseRole, CaseStatus, Country
from .models import CaseRestriction, in_force_q
from .recognitions import recognised_by_q

SORTS = {
    # The default: real cases first (a demo's invented ones last), the latest news on top.
    "updated": (_("Recently updated"), ["is_fictional", "-latest_update_date", "person_name"]),
    "name": (_("Name"), ["person_name"]),
    "arrest": (_("Arrest date, newest first"), ["-arrest_date", "person_name"]),
}


def with_blank(choices, label):
    return [("", label), *choices]


class CaseFilterForm(forms.Form):
    """All fields optional; anything invalid is dropped with a message, never a 500."""

    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=10_000)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=with_blank(CaseStatus.choices, _("Any status"))
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=with_blank(Country.choices, _("Any country"))
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=with_blank(CaseRole.choices, _("Any role"))
    )
    year = forms.TypedChoiceField(
        label=_("Year of arrest"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any year"))],
    )
    campaign = forms.ChoiceField(
        label=_("Campaign"),
        required=False,
        choices=[("", _("Any campaign"))],
    )
    recognised_by = forms.ChoiceField(
        label=_("Recognised by"),
        required=False,
        choices=[("", _("Any organisation"))],
    )
    restricted = forms.BooleanField(
        label=_("Restrictions in force"),
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (label, _o) in SORTS.items()],
    )

    def __init__(self, data, years, organisations=(), campaigns=()):
        # Keep only our own keys: `page` and anything else are not filters.
        data = {key: data.get(key, "") for key in self.base_fields}
        super().__init__(data)
        self.fields["year"].choices = [("", _("Any year"))] + [(y, y) for y in years]
        # Only organisations that recognise someone listed, as (slug, name): no option
        # leads to no case.
        self.fields["recognised_by"].choices = [("", _("Any organisation")), *organisations]
        # Campaigns as (address slug, title): `?campaign=kazakhstan`, as linked from the
        # campaign page, named in the reader's language.
        self.fields["campaign"].choices = [("", _("Any campaign")), *campaigns]
        self.query_was_cut = False

    def clean_q(self):
        query, self.query_was_cut = clean_search_query(self.cleaned_data["q"])
        return query

    def filters(self):
        """The valid filters as (cleaned_data, ignored field labels)."""
        self.is_valid()
        ignored = [str(self.fields[name].label) for name in self.errors]
        values = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        values["sort"] = values.get("sort") or "updated"
        # “?restricted=1” or nothing: an unticked box is no filter at all.
        values["restricted"] = "1" if values.get("restricted") else ""
        return values, ignored

    def messages(self):
        values, ignored = self.filters()
        messages = []
        if ignored:
            messages.append(
                _("Some filters were not understood and were ignored: %(names)s.")
                % {"names": ", ".join(ignored)}
            )
        if self.query_was_cut:
            messages.append(
                _("Your search was long, so only its first %(count)d characters were used.")
                % {"count": SEARCH_QUERY_MAX_LENGTH}
            )
        return messages


def filter_q(values):
    """A Q object for the structured filters (not the text search)."""
    condition = Q()
    for field, lookup in (
        ("status", "current_status"),
        ("country", "country"),
        ("role", "role"),
        ("year", "arrest_date__year"),
    ):
        if values.get(field) not in (None, ""):
            condition &= Q(**{lookup: values[field]})
    if values.get("restricted"):
        condition &= Q(pk__in=CaseRestriction.objects.filter(in_force_q()).values("page"))
    if values.get("recognised_by"):
        condition &= recognised_by_q(values["recognised_by"])
    if values.get("campaign"):
        condition &= names_campaign_q(values["campaign"])
    return condition


def text_search_q(query):
    """Every word must appear in the name, summary, region or place of detention."""
    fields = ("person_name", "summary", "region", "place_of_detention")
    condition = Q()
    for word in query.split()[:10]:
        condition &= reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
    return condition
