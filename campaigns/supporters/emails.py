"""The one way a supporter's email address is normalised before it is stored or compared.

Signatures and follows are one per address: one signature per petition, one follow per
case. Both unique constraints compare the stored address, so every address goes through
`normalise_email` first, whichever form it came from.
"""


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
