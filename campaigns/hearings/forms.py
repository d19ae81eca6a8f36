"""The /hearings/ filters: read from the query string, checked against what exists."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HearingFilterForm(forms.Form):
    """Both fields optional; a value that is not offered is dropped with a message, never
    a 500. The choices are the campaigns and cities that have hearings to show."""

    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)

    def __init__(self, data, campaigns, cities):
        super().__init__(data)
        self.fields["campaign"].choices = [("", _("All campaigns")), *campaigns]
        self.fields["city"].choices = [("", _("All cities")), *((c, c) for c in cities)]

    def filters(self):
        """The valid filters as {field: value}; invalid ones are left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
