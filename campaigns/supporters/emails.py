"""The one way a supporter's email address is normalised before it is stored or compared.

Signatures and follows are one per address: one signature per petition, one follow per
case. Both unique constraints compare the stored address, so every address goes through
`normalise_email` first, whichever form it came from.

Every public form also refuses, with `validate_public_email`, addresses that no public
mail server could receive (IP literals, dotless and reserved names): the site would
otherwise send its email to its own machine or into a private network.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_email(address):
    """The address trimmed and entirely in lower case, domain and local part alike.

    RFC 5321 allows a mail server to treat the local part ("Ana" in "Ana@mail.kz") as
    case-sensitive, but virtually none does: Gmail, Outlook, Yahoo, Yandex, Mail.ru and
    the usual server software all deliver "Ana@Mail.kz" and "ana@mail.kz" to the same
    mailbox. Keeping the local part's case would make them two people, so one person could
    sign a petition twice (and be counted twice) or follow a case twice (and get every
    notice twice), and the "one per person" constraints would mean nothing. The cost, a
    mailbox on a server that does tell the cases apart, is one nobody has met in practice.

    `str.lower`, not `casefold`: casefold turns "ß" into "ss", which is another address.
    """
    return (address or "").strip().lower()


# --- addresses at a public domain ----------------------------------------------------------

# Top-level names that no public mail server lives under, so mail to them can only reach
# a machine of ours or of someone's private network, or nowhere:
# - RFC 2606 and RFC 6761 (special-use names): test, example, invalid, localhost;
# - RFC 6762 (multicast DNS): local; its appendix G lists the names private networks use
#   without any registry: intranet, internal, private, corp, home, lan (and localdomain,
#   the name Linux distributions give the machine itself);
# - RFC 7686: onion (reachable only through Tor); RFC 9476: alt (outside the DNS);
# - RFC 3172 and RFC 8375: arpa, the infrastructure domain, home.arpa included;
# - ICANN's 2024 resolution reserving internal for private use, and its 2018 decision
#   never to delegate corp, home and mail (name collisions with private networks).
# Second-level names under public top-level domains (example.org, example.com) are not
# refused: they are real domains, and the tests and the demo rely on them.
RESERVED_TOP_LEVEL_NAMES = frozenset(
    {
        "alt",
        "arpa",
        "corp",
        "example",
        "home",
        "internal",
        "intranet",
        "invalid",
        "lan",
        "local",
        "localdomain",
        "localhost",
        "mail",
        "onion",
        "private",
        "test",
    }
)
# A host name label once in ASCII (RFC 1123): letters, digits and inner hyphens.
HOSTNAME_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)\Z")
NOT_PUBLIC = _("Please give an email address at a public domain, like name@mail.kz.")


def is_public_domain(domain):
    """True when `domain` is a host name mail from the internet can reach: no IP literal
    ([127.0.0.1], [IPv6:…]), at least two labels, each a valid host name label (Unicode
    names checked in their IDNA form), and a top-level name that is neither reserved nor
    all digits."""
    domain = domain.strip().rstrip(".").lower()
    if not domain or domain.startswith("["):
        return False
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_domain.split(".")
    return (
        len(labels) >= 2
        and len(ascii_domain) <= 253
        and all(HOSTNAME_LABEL.match(label) for label in labels)
        and labels[-1] not in RESERVED_TOP_LEVEL_NAMES
        and not labels[-1].isdigit()
    )


def validate_public_email(address):
    """Refuse an address whose domain is not public (see `is_public_domain`).

    The validator of every public form that takes an address (following a case, signing a
    petition, the contact form's email fields, a comment's optional email), beside Django's
    own `EmailField` check, which lets through `x@localhost` and `x@[127.0.0.1]`: we would
    otherwise queue mail to our own machine or a private network on a stranger's word.
    """
    if not address or "@" not in address:
        return  # empty or malformed: the field's own checks say so
    if not is_public_domain(address.rsplit("@", 1)[1]):
        raise ValidationError(NOT_PUBLIC, code="not_public")
