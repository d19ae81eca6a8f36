"""Test data for corrections: corrections of a case, readers' inaccuracy reports."""

import datetime

import factory

from campaigns.corrections.models import CaseCorrection, InaccuracyReport

SOURCE = "https://www.rferl.org/a/1342211.html"


class CaseCorrectionFactory(factory.django.DjangoModelFactory):
    """A correction of `page` (the case): its arrest date, with a source."""

    date = datetime.date(2026, 11, 20)
    facts = "arrest_date"
    reason = "An earlier version gave the arrest as 9 March 2019; it was 10 March 2019."
    source_url = SOURCE
    source_title = "RFE/RL, 16 May 2003"

    class Meta:
        model = CaseCorrection


class InaccuracyReportFactory(factory.django.DjangoModelFactory):
    """A reader's report on `case`, with their name and email."""

    what_is_wrong = "The arrest date is a day off."
    reporter_name = "Dana R"
    reporter_email = "dana.reporter@example.org"

    class Meta:
        model = InaccuracyReport
