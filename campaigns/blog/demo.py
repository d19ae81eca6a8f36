"""The blog the project grew from: the seed article, rewritten with corrected facts."""

import datetime

from django.utils import timezone

from campaigns.cases.demo import (
    ABLYAZOV_2002 as RFERL_2002_SENTENCE,
)
from campaigns.cases.demo import (
    ABLYAZOV_2003,
    AMNESTY_KOZLOV,
    AMNESTY_UA_0926,
    HRW_2021,
    REUTERS_2012,
    WGAD_BILASH,
)
from home.demo.blocks import heading, paragraph
from home.demo.site import ensure_page

from .comments import BlogComment, CommentStatus
from .models import Author, BlogIndexPage, BlogPostPage

BLOG = {
    "title": "Blog",
    "slug": "blog",
    "intro": "Analysis, news from the courts and letters from supporters.",
    "listing_summary": "Analysis and news about political prisoners in Kazakhstan.",
    "search_description": "Analysis and news about political prisoners in Kazakhstan.",
}

AUTHORS = {
    "Campaign team": "The volunteers who research and keep the case files on this site.",
    "Research desk": "Reads court records, monitoring reports and the press so you don't have to.",
}


def case_cards(cases, heading_text=""):
    return {
        "type": "case_cards",
        "value": {
            "heading": heading_text,
            "cases": [case.pk for case in cases],
            "status": None,
            "country": None,
            "limit": 6,
        },
    }


def seed_article(cases, campaign=None):
    """The seed post, in our own words, with the facts it got wrong put right."""
    ablyazov, kozlov, bilash = (
        cases[slug] for slug in ("mukhtar-ablyazov", "vladimir-kozlov", "serikzhan-bilash")
    )
    return {
        "title": "Kazakhstan: political prisoners and human rights",
        "slug": "kazakhstan-political-prisoners-and-human-rights",
        "date": datetime.date(2026, 11, 2),
        "intro": (
            "Kazakhstan presents itself as a modernising state, yet people keep going to "
            "court for what they say, write or organise. Who is held, why it happens, what it "
            "costs and what would change it."
        ),
        "listing_summary": "Who is held in Kazakhstan for speaking out, why, and what would "
        "change it.",
        "tags": ["kazakhstan", "courts", "inciting discord"],
        "related": [ablyazov, kozlov, bilash],
        "related_campaign": campaign,
        "body": [
            heading("Introduction", "introduction"),
            paragraph(
                "<p>Kazakhstan is the largest country in Central Asia and one of its richest. "
                "Its human rights record is watched closely by monitors, and the treatment of "
                "people prosecuted for political reasons is the sharpest part of that record. "
                "This article looks at how such cases arise, three cases that show the "
                "pattern, why it persists, and what could end it.</p>"
            ),
            heading("Political prisoners in Kazakhstan", "political-prisoners"),
            paragraph(
                "<p>Monitors point to a small set of broadly worded criminal articles, "
                "above all “inciting social, national or religious discord”, used against "
                "activists, journalists and opposition figures. Trials are often closed to "
                "observers, and defendants and their lawyers report pressure in custody. "
                "Estimates of how many people are held for political reasons vary with how "
                'each organisation counts; our <a href="/cases/">case list</a> documents '
                "each person we count, with sources.</p>"
            ),
            heading("Notable cases", "notable-cases"),
            paragraph(
                "<p><b>Mukhtar Ablyazov</b>, a co-founder of the opposition Democratic Choice "
                "of Kazakhstan, was jailed in 2002 and pardoned in May 2003 after about "
                "fourteen months. He has lived abroad since 2009 and was convicted in absentia "
                "in 2017 and 2018; he calls the cases political. He is in exile, not in "
                "prison, whatever some accounts say.</p>"
                "<p><b>Vladimir Kozlov</b>, leader of the unregistered party Alga!, was "
                "arrested in January 2012 after the violence in Zhanaozen and sentenced in "
                "October 2012 to seven and a half years under the 1997 Criminal Code, "
                "including its “inciting social discord” article. Amnesty International named "
                "him a prisoner of conscience. He was released on parole in August 2016.</p>"
                "<p><b>Serikzhan Bilash</b>, an activist who founded the volunteer group "
                "Atajurt to document Kazakhs detained in Xinjiang, was detained in March 2019 "
                "and charged with inciting discord under the 2014 code. He was never sent to "
                "prison: a plea deal in August 2019 freed him with a fine and a seven-year ban "
                "on public activity. He left the country in 2020.</p>"
            ),
            case_cards([ablyazov, kozlov, bilash]),
            heading("Why it happens", "causes"),
            paragraph(
                "<ul><li><b>Laws that can mean anything.</b> Articles on “discord” or "
                "“false information” are wide enough to cover criticism itself.</li>"
                "<li><b>Courts that rarely say no.</b> Acquittals in political cases are "
                "almost unknown, and judges are appointed by the president.</li>"
                "<li><b>Little room for opposition.</b> Parties that criticise the "
                "government have struggled to register, leaving protest and online speech "
                "as the remaining outlets.</li></ul>"
            ),
            heading("What it costs", "consequences"),
            paragraph(
                "<p>Each case takes years from a person and a family. Beyond them, it "
                "teaches everyone else what not to say, weakens trust in the courts, and "
                "costs Kazakhstan the confidence of partners who care about the rule of "
                "law.</p>"
            ),
            heading("What would change it", "solutions"),
            paragraph(
                "<ul><li><b>Rewrite the vague articles</b> so that speech is only a crime "
                "when it incites violence.</li>"
                "<li><b>Open trials to observers</b> and protect defence lawyers.</li>"
                "<li><b>Review the cases</b> that international bodies, such as the UN "
                "Working Group on Arbitrary Detention, have found arbitrary.</li>"
                "<li><b>Keep international attention on individual people</b>: letters, "
                "statements and trial monitoring all make a difference.</li></ul>"
            ),
            heading("Conclusion", "conclusion"),
            paragraph(
                "<p>Political imprisonment in Kazakhstan is not a thing of the past. It rests "
                "on a few articles of the Criminal Code and on courts that do not push back. "
                "Both can change. Until they do, the least we can do is keep each case "
                "accurate, sourced and visible.</p>"
            ),
            {
                "type": "sources",
                "value": {
                    "heading": "Sources",
                    "sources": [
                        item["value"]
                        for item in (
                            RFERL_2002_SENTENCE,
                            ABLYAZOV_2003,
                            REUTERS_2012,
                            AMNESTY_KOZLOV,
                            AMNESTY_UA_0926,
                            WGAD_BILASH,
                            HRW_2021,
                        )
                    ],
                },
            },
        ],
    }


