"""Court hearings of a case: dated, in the court's time zone, shown on the case page, listed
at /hearings/ and published as iCalendar feeds people can subscribe to.

The package sits below `campaigns.cases` (the case page routes its hearings.ics here), so it
refers to the case by its "campaigns.CasePage" string and reaches it through the relation.
"""
