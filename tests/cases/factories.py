"""Test data for cases: the index, case pages, their charges and updates, case cards."""

import datetime

import factory
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaigns.cases.blocks import CaseCardsBlock, StoryBlock
from campaigns.cases.choices import CaseRole, CaseStatus
from campaigns.cases.index import CaseIndexPage
from campaigns.cases.models import CaseCharge, CasePage, CaseRestriction, CaseUpdate
from campaigns.cases.recognitions import Organisation, Recognition
from home.fragments import bump_generation

from ..home.factories import BodyBlockFactory, SourceBlockFactory


class CaseCardsBlockFactory(wagtail_factories.StructBlockFactory):
    """Cards for the cases given as `cases=[...]`, or else for those matching the filter."""

    heading = ""
    cases = wagtail_factories.ListBlockFactory(wagtail_factories.PageChooserBlockFactory)
    status = ""
    country = ""
    limit = 6

    class Meta:
        model = CaseCardsBlock


class StoryBlockFactory(BodyBlockFactory):
    case_cards = factory.SubFactory(CaseCardsBlockFactory)

    class Meta:
        model = StoryBlock


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
    body = wagtail_factories.StreamFieldFactory(BodyBlockFactory)
    sources = wagtail_factories.StreamFieldFactory(
        {"source": factory.SubFactory(SourceBlockFactory)}
    )

    class Meta:
        model = CasePage


class CaseChargeFactory(factory.django.DjangoModelFactory):
    """A charge of `page` (the case), by default under the 2014 Criminal Code of Kazakhstan."""

    article = "174(2)"
    code_edition = "kz-cc-2014"
    description = "inciting discord"

    class Meta:
        model = CaseCharge


class CaseRestrictionFactory(factory.django.DjangoModelFactory):
    """A restriction of `page` (the case): a travel ban from 2019, without an end."""

    kind = "travel-ban"
    starts = datetime.date(2019, 8, 17)
    ends = None
    note = ""
    source_url = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"
    source_title = "Urgent Action 046/19"

    class Meta:
        model = CaseRestriction


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A recognising organisation; the same slug gives the same organisation."""

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")

    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)


class RecognitionFactory(factory.django.DjangoModelFactory):
    """A recognition of `page` (the case) as a prisoner of conscience, undated, sourced."""

    organisation = factory.SubFactory(OrganisationFactory)
    designation = "prisoner-of-conscience"
    date = None
    note = ""
    source_url = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"
    source_title = "Urgent Action 046/19-3"

    class Meta:
        model = Recognition


class CaseUpdateFactory(factory.django.DjangoModelFactory):
    """A dated event of `page` (the case) that changes no status unless given `new_status`."""

    date = datetime.date(2020, 1, 1)
    title = factory.Sequence(lambda n: f"Hearing {n}")
    body = factory.LazyAttribute(lambda o: f"<p>{o.title}.</p>")
    new_status = ""

    class Meta:
        model = CaseUpdate


def add_updates(case, count, start=datetime.date(2020, 1, 1), new_status=""):
    """Give `case` `count` published updates, one a day from `start`."""
    CaseUpdate.objects.bulk_create(
        CaseUpdateFactory.build(
            page=case,
            locale_id=case.locale_id,  # bulk_create skips the signal that would set it
            date=start + datetime.timedelta(days=n),
            title=f"Hearing {n}",
            body=f"<p>Hearing number {n}.</p>",
            new_status=new_status,
        )
        for n in range(count)
    )


def case_form(title, slug, **actions):
    """What the admin's case editor posts for a case named `title`, with no updates, charges,
    story or sources; `actions` adds the button pressed, e.g. `**{"action-publish": "publish"}`.
    """
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "person_name": title,
            "status": "imprisoned",
            "role": "journalist",
            "country": "KZ",
            "summary": "Held for reporting on a strike.",
            "arrest_date": "2019-03-10",
            "charges": inline_formset([]),
            "restrictions": inline_formset([]),
            "corrections": inline_formset([]),
            "hearings": inline_formset([]),
            "recognitions": inline_formset([]),
            "updates": inline_formset([]),
            "body": streamfield([]),
            "sources": streamfield([]),
        }
    )
    return {**data, **actions}


# --- query counts: shared by the tests of the pages that list or show cases ----------


def count_queries(client, url, published=False):
    """The queries of a request for `url` once a first one filled the caches; with
    `published`, of the first request after a publish (every fragment drawn afresh)."""
    client.get(url)  # warm caches that live for the process
    if published:
        bump_generation()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# The index between the site's header and footer is one fragment per filter set, and its
# counters, chart and filter choices one cached summary (campaigns.cases.fragments): what
# is left is the chrome, the page's translations (the language switcher and the hreflang
# alternates, one query for both) and one view-restriction read. A search (`?q=`) is
# drawn afresh: its count, its cards, and their photos and recognitions.
INDEX_QUERY_BUDGET = 15
# The page's stable parts (facts, restrictions, charges, recognitions, timeline, hearings,
# corrections, posts) come from fragments (campaigns.cases.fragments) once drawn; what is
# left is the chrome, one view-restriction read for the request, and "Take action" (live
# tallies, drawn each time).
CASE_QUERY_BUDGET = 15
