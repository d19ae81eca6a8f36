"""Month names as they are written inside a date, for the site's catalogues.

Django's date format letter `E` asks for the month "as used in a date" (msgctxt "alt.
month"): Russian declines it («20 января»), Kazakh writes it in lower case («20 қаңтар»)
where Django's own Kazakh catalogue capitalises it. Marking the names here puts them in the
site's catalogues (locale/), which Django reads before its own, so that they can be given
as each language writes them.
"""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
