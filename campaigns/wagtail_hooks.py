"""The campaigns app in the Wagtail admin. Wagtail imports this module only: each feature's
admin module registers its own hooks, viewsets and panels when imported here."""

from campaigns.access import submissions  # noqa: F401 - who sees contact form submissions
from campaigns.actions import admin as _signatures  # noqa: F401 - signatures, petition counts
from campaigns.actions import listing as _actions  # noqa: F401 - the "Actions" listing
from campaigns.blog import moderation  # noqa: F401 - comment moderation
from campaigns.cases import admin as _cases  # noqa: F401 - "Cases" listing, re-check panel
from campaigns.contact import admin as _contact  # noqa: F401 - new contact messages panel
from campaigns.corrections import admin as _corrections  # noqa: F401 - the corrections rule, reports
from campaigns.follows import admin as _follows  # noqa: F401 - followers
from campaigns.hearings import admin as _hearings  # noqa: F401 - next hearings panel
from campaigns.landing import home_page as _home_page  # noqa: F401 - the home page's sections
from campaigns.news import admin as _news  # noqa: F401 - campaign news, subscribers
from campaigns.outbox import admin as _outbox  # noqa: F401 - outgoing email
