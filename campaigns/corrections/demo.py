"""Demo corrections and inaccuracy reports.

The demo's case pages grew from the seed blog post, which got facts wrong (see
/work/shared/seed/FACTS.md): the two real cases whose facts it misstated carry a
correction saying exactly what the earlier text said and what the source shows. Kozlov's
case was broadly right and has none. The two open reports are invented, on fictional cases,
from reporters with example.org addresses, and cite no source.
"""

from campaigns.cases.demo import ABLYAZOV_2003, AMNESTY_UA_0926, UA_0926_SHORT
from campaigns.cases.models import CasePage
from home.demo.blocks import d

from .fields import CorrectedFact
from .models import CaseCorrection, InaccuracyReport

CORRECTED_ON = d(2026, 11, 20)

CORRECTIONS = {
    "mukhtar-ablyazov": {
        "facts": [CorrectedFact.STATUS],
        "reason": (
            "An earlier version of this case, taken from our first article, said he had been "
            "imprisoned since 2002 and was still behind bars. In fact he was pardoned and "
            "released on 13 May 2003, after about 14 months in custody; he has lived in "
            "exile since 2009 and was later convicted in absentia."
        ),
        "source_url": ABLYAZOV_2003["value"]["url"],
        "source_title": "RFE/RL, Central Asia Report, 16 May 2003",
    },
    "serikzhan-bilash": {
        "facts": [
            CorrectedFact.STATUS,
            CorrectedFact.ARREST_DATE,
            CorrectedFact.RELEASE_DATE,
            CorrectedFact.OTHER,
        ],
        "reason": (
            "An earlier version, taken from our first article, called him a journalist and "
            "said he was imprisoned in 2018 and released in 2020 but kept under house "
            "arrest. He is an activist; he was detained on 10 March 2019, held under house "
            "arrest, and released on 17 August 2019 under a plea deal. He was never sent to "
            "prison."
        ),
        "source_url": AMNESTY_UA_0926["value"]["url"],
        "source_title": UA_0926_SHORT,
    },
}

REPORTS = [
    {
        "what_is_wrong": (
            "The page gives the arrest date as in March, but the local news said he was "
            "detained a week earlier, at the airport."
        ),
        "reporter_name": "Aigerim (demo reporter)",
        "reporter_email": "aigerim@example.org",
        "language": "en",
    },
    {
        "what_is_wrong": (
            "Статус, похоже, устарел: родственники говорят, что в прошлом месяце его "
            "перевели под домашний арест."
        ),
        "reporter_name": "",
        "reporter_email": "",
        "language": "ru",
    },
]


def add_corrections(log):
    """Give each real case its correction unless it has one (then publish the case, so
    its latest revision carries the correction too)."""
    created = 0
    cases = CasePage.objects.filter(slug__in=CORRECTIONS, locale__language_code="en")
    for case in cases.prefetch_related("corrections"):
        if case.corrections.all():
            continue
        spec = CORRECTIONS[case.slug]
        case.corrections.add(
            CaseCorrection(
                date=CORRECTED_ON,
                facts=CorrectedFact.join(spec["facts"]),
                reason=spec["reason"],
                source_url=spec["source_url"],
                source_title=spec["source_title"],
            )
        )
        case.save_revision().publish()
        log(f"  added   a correction to {case.url_path}")
        created += 1
    return created


def add_reports(log):
    """Two open reports on fictional cases, unless the demo has reports already."""
    if InaccuracyReport.objects.exists():
        return 0
    fictional = list(
        CasePage.objects.live()
        .filter(is_fictional=True, locale__language_code="en")
        .order_by("slug")[: len(REPORTS)]
    )
    for case, spec in zip(fictional, REPORTS, strict=False):
        InaccuracyReport.objects.create(case=case, **spec)
        log(f"  added   an inaccuracy report on {case.url_path}")
    return len(fictional)


def build_corrections(log):
    return add_corrections(log) + add_reports(log)
