"""Demo calls to action (/act/): a petition to reform the "inciting discord" article and a
letter to the Prosecutor General about Serikzhan Bilash.

Facts follow /work/shared/seed/FACTS.md. The two Kazakh offices' addresses give only the
office, the city and the country: no source we can cite gives their street, postcode or an
email for appeals, so those fields stay empty (campaigners must check the official website
before sending) and the demo invents none. The third address, the UN Working Group on
Arbitrary Detention's, is complete: the UN human rights office publishes it (WGAD_CONTACT,
cited on the page). The signers are invented: every one has an @example.org address.
"""

import datetime

from django.utils import timezone

from campaigns.cases.choices import CodeEdition
from campaigns.cases.demo import (
    AMNESTY_KOZLOV,
    AMNESTY_UA_0926,
    DIPLOMAT_WGAD,
    FH_FINAL_2012,
    FH_REPORT_3_2012,
    HRW_2021,
    REUTERS_2012,
    WGAD_BILASH,
)
from home.demo.blocks import callout, heading, paragraph, source
from home.demo.site import ensure_page

from .models import ActionIndexPage, ActionKind, ActionPage, ActionTally, Signature

# Where the Working Group takes communications: its postal address and email, as the UN
# human rights office publishes them.
WGAD_CONTACT = source(
    "Working Group on Arbitrary Detention: individual complaints",
    "Office of the UN High Commissioner for Human Rights",
    None,
    "https://www.ohchr.org/EN/Issues/Detention/Pages/Complaints.aspx",
)

ACT = {
    "title": "Act",
    "slug": "act",
    "intro": (
        "Sign a petition, write a letter, share a case. Officials notice when people abroad "
        "and at home keep asking about the same names, and prisoners are told when letters "
        "arrive. Every action here takes a few minutes."
    ),
    "listing_summary": "Petitions to sign and letters to write for Kazakhstan's political "
    "prisoners.",
    "search_description": "Petitions and letters for political prisoners in Kazakhstan.",
}

ARTICLE_TITLE = "inciting social, national, clan, racial, class or religious discord"

# The offence an action is about, as (code edition, article) pairs: the same offence is
# Article 164 of the 1997 code and Article 174 of the 2014 code. An action names only
# the documented cases with a charge under it (never, say, a conviction for fraud).
INCITING_DISCORD = frozenset(
    {(CodeEdition.CRIMINAL_CODE_1997, "164"), (CodeEdition.CRIMINAL_CODE_2014, "174")}
)
TARGETED_ARTICLES = {
    "reform-inciting-discord": INCITING_DISCORD,
    "write-to-the-prosecutor-general": INCITING_DISCORD,
}


def article_number(article):
    """The article without its part or paragraph: "174(2)" is Article 174."""
    return article.split("(", 1)[0].strip()


def charged_under(case, articles):
    """Whether `case` has a charge under one of `articles` ((code edition, article) pairs)."""
    return any(
        (charge.code_edition, article_number(charge.article)) in articles
        for charge in case.charges.all()
    )


def sources(*items, title="Sources"):
    return {
        "type": "sources",
        "value": {"heading": title, "sources": [item["value"] for item in items]},
    }


def petition(cases, campaign):
    return {
        "title": "Rewrite the “inciting discord” article",
        "slug": "reform-inciting-discord",
        "kind": ActionKind.PETITION,
        "target": "The Mazhilis, the lower house of the Parliament of Kazakhstan",
        "ask": (
            f"Rewrite Article 174 of the Criminal Code (“{ARTICLE_TITLE}”) so that words are "
            "a crime only when they incite violence, and review the convictions handed down "
            "under it for peaceful speech."
        ),
        "goal": 5000,
        "deadline": None,
        "related_campaign": campaign,
        "related_cases": [
            case
            for case in cases.values()
            if charged_under(case, TARGETED_ARTICLES["reform-inciting-discord"])
        ],
        "listing_summary": (
            "Ask Kazakhstan's parliament to narrow the article used to prosecute critics."
        ),
        "search_description": (
            "Petition to the Mazhilis: rewrite Article 174 of Kazakhstan's Criminal Code "
            "(inciting discord) so that only incitement to violence is a crime."
        ),
        "thank_you_text": (
            "Every confirmed signature is counted on this page. We will hand the petition to "
            "members of the Mazhilis and publish their answer on the blog."
        ),
        "body": [
            heading("One article, many cases", "one-article"),
            paragraph(
                "<p>Kazakhstan's Criminal Code punishes “inciting discord” between social, "
                "national, clan, racial, class or religious groups. The offence was Article "
                "164 of the 1997 code; since the 2014 code came into force on 1 January 2015 "
                "it is Article 174. Its words do not say what a person must have done, so "
                "prosecutors have used it against opposition politicians and activists "
                "for what they said, wrote or organised.</p>"
            ),
            paragraph(
                "<p>In 2012 a court in Aktau sentenced the opposition leader <a "
                'href="/cases/vladimir-kozlov/">Vladimir Kozlov</a> to seven and a half years, '
                "in part under Article 164(3) of the 1997 code; trial monitors from Freedom "
                "House reported serious violations of his right to a fair trial, and Amnesty "
                'International named him a prisoner of conscience. In 2019 <a href="/cases/'
                'serikzhan-bilash/">Serikzhan Bilash</a>, who documented the detention of '
                "ethnic Kazakhs in Xinjiang, was charged under Article 174(2) of the 2014 "
                "code; the UN Working Group on Arbitrary Detention later found his detention "
                "arbitrary.</p>"
            ),
            heading("What we ask", "what-we-ask"),
            paragraph(
                "<ul><li><b>Say what the crime is.</b> Words should be punishable only when "
                "they call on others to commit violence, and when that is what the speaker "
                "meant.</li>"
                "<li><b>Stop prosecuting opinions.</b> Criticism of the government, of "
                "officials or of another country's policy is not incitement.</li>"
                "<li><b>Review past convictions</b> handed down under Article 164 of the old "
                "code and Article 174 of the new one for peaceful speech.</li></ul>"
            ),
            callout(
                "Who sees your signature",
                "<p>Only the number of confirmed signatures is public. Your first name and "
                "country appear on this page only if you tick the box that allows it; your "
                "email address is never shown or handed over.</p>",
            ),
            sources(
                REUTERS_2012,
                FH_REPORT_3_2012,
                FH_FINAL_2012,
                AMNESTY_KOZLOV,
                AMNESTY_UA_0926,
                WGAD_BILASH,
                DIPLOMAT_WGAD,
                HRW_2021,
            ),
        ],
    }


