"""The comment form under blog posts: plain text in, clear messages out."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from home.abuse import HoneypotMixin

LINK_PATTERN = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
MAX_LINKS = 2


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