MORE_POSTS = [
    {
        "title": "Why a charge records the code edition",
        "slug": "why-a-charge-records-the-code-edition",
        "date": datetime.date(2026, 10, 12),
        "intro": "Kazakhstan renumbered its Criminal Code in 2014: the same offence can carry "
        "two article numbers. Here is how we record it.",
        "tags": ["courts", "methodology"],
        "body": [
            heading("Two numbers for one offence", "two-numbers"),
            paragraph(
                "<p>“Inciting social discord” was Article 164 of the 1997 Criminal Code "
                "and is Article 174 of the code in force since 1 January 2015. A case "
                "file that says only “Article 164” is ambiguous unless the date tells "
                "you which code applied, so every charge on this site names both the "
                "article and the edition of the code.</p>"
            ),
        ],
    },
    {
        "title": "Writing to a prisoner: what helps and what harms",
        "slug": "writing-to-a-prisoner",
        "date": datetime.date(2026, 9, 20),
        "intro": "Letters matter to people in detention. A few rules keep them arriving.",
        "tags": ["letters"],
        "body": [
            heading("Keep it personal", "personal"),
            paragraph(
                "<p>Write about everyday life, books, the weather, your own town. Avoid "
                "politics and the case itself: censors read every letter.</p>"
            ),
            heading("Check the address", "address"),
            paragraph(
                "<p>Each case page says whether letters are known to reach the "
                "person. If it does not, write to the family or to us instead.</p>"
            ),
        ],
    },
]

# (key, author, text, key of the comment it answers or None). A reply names the comment it
# answers by its key, never by its place in the list, so reordering cannot misplace it.
COMMENTS = [
    (
        "thanks-for-correcting",
        "Aizhan",
        "Thank you for correcting the record on Ablyazov: the old version of this "
        "story was shared everywhere.",
        None,
    ),
    (
        "monitoring-reports",
        "Mark",
        "Is there a list of trial monitoring reports for the Zhanaozen cases?",
        None,
    ),
    (
        "monitoring-reports-answer",
        "Campaign team",
        "Freedom House published one in December 2012; it is cited on Vladimir Kozlov's page.",
        "monitoring-reports",
    ),
]


def add_comments(article):
    """The demo's approved comments, each reply under the comment it answers."""
    posted = {}
    for n, (key, name, text, reply_to) in enumerate(COMMENTS):
        posted[key] = BlogComment.objects.create(
            post=article,
            author_name=name,
            body=text,
            status=CommentStatus.APPROVED,
            parent=posted[reply_to] if reply_to else None,
            created_at=timezone.now() - datetime.timedelta(days=20 - n),
        )
    return posted


def ensure_post(blog, spec, authors, log):
    fields = {key: value for key, value in spec.items() if key not in ("tags", "related")}
    post, new = ensure_page(blog, BlogPostPage, fields, log)
    if new:
        post.authors.set(authors)
        post.tags.set(spec["tags"])
        post.related_cases.set(spec.get("related", []))
        post.save_revision().publish()
    return post, new


def build_blog(home, cases, campaign, log):
    blog, created = ensure_page(home, BlogIndexPage, dict(BLOG), log)
    authors = [
        Author.objects.get_or_create(name=name, defaults={"bio": bio})[0]
        for name, bio in AUTHORS.items()
    ]
    article, new = ensure_post(blog, seed_article(cases, campaign), authors[:1], log)
    created += new
    if new:
        add_comments(article)
    for spec in MORE_POSTS:
        created += ensure_post(blog, spec, authors[1:], log)[1]
    return blog, created
