"""What supporters type, made plain before it is stored: one rule for every public form.

Names, comments and messages keep only characters a person means. Control characters
(NUL, escape, DEL, C1), the Unicode line and paragraph separators, and the
bidirectional embedding, override and isolate controls are invisible: a reader never
types them on purpose, only a bot or a copy from a PDF does, and a refusal would leave the
person with an error about something they cannot see. So they are dropped (or turned
into a space or a line break), never refused. Dropping them also keeps NUL, which a
PostgreSQL text column cannot hold, out of the database, line breaks out of anything that
becomes an email header, and right-to-left overrides from making a name or a comment read
differently in the moderation admin than it was written ("Trojan Source",
CVE-2021-42574). No Kazakh, Russian or English text needs them; the marks that do matter
in mixed scripts (U+200E/U+200F, zero-width joiners in emoji) are kept.
"""

import re

from django import forms

# C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional
# embedding/override (U+202A–U+202E) and isolate (U+2066–U+2069) controls.
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Every way a line can end, turned into "\n" in free text (a space in a one-line field).
LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def one_line(value):
    """`value` on one line: each run of spaces, line breaks or control characters is one
    space, and none at either end."""
    return " ".join(INVISIBLE.sub(" ", LINE_BREAKS.sub(" ", value)).split())


def multi_line(value):
    """Free text: every line break as "\\n", control characters dropped, trimmed."""
    return INVISIBLE.sub("", LINE_BREAKS.sub("\n", value)).strip()


class OneLineField(forms.CharField):
    """Single-line text (a name, a subject), made plain by `one_line` before it is checked:
    it can never carry a second line into an email header."""

    def to_python(self, value):
        return one_line(super().to_python(value))


class MessageField(forms.CharField):
    """Multi-line text (a comment, a message), made plain by `multi_line` before it is
    checked, so a length limit counts what is kept."""

    def to_python(self, value):
        return multi_line(super().to_python(value))
