"""The one field every two-factor page asks for: a code."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A code from the authenticator app (or, where `recovery` is on, a recovery code)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("The 6-digit code your authenticator app shows now, or one of your recovery codes.")
            if recovery
            else _("The 6-digit code your authenticator app shows now.")
        )
        if not recovery:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