# Paragraphs of the letter; readers copy the text with the case's details filled in.
LETTER_TEMPLATE = "\n\n".join(
    [
        "Dear Prosecutor General,",
        "I am writing about {name}, the founder of the volunteer group Atajurt, which "
        "recorded the testimony of relatives of ethnic Kazakhs detained in Xinjiang, China.",
        "In March 2019 he was detained and charged with inciting discord under Article "
        "174(2) of the Criminal Code for this peaceful work. He was released in August 2019 "
        "after accepting a plea agreement.\n"
        "Where he was held: {place_of_detention}.\n"
        "The outcome: {sentence}.",
        "In 2020 the UN Working Group on Arbitrary Detention found his detention arbitrary "
        "and concluded that he had been targeted for exercising his rights to freedom of "
        "expression and association.",
        "I respectfully ask you to:\n"
        "- review the conviction of {name} in the light of the Working Group's opinion, and "
        "ask the court to set it aside;\n"
        "- make sure that nobody is prosecuted under Article 174 for words that call for no "
        "violence.",
        "Thank you for your attention.",
        "Yours sincerely,\n[your name]\n[your town and country]",
    ]
)


def letter(cases, campaign):
    bilash = cases["serikzhan-bilash"]
    return {
        "title": "Write to the Prosecutor General about Serikzhan Bilash",
        "slug": "write-to-the-prosecutor-general",
        "kind": ActionKind.LETTER,
        "target": "The Prosecutor General of the Republic of Kazakhstan",
        "ask": (
            "Ask the Prosecutor General to act on the UN finding that Serikzhan Bilash was "
            "detained arbitrarily: review his conviction for “inciting discord”, and stop "
            "using that article against peaceful speech."
        ),
        "goal": 500,
        "deadline": None,
        "related_campaign": campaign,
        "related_cases": [bilash],
        "letter_case": bilash,
        "letter_template": LETTER_TEMPLATE,
        "letter_guidance": (
            "<ul><li>Be brief and polite. Officials file abusive letters unread.</li>"
            "<li>Stick to the facts above: do not add rumours, guesses about the case or "
            "accusations against named people.</li>"
            "<li>Do not mention Serikzhan Bilash's family, friends or anyone who still "
            "lives in Kazakhstan or China.</li>"
            "<li>Do not write anything about other countries' politics: the letter is "
            "about one person and one article of the law.</li>"
            "<li>If you live in Kazakhstan or travel there, think about your own safety "
            "before signing with your full name and address.</li></ul>"
        ),
        "addresses": [
            {
                "type": "address",
                "value": {
                    "recipient": "The Prosecutor General of the Republic of Kazakhstan",
                    # No source we can cite gives the street, postcode or an appeals
                    # email: those fields stay empty rather than invented.
                    "postal_address": "Prosecutor General's Office",
                    "postcode": "",
                    "city": "Astana",
                    "country": "Kazakhstan",
                    "email": "",
                    "note": "Check the office's official website for the current address "
                    "before sending. Write in Kazakh, Russian or English.",
                },
            },
            {
                "type": "address",
                "value": {
                    "recipient": "The Commissioner for Human Rights (Ombudsman) of the "
                    "Republic of Kazakhstan",
                    "postal_address": "Office of the Commissioner for Human Rights",
                    "postcode": "",
                    "city": "Astana",
                    "country": "Kazakhstan",
                    "email": "",
                    "note": "Check the office's official website for the current address "
                    "before sending. A copy here shows the letter was sent.",
                },
            },
            {
                "type": "address",
                "value": {
                    "recipient": "The UN Working Group on Arbitrary Detention",
                    "postal_address": "Office of the High Commissioner for Human Rights\n"
                    "United Nations Office at Geneva\n8-14 Avenue de la Paix",
                    "postcode": "1211",
                    "city": "Geneva 10",
                    "country": "Switzerland",
                    "email": "hrc-wg-ad@un.org",
                    "note": "The address the UN human rights office gives for the Working "
                    "Group (see the sources). A copy tells the Working Group that its "
                    "opinion on the case is still being followed.",
                },
            },
        ],
        "thank_you_text": (
            "Letters are counted on this page. Officials rarely answer, but a steady flow of "
            "letters shows that people are watching the case."
        ),
        "listing_summary": "A letter to Kazakhstan's Prosecutor General about the Atajurt "
        "founder's conviction.",
        "search_description": (
            "Write to the Prosecutor General of Kazakhstan about Serikzhan Bilash, whose "
            "detention the UN Working Group on Arbitrary Detention found arbitrary."
        ),
        "body": [
            heading("Why a letter", "why-a-letter"),
            paragraph(
                "<p>The Prosecutor General's Office can ask a court to review a verdict that "
                "has come into force. Letters from abroad and from Kazakhstan tell it that "
                "the finding of the UN Working Group on Arbitrary Detention has not been "
                "forgotten.</p>"
            ),
            sources(AMNESTY_UA_0926, WGAD_BILASH, DIPLOMAT_WGAD, WGAD_CONTACT),
        ],
    }


