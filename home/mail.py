"""Email as a person reads it: decoded text and the links in it.

Mail on the wire is quoted-printable or base64: a long link is cut by soft line breaks
(`=` at the end of a line) and `=3D` stands for `=`, so a link copied from the raw message
leads nowhere. `DevelopmentEmailBackend` (the default mailer of settings.dev) therefore
writes every message decoded into a directory (var/mail/ for `make run`) and prints a short
summary with each link whole on its own line; the outgoing-email admin shows the stored
messages with `text_with_links` and `links_in`.
"""

import email
import email.policy
import html
import itertools
import re
import sys
import threading
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from django.core.mail import InvalidMailer
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify

# A link ends at white space, a quote or an angle bracket; punctuation that ends the
# sentence around it is not part of it.
URL = re.compile(r"""https?://[^\s<>"'`]+""")
TRAILING = ".,;:!?)]}»”’'\""
# The headers a developer checks, in the order a mail client shows them.
SHOWN_HEADERS = [
    "From",
    "To",
    "Cc",
    "Reply-To",
    "Subject",
    "Date",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
]


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def links_in(text="", html_text=""):
    """Every http(s) link in a plain text and an HTML body, whole, each once, in order."""
    found = [match.rstrip(TRAILING) for match in URL.findall(text or "")]
    if html_text:
        parser = _Hrefs()
        parser.feed(html_text)
        parser.close()
        found += [href.strip() for href in parser.hrefs if URL.fullmatch(href.strip())]
    return list(dict.fromkeys(found))


def text_with_links(text):
    """Plain text as safe HTML, every http(s) link in it an <a href> to itself."""
    pieces, end = [], 0
    for match in URL.finditer(text or ""):
        url = match.group(0).rstrip(TRAILING)
        pieces += [escape(text[end : match.start()]), format_html('<a href="{0}">{0}</a>', url)]
        end = match.start() + len(url)
    pieces.append(escape((text or "")[end:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped or format_html'd


def decoded(raw):
    """A serialised message read back as a mail client reads it: headers, text, HTML, files."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    text_part = message.get_body(("plain",))
    html_part = message.get_body(("html",))
    return {
        "headers": [(name, str(message[name])) for name in SHOWN_HEADERS if message[name]],
        "subject": str(message["Subject"] or ""),
        "to": str(message["To"] or ""),
        "text": text_part.get_content() if text_part else "",
        "html": html_part.get_content() if html_part else "",
        "attachments": [part.get_filename() or "" for part in message.iter_attachments()],
    }


class DevelopmentEmailBackend(BaseEmailBackend):
    """Write each message to `directory`, decoded, and print where it is and its links.

    Per message: NAME.eml (the message as sent, to open in a mail client), NAME.txt (the
    headers, the plain text decoded, attachments and links) and NAME.html (the HTML part,
    decoded, to open in a browser) when there is one. NAME starts with the time it was
    sent, so the files list in order.
    """

    _sequence = itertools.count(1)

    def __init__(self, *args, directory=None, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not directory:
            raise InvalidMailer("OPTIONS must give a 'directory'.", alias=self.alias)
        self.directory = Path(directory)
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send_messages(self, email_messages):
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            raw = message.message().as_bytes()
            with self._lock:
                self.write(raw, bcc=message.bcc)
            sent += 1
        return sent

    def write(self, raw, bcc=()):
        mail = decoded(raw)
        if bcc:  # not in the message itself, but a developer wants to see who gets it
            mail["headers"].append(("Bcc", ", ".join(bcc)))
        stem = self.directory / self.file_stem(mail["subject"])
        stem.with_suffix(".eml").write_bytes(raw)
        links = links_in(mail["text"], mail["html"])
        lines = [f"{name}: {value}" for name, value in mail["headers"]]
        lines += ["", mail["text"].rstrip(), ""]
        if mail["attachments"]:
            lines += ["Attachments:", *(f"  {name}" for name in mail["attachments"]), ""]
        if links:
            lines += ["Links:", *links, ""]
        stem.with_suffix(".txt").write_text("\n".join(lines), encoding="utf-8")
        files = [stem.with_suffix(".txt"), stem.with_suffix(".eml")]
        if mail["html"]:
            stem.with_suffix(".html").write_text(self.html_page(mail), encoding="utf-8")
            files.insert(1, stem.with_suffix(".html"))
        self.print_summary(mail, files, links)

    def file_stem(self, subject):
        now = datetime.now()
        number = next(self._sequence)
        slug = slugify(subject, allow_unicode=True)[:40] or "email"
        return f"{now:%Y%m%d-%H%M%S-%f}-{number:04d}-{slug}"

    def html_page(self, mail):
        """The HTML part as a page: with a charset (it has Cyrillic) and the headers on top."""
        body = mail["html"]
        if "<html" in body[:500].lower():
            return body
        headers = "".join(
            f"<dt>{html.escape(name)}</dt><dd>{html.escape(value)}</dd>"
            for name, value in mail["headers"]
        )
        return (
            '<!doctype html>\n<html><head><meta charset="utf-8">'
            f"<title>{html.escape(mail['subject'])}</title></head>\n"
            f"<body><dl>{headers}</dl><hr>\n{body}\n</body></html>\n"
        )

    def print_summary(self, mail, files, links):
        also = ", ".join(path.suffix for path in files[1:])
        lines = [
            f"Email “{mail['subject']}” to {mail['to']}",
            f"  decoded in {self.display_path(files[0])} (also {also})",
            *(f"  {link}" for link in links),
            "",
        ]
        self.stream.write("\n".join(lines))
        self.stream.flush()

    @staticmethod
    def display_path(path):
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
