"""Demo contact page (/contact/) with the default form: Name, Email, Message."""

from home.demo.site import ensure_page

from .models import DEFAULT_CONSENT, ContactPage, default_form_fields

CONTACT = {
    "title": "Contact us",
    "slug": "contact",
    "intro": (
        "<p>Write to us about a case we follow or one we should know about, to correct "
        "something on this site, or to offer help. You do not need to give your name. "
        "If writing to us could put you at risk, use an address that does not identify you "
        "and leave out anything you would not want a stranger to read.</p>"
    ),
    "consent_text": DEFAULT_CONSENT,
    "thank_you_text": (
        "<p>Thank you. Your message has reached the team. We read everything, and if you "
        "gave an email address we will answer within a few days.</p>"
    ),
    "to_address": "team@example.org",
    "subject": "Message from the contact form",
    "listing_summary": "Write to the team: corrections, new cases, offers of help.",
    "search_description": "Write to the campaign team.",
}


def build_contact(home, log):
    """Create /contact/ under `home` if it is missing; return (page, whether created)."""
    return ensure_page(home, ContactPage, {**CONTACT, "form_fields": default_form_fields()}, log)
