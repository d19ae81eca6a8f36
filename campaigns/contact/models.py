"""The contact page: a form campaigners build in the admin, whose messages are never lost.

A message is stored first (Wagtail's FormSubmission, listed and exported in the admin's
Forms section), then an email to the team is queued; if the mail server is down the email
waits in the queue and the supporter still sees the thank-you page.
"""

import logging

from django import forms
from django.db import models
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from campaigns.cases.models import CasePage
from campaigns.outbox.messages import header_text, mailbox
from campaigns.outbox.models import EmailKind
from campaigns.outbox.queue import queue_email
from campaigns.supporters.emails import validate_public_email
from campaigns.supporters.text import MessageField, OneLineField
from home.abuse import HoneypotMixin, PublicPostGuard, posted_data, refusal_response
from home.models import BasePage, shared_facts
from home.page_forms import SlugClashAtTheTopMixin

logger = logging.getLogger(__name__)

MAX_LINE = 100
MAX_MESSAGE = 5000
MAX_EMAIL = 254
SUBJECT_FIELD = "subject"
NAME_FIELDS = ("name", "your_name", "full_name")
CONSENT_FEATURES = ["bold", "italic", "link"]
DEFAULT_CONSENT = (
    '<p>We use what you send only to answer you, and keep it no longer than our <a href="'
    '/privacy/">privacy notice</a> says. Leave out anything you would not want us to hold.</p>'
)


def default_form_fields():
    """Name (optional), Email (required), Message (required): a new contact page's form."""
    return [
        ContactFormField(
            label=gettext("Name"),
            clean_name="name",
            field_type="singleline",
            required=False,
            help_text=gettext("Optional. Any name you like us to use."),
        ),
        ContactFormField(
            label=gettext("Email"),
            clean_name="email",
            field_type="email",
            required=True,
            help_text=gettext("Only so that we can reply. It is never published."),
        ),
        ContactFormField(
            label=gettext("Message"),
            clean_name="message",
            field_type="multiline",
            required=True,
            help_text=gettext("Plain text, up to 5,000 characters."),
        ),
    ]


# --- the public form ----------------------------------------------------------------------


class ContactForm(HoneypotMixin, BaseForm):
    """The fields campaigners chose, plus the honeypot (always last)."""


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder with length limits and messages that say what to do."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {
            "required": gettext("Please fill in “%(label)s”.") % {"label": field.label},
        }
        return options

    def create_singleline_field(self, field, options):
        options["error_messages"]["max_length"] = gettext(
            "Please keep this under %(limit_value)d characters (it has %(show_value)d)."
        )
        return OneLineField(max_length=MAX_LINE, **options)

    def create_hidden_field(self, field, options):
        options.setdefault("widget", forms.HiddenInput)
        return OneLineField(max_length=MAX_LINE, **options)

    def create_multiline_field(self, field, options):
        options["error_messages"]["max_length"] = gettext(
            "Please keep your message under %(limit_value)d characters (it has %(show_value)d)."
        )
        options.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        return MessageField(max_length=MAX_MESSAGE, **options)

    def create_email_field(self, field, options):
        options["error_messages"].update(
            invalid=gettext("This email address does not look right, e.g. name@example.org."),
            max_length=gettext("This email address is too long."),
        )
        return forms.EmailField(
            max_length=MAX_EMAIL, validators=[validate_public_email], **options
        )

    def get_form_class(self):
        return type("ContactForm", (ContactForm,), self.formfields)


