"""The petition's signature form: plain text in, clear messages out."""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaigns.supporters.emails import validate_public_email
from campaigns.supporters.text import OneLineField
from home.abuse import HoneypotMixin


def country_choices():
    """Every country, named in the reader's language, after a blank choice."""
    return [("", _("Prefer not to say")), *countries]


@lru_cache(maxsize=16)
def country_options_html(language):
    """The <option>s of every country, named and sorted in `language`, none selected.

    Built once per language and process: drawn option by option through the widget
    templates, the 250 countries took a third of the petition page's time. The names
    change only with a deployment (new catalogues), so nothing needs to forget them."""
    return format_html_join("", '<option value="{}">{}</option>', country_choices())


class CountrySelect(forms.Select):
    """A select of every country whose options are drawn once per language (above).

    It renders what Django's Select renders, attributes included (id, aria-describedby
    for help and errors, aria-invalid), with the chosen country (or the blank choice)
    selected, so a form shown again with errors keeps the reader's choice."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)[0]
        options = country_options_html(get_language())
        unselected = format_html('<option value="{}">', chosen)
        selected = format_html('<option value="{}" selected>', chosen)
        options = options.replace(unselected, selected, 1)
        select_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(select_attrs)}>{options}</select>")  # noqa: S308 - escaped above


class SignatureForm(HoneypotMixin, forms.Form):
    """Sign a petition: the least a credible signature needs, confirmed by email."""

    name = OneLineField(
        label=_("Your name"),
        max_length=100,
        help_text=_("Never shown unless you tick the box below; then only your first name."),
        error_messages={
            "required": _("Please give your name: a signature needs one."),
            "max_length": _("Please keep your name under %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        validators=[validate_public_email],
        help_text=_("We send one email to confirm your signature. It is never shown."),
        error_messages={
            "required": _(
                "Please give your email address: your signature counts once you confirm it there."
            ),
            "invalid": _("This email address does not look right."),
            "max_length": _("Please give an email address under %(limit_value)d characters."),
        },
    )
    country = forms.ChoiceField(
        label=_("Country (optional)"),
        choices=country_choices,
        widget=CountrySelect,
        required=False,
        error_messages={"invalid_choice": _("Please choose a country from the list.")},
    )
    show_name = forms.BooleanField(
        label=_("Show my first name and country on this page"),
        required=False,
    )
    keep_informed = forms.BooleanField(
        label=_("Keep me informed about this campaign by email"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name and email are kept to count my signature and "
            "to deliver the petition, as the privacy notice says."
        ),
        error_messages={
            "required": _("Please tick this box: without it we cannot count your signature.")
        },
    )

    def clean_name(self):
        name = self.cleaned_data["name"]
        if "<" in name or ">" in name:
            raise forms.ValidationError(_("Please write your name without < or >."))
        return name


class LetterSentForm(HoneypotMixin, forms.Form):
    """ "I sent a letter": no field but the honeypot, for nothing about the reader is kept.

    The action page draws its one hidden field by hand (`letter-website`)."""
