"""Generated input for every public form and query string, and the checks each answer passes.

Shared by the property-based tests (tests/fuzz/test_fuzz.py, a few hundred inputs in
`make test`) and the fuzz bench (`python -m bench fuzz`, ten thousand and more), so both
send the same kinds of input and judge the answers alike:

- values mix what a person would type with text from the whole of Unicode (controls and
  NUL included), invisible and bidirectional characters, very long strings, HTML and
  script payloads, wrong types (numbers, dates, lists where one value is expected) and
  fields sent twice or left out; a few bodies carry bytes that are not UTF-8;
- `check` finds what must never happen: an answer ≥ 500, a submitted payload reflected
  unescaped in an HTML page, and a submission the answer calls accepted without its row
  (or a refused one that left a row).

Import after Django is set up: the forms are found in the demo's database (`demo_targets`).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.test import override_settings
from hypothesis import strategies as st

from campaigns.models import (
    ActionKind,
    ActionPage,
    ActionTally,
    BlogComment,
    BlogPostPage,
    CasePage,
    ContactFormField,
    ContactPage,
    Follow,
    Signature,
)
from campaigns.supporters.emails import normalise_email

# Every rate limit lifted: the fuzzer is one client sending thousands of posts.
NO_RATE_LIMITS = override_settings(
    COMMENTS_PER_CLIENT=10**9,
    CONTACT_PER_CLIENT=10**9,
    FOLLOW_PER_CLIENT=10**9,
    SIGN_PER_CLIENT=10**9,
    LETTERS_PER_CLIENT=10**9,
    COMMENTS_AUTO_APPROVE=True,  # approved comments are shown: their text is checked too
)

# Payloads that must never come back unescaped; each is distinctive enough never to be
# part of the site's own markup.
PAYLOADS = (
    "<script>alert(31337)</script>",
    '"><img src=x onerror=alert(31337)>',
    "'><svg/onload=alert(31337)>",
    "</textarea><b>31337</b>",
    "<a href=javascript:alert(31337)>x</a>",
    "{{ 31337|safe }}<!--",
    "<iframe srcdoc='<script>alert(31337)</script>'>",
)
INVISIBLE = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9b\u200b\u2028\u2029\u202e\u2066\ufeff"
TYPED = ("Ana", "Free them all.", "Айгерим Садыкова", "Әділет", "O'Brien", "x" * 99, "")
LONG_UNITS = ("a", "я", "😀", "<b>", "\x00", "\u202e", " ")
VALID_EMAILS = ("reader@example.org", "Reader@Example.ORG", "a@exämple.org")
EMAILS = (*VALID_EMAILS, "ана@mail.kz", "a@b", "@", "a@@b.org")
PUBLIC_DOMAINS = ("mail.kz", "example.org", "пример.рф", "xn--80ak6aa92e.com", "a.b.co.uk")
BAD_DOMAINS = (
    "localhost",
    "[127.0.0.1]",
    "[IPv6:::1]",
    "printer.local",
    "example",
    "nas.home",
    "x.onion",
    "a_b.org",
    "example.org\r\nBcc: victim@example.org",
)
DATES = ("2024-05-01", "01/05/2024", "2024-02-30", "0000-00-00", "9999-12-31T23:59", "yesterday")
NUMBERS = ("1", "-1", "0", "1e999", "NaN", "Infinity", "1,5", "١٢", "99999999999999999999")


def text():
    """One form value: typed, random Unicode, invisible characters, markup or the wrong type."""
    return st.one_of(
        st.sampled_from(TYPED),
        st.sampled_from(INVISIBLE),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
        st.text(st.sampled_from(INVISIBLE + "ab <>\"'&\n\r\t"), max_size=20),
        st.builds(
            lambda before, payload, after: before + payload + after,
            st.text(max_size=5),
            st.sampled_from(PAYLOADS),
            st.text(max_size=5),
        ),
        st.builds(lambda unit, n: unit * n, st.sampled_from(LONG_UNITS), st.integers(1, 60_000)),
        st.sampled_from(NUMBERS + DATES),
        st.integers().map(str),
    )


def email():
    """An address: good, in odd case or script, at a private or reserved domain, or none."""
    local = st.from_regex(r"[a-z0-9_+-]{1,12}", fullmatch=True)
    return st.one_of(
        st.sampled_from(EMAILS),
        st.builds("{}@{}".format, local, st.sampled_from(PUBLIC_DOMAINS)),
        st.emails(),
        st.builds("{}@{}".format, local, st.sampled_from(BAD_DOMAINS)),
        text(),
    )


def plain():
    """Text a person would type: letters, digits, punctuation and spaces, never blank."""
    return st.one_of(
        st.sampled_from(TYPED[:-1]),
        st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=40).filter(
            str.strip
        ),
    )


def valid_email():
    local = st.from_regex(r"[a-z0-9_+-]{1,12}", fullmatch=True)
    return st.one_of(
        st.sampled_from(VALID_EMAILS),
        st.builds("{}@{}".format, local, st.sampled_from(PUBLIC_DOMAINS)),
    )


def value(strategy):
    """A field's value: usually one, sometimes the field twice (a list), sometimes empty."""
    return st.one_of(strategy, strategy, strategy, st.lists(strategy, max_size=3))