# Invented supporters: (name, country, whether they chose to show their first name).
SIGNERS = [
    ("Aliya Example", "KZ", False),
    ("Anna Example", "DE", True),
    ("Arman Example", "KZ", False),
    ("Ben Example", "GB", True),
    ("Camille Example", "FR", False),
    ("Dana Example", "KG", True),
    ("David Example", "US", False),
    ("Elif Example", "TR", False),
    ("Emma Example", "NL", True),
    ("Erlan Example", "KZ", False),
    ("Hana Example", "CZ", False),
    ("Ingrid Example", "SE", True),
    ("Jakub Example", "PL", False),
    ("Julia Example", "AT", False),
    ("Kamila Example", "UZ", False),
    ("Lars Example", "NO", False),
    ("Lucía Example", "ES", True),
    ("Marco Example", "IT", False),
    ("Meruyert Example", "KZ", False),
    ("Nina Example", "FI", False),
    ("Olga Example", "LT", False),
    ("Pierre Example", "BE", False),
    ("Rosa Example", "PT", False),
    ("Sam Example", "IE", True),
    ("Sofia Example", "GR", False),
    ("Tom Example", "CA", False),
    ("Yerbol Example", "KZ", False),
    ("Zhanna Example", "", False),
]
UNCONFIRMED = 3  # the last few signed but never clicked their link: they do not count
DEMO_LETTERS = 37


def add_signatures(action):
    """Confirmed signatures from invented signers, and the tally recounted from them."""
    now = timezone.now()
    rows = []
    for n, (name, country, show_name) in enumerate(SIGNERS):
        signed = now - datetime.timedelta(days=len(SIGNERS) - n, hours=3)
        confirmed = n < len(SIGNERS) - UNCONFIRMED
        rows.append(
            Signature(
                action=action,
                email=f"{name.split()[0].lower()}.{n}@example.org",
                name=name,
                country=country,
                show_name=show_name,
                created_at=signed,
                confirmation_sent_at=signed,
                confirmed_at=signed + datetime.timedelta(minutes=20) if confirmed else None,
            )
        )
    Signature.objects.bulk_create(rows, ignore_conflicts=True)
    # The tally is what pages show: recount it from the confirmed rows, here, in one place.
    confirmed = Signature.objects.filter(action=action, confirmed_at__isnull=False).count()
    ActionTally.objects.update_or_create(action=action, defaults={"signatures": confirmed})
    return confirmed


def build_actions(home, cases, campaign, log):
    """Create /act/ with the petition and the letter where missing.

    Returns ({slug: action page}, number of pages created).
    """
    act, created = ensure_page(home, ActionIndexPage, dict(ACT), log)
    actions = {}
    for make in (petition, letter):
        page, new = ensure_page(act, ActionPage, make(cases, campaign), log)
        actions[page.slug] = page
        created += new
        if not new:
            continue
        if page.is_petition:
            log(f"  signed  {add_signatures(page)} demo signature(s) on {page.url_path}")
        else:
            ActionTally.add(page.pk, "letters", DEMO_LETTERS)
            log(f"  counted {DEMO_LETTERS} demo letter(s) on {page.url_path}")
    return act, actions, created
