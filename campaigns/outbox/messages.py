"""What an email is made of: headers made safe, and the message the mailer sends."""

import re
from email.headerregistry import Address

from django.core.mail import EmailMultiAlternatives

# Everything that could end a header line or confuse a mail client: CR, LF, the other
# Unicode line breaks and the remaining control characters.
HEADER_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
MAX_SUBJECT = 200
MAX_DISPLAY_NAME = 100


def header_text(value, limit=MAX_SUBJECT):
    """One line of text safe to put in a header: breaks become spaces, runs of space collapse.

    Django refuses newlines in headers with an error; normalising here means a supporter's
    "name\\r\\nBcc: ..." becomes a harmless name instead of an email that can never be sent.
    """
    return " ".join(HEADER_BREAKS.sub(" ", str(value)).split())[:limit]


def mailbox(address, name=""):
    """“Name <address>” with the name made safe, or just the address."""
    address = header_text(address, limit=320)
    name = header_text(name, limit=MAX_DISPLAY_NAME)
    # Address quotes the name as needed and, unlike formataddr, accepts non-ASCII domains
    # (Django IDNA-encodes them when it builds the message).
    return str(Address(display_name=name, addr_spec=address)) if name else address


def build_message(email):
    """The stored email as a Django message with a plain text part and an HTML alternative."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email or None,
        to=email.to,
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=email.headers,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message
