"""The comment form under blog posts: plain text in, clear messages out."""

from django import forms
from django.utils.html import urlize
from django.utils.translation import gettext_lazy as _

from campaigns.supporters.emails import validate_public_email
from campaigns.supporters.text import MessageField, OneLineField
from home.abuse import HoneypotMixin

MAX_LINKS = 2


def link_count(text):
    """How many links `text` shows once published: the `<a>` elements that Django's
    `urlize` makes of it, which is what the comment template's `urlize_ugc` filter runs.
    Counting with the function that links, not a pattern of our own, keeps the two from
    drifting: bare domains (spam1.com/a), `www.` and `http(s)://` addresses and email
    addresses (linked as mailto:) all count; "e.g." or "3.14" do not."""
    return urlize(text, autoescape=True).count("<a ")


class CommentForm(HoneypotMixin, forms.Form):
    """A comment: a name, an optional email (never shown) and plain text."""

    author_name = OneLineField(
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
        validators=[validate_public_email],
        help_text=_("Only if you want us to be able to reply privately."),
        error_messages={"invalid": _("This email address does not look right.")},
    )
    body = MessageField(
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

    @property
    def link_count(self):
        return link_count(self.cleaned_data.get("body", ""))