def honeypot():
    return st.one_of(st.just(""), st.just(""), st.just(""), text())


def choice(choices):
    return st.one_of(st.sampled_from(choices), text())


def checkbox():
    return st.sampled_from(("on", "", "off", "true", "0", "\x00"))


JUNK_BODIES = (b"", b"x=%ED%A0%80", b"%FF%FE=%00", b"&&=&", b"a=%", b"email=%C0%AF")


@dataclass
class Target:
    """One public form or page: where it is, what it takes, how to tell an accepted post."""

    name: str
    path: str
    fields: dict
    method: str = "POST"
    valid: dict = field(default_factory=dict)  # field -> strategy of values it accepts
    accepted: object = None  # (response, data) -> bool
    stored: object = None  # (data, before) -> bool: the accepted post's row is there
    count: object = None  # () -> rows; a refused post must not change it

    def inputs(self):
        """Data for one request, plus raw bytes to append to a POST body: every field
        fuzzed, or (half the time, for a form) every field valid but one, so that many
        posts are accepted and what each field lets through is stored and shown."""
        data = st.fixed_dictionaries(
            {name: value(strategy) for name, strategy in self.fields.items()},
            optional={"unexpected": value(text())},
        )
        if self.valid:
            one_fuzzed = st.sampled_from(sorted(self.fields)).flatmap(
                lambda name: st.fixed_dictionaries({**self.valid, name: value(self.fields[name])})
            )
            data = st.one_of(data, one_fuzzed)
        if self.method == "GET":
            return st.tuples(data, st.just(b""))
        return st.tuples(data, st.sampled_from(JUNK_BODIES))


def last(data, name):
    """The value a Django form reads for `name`: the last one sent."""
    item = data.get(name, "")
    return (item[-1] if item else "") if isinstance(item, list) else item


def context_value(response, name):
    try:
        return response.context[name] if response.context is not None else None
    except KeyError:
        return None


# --- the demo's forms and pages ------------------------------------------------------------

CONTACT_EXTRA_FIELDS = [
    ("number", "number", ""),
    ("date", "date", ""),
    ("datetime", "datetime", ""),
    ("url", "url", ""),
    ("checkbox", "checkbox", ""),
    ("checkboxes", "checkboxes", "Press\nLawyers\nFamily"),
    ("dropdown", "dropdown", "Kazakhstan\nKyrgyzstan"),
    ("multiselect", "multiselect", "One\nTwo"),
    ("radio", "radio", "Yes\nNo"),
    ("hidden", "hidden", ""),
]


