"""The newsletter form: an address, and optionally the one campaign whose news it wants."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.landing.models import CampaignPage
from campaigns.supporters.emails import validate_public_email
from home.abuse import HoneypotMixin
from home.i18n import for_reader


class NewsletterForm(HoneypotMixin, forms.Form):
    """Ask for campaign news; nothing is sent but a confirmation link until it is clicked."""

    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        validators=[validate_public_email],
        error_messages={
            "required": _("Please give the email address to send the news to."),
            "invalid": _("This email address does not look right."),
            "max_length": _("Please give an email address under %(limit_value)d characters."),
        },
    )
    campaign = forms.ModelChoiceField(
        label=_("Which news?"),
        queryset=CampaignPage.objects.none(),
        required=False,
        empty_label=_("All our campaigns"),
        error_messages={"invalid_choice": _("Please choose one of the campaigns listed.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The campaigns as this reader reads them (their language, else English).
        self.fields["campaign"].queryset = for_reader(
            CampaignPage.objects.live().public().defer_streamfields()
        ).order_by("title")