def subject_field():
    """Added to the form when a supporter comes from a case's "Report an inaccuracy" link."""
    return OneLineField(
        label=_("Subject"),
        max_length=MAX_LINE,
        required=False,
        error_messages={
            "max_length": _(
                "Please keep the subject under %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )


CONTACT_GUARD = PublicPostGuard(
    "contact",
    per_client="CONTACT_PER_CLIENT",
    window="CONTACT_RATE_WINDOW",
    flood_message=_(
        "You have sent several messages in a short time. Please wait a few "
        "minutes and send this one again; what you wrote is still below."
    ),
)


# --- the admin form -----------------------------------------------------------------------


class ContactPageAdminForm(SlugClashAtTheTopMixin, WagtailAdminFormPageForm):
    """Starts a new contact page with the default fields, which campaigners can then edit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("form_fields")
        if formset is None or self.is_bound or self.instance.pk:
            return
        defaults = default_form_fields()
        formset.extra = len(defaults)
        formset.initial_extra = [
            {
                "label": field.label,
                "field_type": field.field_type,
                "required": field.required,
                "help_text": field.help_text,
            }
            for field in defaults
        ]


# --- the models ---------------------------------------------------------------------------


class ContactFormField(TranslatableMixin, AbstractFormField):
    """One question on the contact form. Its label and help are translated with the page;
    what it is (its type, its name in the stored answers, whether it is required) is the
    same in every language, so answers from /ru/contact/ and /contact/ line up."""

    page = ParentalKey(
        "campaigns.ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        *shared_facts("clean_name", "field_type", "required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class ContactPage(AbstractEmailForm, BasePage):
    """The contact form (/contact/). Edit its questions, the text around them and who gets
    the messages; the messages themselves are under Forms in the admin menu."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the form: what people can write to you about."),
    )
    consent_text = RichTextField(
        _("privacy line"),
        features=CONSENT_FEATURES,
        default=DEFAULT_CONSENT,
        help_text=_("Shown above the send button. Say what you keep and link the privacy page."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        help_text=_("Shown after a message is sent. It must not repeat what they wrote."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    base_form_class = ContactPageAdminForm
    form_builder = ContactFormBuilder

    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email to the team"),
        ),
    ]
    promote_panels = BasePage.promote_panels

    class Meta:
        verbose_name = _("contact page")

    # --- the form ---

    def has_own_subject_field(self):
        return any(field.clean_name == SUBJECT_FIELD for field in self.get_form_fields())

    def get_form(self, *args, with_subject=False, **kwargs):
        form = super().get_form(*args, **kwargs)
        if with_subject and SUBJECT_FIELD not in form.fields:
            # Before the honeypot, which stays last.
            honeypot = form.fields.pop(form.honeypot_field_name)
            form.fields[SUBJECT_FIELD] = subject_field()
            form.fields[form.honeypot_field_name] = honeypot
        return form

    def case_subject(self, request):
        """“Correction: <name>” when ?case= names a published case; otherwise nothing."""
        slug = request.GET.get("case", "").strip()[:255]
        if not slug:
            return ""
        case = (
            CasePage.objects.live().public().filter(slug=slug).values_list("person_name").first()
        )
        if case is None:
            return ""
        return (gettext("Correction: %(name)s") % {"name": case[0]})[:MAX_LINE]

    def get_data_fields(self):
        data_fields = super().get_data_fields()
        if not self.has_own_subject_field():
            data_fields.insert(1, (SUBJECT_FIELD, _("Subject")))
        return data_fields

    @method_decorator(never_cache)
    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            subject = self.case_subject(request)
            form = self.get_form(
                page=self,
                user=request.user,
                initial={SUBJECT_FIELD: subject} if subject else None,
                with_subject=bool(subject),
            )
            return self.render_form(request, form)

        # Besides its CSRF token (the page is never cached), the form goes through the guard
        # of every public POST: size, then cross-site, then (once valid) the rate limit.
        refusal = CONTACT_GUARD.admit(request)
        data = posted_data(request, refusal)
        form = self.get_form(
            data, page=self, user=request.user, with_subject=SUBJECT_FIELD in (data or {})
        )
        if refusal:
            return self.render_form(request, form, refusal=refusal)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        if refusal := CONTACT_GUARD.count(request):
            return self.render_form(request, form, refusal=refusal)
        submission = self.process_form_submission(form)
        # Rendered in answer to the POST, not redirected: the thank-you page has no URL of
        # its own that could carry who sent what.
        return self.render_landing_page(request, submission, *args, **kwargs)

    def render_form(self, request, form, status=200, refusal=None):
        context = self.get_context(request)
        context.update(form=form, refusal=refusal)
        if refusal:
            return refusal_response(request, self.get_template(request), context, refusal)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    # --- storing and sending ---

    def process_form_submission(self, form):
        data = {
            name: value
            for name, value in form.cleaned_data.items()
            if name != form.honeypot_field_name
        }
        submission = self.get_submission_class().objects.create(form_data=data, page=self)
        if self.to_address:
            try:
                self.send_mail(form)
            except Exception as error:  # the message is stored: never lose it
                logger.error(
                    "Contact message %s stored, but its email could not be queued: %s",
                    submission.pk,
                    type(error).__name__,
                )
        return submission

    def email_rows(self, form):
        """(label, text) for each answer, in the order of the form."""
        rows = []
        for name, field in form.fields.items():
            if name == form.honeypot_field_name or name not in form.cleaned_data:
                continue
            value = form.cleaned_data[name]
            if isinstance(value, list | tuple):
                value = ", ".join(str(item) for item in value)
            rows.append((str(field.label), "" if value is None else str(value)))
        return rows

    def reply_to(self, form):
        """The supporter's address (with their name, if they gave one) for the Reply-To."""
        data = form.cleaned_data
        address = next(
            (
                data[name]
                for name, field in form.fields.items()
                if isinstance(field, forms.EmailField) and data.get(name)
            ),
            "",
        )
        if not address:
            return ""
        name = next((data[name] for name in NAME_FIELDS if data.get(name)), "")
        return mailbox(address, name)

    def email_subject(self, form):
        base = self.subject or gettext("Message from the contact form")
        extra = form.cleaned_data.get(SUBJECT_FIELD) or ""
        return header_text(f"{base}: {extra}" if extra else base)

    def send_mail(self, form):
        rows = self.email_rows(form)
        context = {"page": self, "rows": rows}
        queue_email(
            kind=EmailKind.CONTACT,
            to=[address.strip() for address in self.to_address.split(",") if address.strip()],
            from_email=self.from_address,
            reply_to=self.reply_to(form),
            subject=self.email_subject(form),
            body_text=render_to_string("campaigns/email/contact_message.txt", context),
            body_html=render_to_string("campaigns/email/contact_message.html", context),
        )