def add_every_field_type(contact):
    """Give the contact form one optional question of each remaining Wagtail field type."""
    for order, (name, kind, choices) in enumerate(CONTACT_EXTRA_FIELDS, start=100):
        ContactFormField.objects.get_or_create(
            page=contact,
            clean_name=name,
            defaults={
                "label": name.title(),
                "field_type": kind,
                "required": False,
                "choices": choices,
                "sort_order": order,
                "locale_id": contact.locale_id,
            },
        )


CONTACT_VALID = {
    "email": valid_email(),
    "number": st.sampled_from(("1", "42", "-3.5")),
    "date": st.just("2024-05-01"),
    "datetime": st.just("2024-05-01 10:00"),
    "url": st.just("https://mail.kz/"),
    "checkbox": st.sampled_from(("on", "")),
}


def contact_fields(contact, valid=False):
    """The contact form's fields: generated input for each, or (`valid`) values it takes."""
    if valid:
        fields = {
            item.clean_name: st.sampled_from([c.strip() for c in item.choices.splitlines()])
            if item.choices
            else CONTACT_VALID.get(item.field_type, plain())
            for item in contact.get_form_fields()
        }
        return {**fields, "website": st.just("")}
    by_type = {
        "email": email(),
        "number": choice(NUMBERS),
        "date": choice(DATES),
        "datetime": choice(DATES),
        "url": choice(("https://mail.kz/", "javascript:alert(1)", "http://[::1]:80/", "x")),
        "checkbox": checkbox(),
    }
    fields = {}
    for item in contact.get_form_fields():
        if item.choices:
            fields[item.clean_name] = choice([c.strip() for c in item.choices.splitlines()])
        else:
            fields[item.clean_name] = by_type.get(item.field_type, text())
    return {**fields, "subject": text(), "website": honeypot()}


