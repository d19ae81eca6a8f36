"""The public "Report an inaccuracy" form: plain text in, clear messages out."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.supporters.emails import validate_public_email
from campaigns.supporters.text import MessageField, OneLineField
from home.abuse import HoneypotMixin

from .models import InaccuracyReport

MAX_TEXT = 3000
# A tag, a comment or a doctype: text meant as HTML (or script) rather than read as words.
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")
DUPLICATE_WINDOW = datetime.timedelta(days=1)


def refuse_markup(value):
    if MARKUP.search(value or ""):
        raise forms.ValidationError(
            _("Please write plain text, without HTML tags or code (no “<” before a word)."),
            code="markup",
        )


class InaccuracyReportForm(HoneypotMixin, forms.ModelForm):
    """What is wrong on a case page, an optional source, and optionally who to ask back."""

    what_is_wrong = MessageField(
        label=_("What is wrong?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[refuse_markup],
        help_text=_(
            "Which fact, and what you believe is right. Plain text, up to 3,000 characters."
        ),
        error_messages={
            "required": _("Please say what is wrong on this page."),
            "max_length": _(
                "Please keep this under %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    suggested_source = forms.URLField(
        label=_("A source that shows it (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The address of a report, ruling or article, e.g. https://…"),
        error_messages={
            "invalid": _("This does not look like a web address, e.g. https://example.org/…"),
            "max_length": _("Please give a web address under %(limit_value)d characters."),
        },
    )
    reporter_name = OneLineField(
        label=_("Your name (optional)"),
        required=False,
        max_length=80,
        validators=[refuse_markup],
        error_messages={
            "max_length": _("Please keep your name under %(limit_value)d characters.")
        },
    )
    reporter_email = forms.EmailField(
        label=_("Your email (optional, never shown)"),
        required=False,
        max_length=254,
        validators=[validate_public_email],
        help_text=_("Only if you agree that we write to you with questions about your report."),
        error_messages={"invalid": _("This email address does not look right.")},
    )

    class Meta:
        model = InaccuracyReport
        fields = ["what_is_wrong", "suggested_source", "reporter_name", "reporter_email"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("what_is_wrong")
        if text and self.is_duplicate(text):
            raise forms.ValidationError(
                _(
                    "We have already received this report about this case; thank you. There is "
                    "no need to send it again."
                ),
                code="duplicate",
            )
        return cleaned

    def is_duplicate(self, text):
        since = timezone.now() - DUPLICATE_WINDOW
        return InaccuracyReport.objects.filter(
            case__translation_key=self.case.translation_key,
            what_is_wrong=text,
            created_at__gte=since,
        ).exists()
