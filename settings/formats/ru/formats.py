"""Russian dates: “20 января 2021 г.” (Django's own formats, with the time zone shown)."""

DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i T"
YEAR_MONTH_FORMAT = "F Y г."
SHORT_DATE_FORMAT = "d.m.Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
