"""English dates as the site writes them: “20 January 2021” (day first, as in the UK)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
