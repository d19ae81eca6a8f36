"""Forms readers fill in on public pages: plain text in, clear messages out."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from home.abuse import HoneypotMixin

LINK_PATTERN = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
MAX_LINKS = 2


def country_choices():
    """Every country, named in the reader's language, after a blank choice."""
    return [("", _("Prefer not to say")), *countries]


class CommentForm(HoneypotMixin, forms.Form):
    """A comment: a name, an optional email (never shown) and plain text."""

    author_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_("Shown with your comment. It need not be your real name."),
        error_messages={
            "required": _("Please give a name to show with your comment."),
            "max_length": _("Please keep your name under %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Email (optional, never shown)"),
        required=False,
        max_length=254,
        help_text=_("Only if you want us to be able to reply privately."),
        error_messages={"invalid": _("This email address does not look right.")},
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text, up to 3,000 characters. Comments are read before they appear."),
        error_messages={
            "required": _("Please write your comment."),
            "max_length": _(
                "Please keep your comment under %(limit_value)d "
                "characters (it has %(show_value)d)."
            ),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_author_name(self):
        name = " ".join(self.cleaned_data["author_name"].split())
        if not name:
            raise forms.ValidationError(_("Please give a name to show with your comment."))
        return name

    def clean_body(self):
        body = self.cleaned_data["body"].strip().replace("\r\n", "\n")
        if not body:
            raise forms.ValidationError(_("Please write your comment."))
        return body

    @property
    def link_count(self):
        return len(LINK_PATTERN.findall(self.cleaned_data.get("body", "")))


class SignatureForm(HoneypotMixin, forms.Form):
    """Sign a petition: the least a credible signature needs, confirmed by email."""

    name = forms.CharField(
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
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name: a signature needs one."))
        if "<" in name or ">" in name:
            raise forms.ValidationError(_("Please write your name without < or >."))
        return name