def demo_targets():
    """The public forms and query strings of the demo site, as it is in the database."""
    case = CasePage.objects.live().public().filter(locale__language_code="en").first()
    petition, letter = (
        ActionPage.objects.live().public().filter(kind=kind, locale__language_code="en").first()
        for kind in (ActionKind.PETITION, ActionKind.LETTER)
    )
    post = BlogPostPage.objects.live().public().filter(comments_open=True).first()
    contact = ContactPage.objects.live().public().filter(locale__language_code="en").first()
    add_every_field_type(contact)
    submissions = contact.get_submission_class().objects.filter(page=contact)

    def letters():
        tally = ActionTally.objects.filter(pk=letter.pk).first()
        return tally.letters if tally else 0

    forms = [
        Target(
            "follow",
            f"/follow/{case.pk}/",
            {"email": email(), "website": honeypot()},
            valid={"email": valid_email(), "website": st.just("")},
            accepted=lambda response, data: bool(context_value(response, "accepted")),
            stored=lambda data, before: Follow.objects.filter(
                case=case, email=normalise_email(last(data, "email"))
            ).exists(),
        ),
        Target(
            "sign",
            f"/sign/{petition.pk}/",
            {
                "name": text(),
                "email": email(),
                "country": choice(("", "KZ", "FR", "kz")),
                "show_name": checkbox(),
                "keep_informed": checkbox(),
                "consent": checkbox(),
                "website": honeypot(),
            },
            valid={
                "name": plain(),
                "email": valid_email(),
                "country": st.sampled_from(("", "KZ", "FR")),
                "consent": st.just("on"),
                "website": st.just(""),
            },
            accepted=lambda response, data: response.status_code == 303,
            stored=lambda data, before: Signature.objects.filter(
                action=petition, email=normalise_email(last(data, "email"))
            ).exists(),
        ),
        Target(
            "letter",
            f"/letters/{letter.pk}/sent/",
            {"website": honeypot()},
            accepted=lambda response, data: response.status_code == 303,
            stored=lambda data, before: letters() == before + 1,
            count=letters,
        ),
        Target(
            "comment",
            f"/comments/{post.pk}/",
            {
                "author_name": text(),
                "email": email(),
                "body": text(),
                "parent": choice(("", "1", "-1", "999999999999")),
                "website": honeypot(),
            },
            valid={
                "author_name": plain(),
                "email": st.one_of(st.just(""), valid_email()),
                "body": plain(),
                "website": st.just(""),
            },
            accepted=lambda response, data: context_value(response, "comment") is not None,
            stored=lambda data, before: BlogComment.objects.count() == before + 1,
            count=BlogComment.objects.count,
        ),
        Target(
            "contact",
            contact.url,
            contact_fields(contact),
            valid=contact_fields(contact, valid=True),
            accepted=lambda response, data: context_value(response, "form_submission") is not None,
            stored=lambda data, before: submissions.count() == before + 1,
            count=submissions.count,
        ),
    ]
    filters = {
        "q": text(),
        "status": choice(("", "detained", "released")),
        "country": choice(("", "KZ")),
        "role": choice(("", "journalist")),
        "year": choice(("", "2022", "0", "-1")),
        "sort": choice(("", "name", "arrest", "updated")),
        "page": choice(("", "1", "2", "0", "-1", "last", "99999999999999999999")),
    }
    page_only = {"page": filters["page"]}
    queries = [
        Target("cases", "/cases/", filters, method="GET"),
        Target("cases.csv", "/cases/export.csv", filters, method="GET"),
        Target("cases.json", "/cases/export.json", filters, method="GET"),
        Target("cases feed", "/cases/feed/", filters, method="GET"),
        Target("case", case.url, {"utm_source": text()}, method="GET"),
        Target("search", "/search/", {"q": text(), "page": filters["page"]}, method="GET"),
        Target("contact ?case", contact.url, {"case": text()}, method="GET"),
        Target("blog", "/blog/", {"q": text(), **page_only}, method="GET"),
        Target("blog feed", "/blog/feed/", page_only, method="GET"),
        Target("post ?reply", post.url, {"reply": choice(("", "1", "x"))}, method="GET"),
        Target("act", "/act/", page_only, method="GET"),
        Target("petition", petition.url, page_only, method="GET"),
        Target("home", "/", {"q": text(), "page": filters["page"]}, method="GET"),
    ]
    return forms + queries


# --- sending and judging --------------------------------------------------------------------

TAG_OR_BREAKOUT = re.compile(r"<[A-Za-z!/?]|[\"']\s*>")


def values_of(data):
    for item in data.values():
        yield from item if isinstance(item, list) else [item]


def send(client, target, data, junk=b""):
    """One request to `target`; returns the response (the client must not raise)."""
    if target.method == "GET":
        return client.get(target.path, data)
    body = urlencode(data, doseq=True).encode()
    if junk:
        body += b"&" + junk
    return client.post(target.path, body, content_type="application/x-www-form-urlencoded")


@dataclass
class Verdict:
    status: int
    problems: list
    accepted: bool = False


def check(target, response, data, before=None):
    """What went wrong with this answer: 5xx, reflected payloads, lost or stray rows."""
    problems = []
    if response.status_code >= 500:
        problems.append("5xx")
    if "html" in response.get("Content-Type", ""):
        html = response.content.decode("utf-8", "replace")
        # A short value such as "<a" or '">' is part of any page's own markup.
        candidates = {v for v in values_of(data) if len(v) >= 8 and TAG_OR_BREAKOUT.search(v)}
        candidates |= {p for p in PAYLOADS for v in values_of(data) if p in v}
        if any(candidate in html for candidate in candidates):
            problems.append("reflected")
    accepted = False
    if target.method == "POST" and response.status_code < 500:
        accepted = bool(target.accepted(response, data))
        if accepted and not target.stored(data, before):
            problems.append("accepted but not stored")
        if not accepted and target.count is not None and target.count() != before:
            problems.append("refused but stored")
    return Verdict(response.status_code, problems, accepted)


def before_count(target):
    return target.count() if target.count is not None else None
