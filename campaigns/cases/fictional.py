"""Invented cases, so the list's filters, pagination and chart have something to show.

A dozen: enough for every status, a few countries, a second page of the list and a
chart, few enough that the three real cases stay in view. Every one is marked as
fiction: `is_fictional` is set (a "Fictional case" label on its page and card, a
column in the exports, and the list shows it after the real cases), the slug starts
with "demo-", the name ends with " (fictional)" and the summary starts with
"Fictional demo case.". They carry no sources, because nothing in them happened.
Names are combinations of common given names and surnames, not meant to be any real
person. The benchmark (bench/cases.py) makes its own 1,000 with `fictional_case`.

The same random seed always gives the same cases, so the demo is reproducible.
"""

import datetime
import random

from django.utils.text import slugify

from home.demo.blocks import paragraph

from .choices import CRIMINAL_CODE_OF, CaseRole, CaseStatus, CodeEdition, Country
from .demo import charge, update

SEED = 2026
# Nothing in the demo happens after the day its facts were last checked.
LATEST_DATE = datetime.date(2026, 11, 20)
FICTIONAL = " (fictional)"

# How many of the demo's invented cases end in each status (12 in all, every status).
STATUS_WEIGHTS = {
    CaseStatus.IMPRISONED: 3,
    CaseStatus.PRE_TRIAL_DETENTION: 2,
    CaseStatus.HOUSE_ARREST: 1,
    CaseStatus.RESTRICTED_FREEDOM: 1,
    CaseStatus.RELEASED: 2,
    CaseStatus.IN_EXILE: 1,
    CaseStatus.CONVICTED_IN_ABSENTIA: 1,
    CaseStatus.DECEASED: 1,
}
COUNTRY_WEIGHTS = {
    Country.KAZAKHSTAN: 8,
    Country.KYRGYZSTAN: 2,
    Country.UZBEKISTAN: 1,
    Country.RUSSIA: 1,
}

# The years of arrest that make each final status plausible (later years for
# people still awaiting trial, earlier ones for those already free or abroad).
ARREST_YEARS = {
    CaseStatus.PRE_TRIAL_DETENTION: (2025, 2025),
    CaseStatus.HOUSE_ARREST: (2024, 2025),
    CaseStatus.IMPRISONED: (2016, 2024),
    CaseStatus.RESTRICTED_FREEDOM: (2017, 2024),
    CaseStatus.RELEASED: (2012, 2022),
    CaseStatus.IN_EXILE: (2013, 2023),
    CaseStatus.CONVICTED_IN_ABSENTIA: (2012, 2021),
    CaseStatus.DECEASED: (2013, 2022),
}

PEOPLE = {
    # country: (men's given names, women's given names, surnames in the men's form)
    Country.KAZAKHSTAN: (
        [
            "Arman",
            "Askar",
            "Azamat",
            "Bauyrzhan",
            "Daniyar",
            "Kairat",
            "Marat",
            "Nurlan",
            "Serik",
            "Timur",
            "Yerbol",
            "Yerlan",
        ],
        [
            "Aigerim",
            "Aliya",
            "Aruzhan",
            "Asel",
            "Dana",
            "Dinara",
            "Gulnara",
            "Kamila",
            "Laura",
            "Madina",
            "Saule",
            "Zhanna",
        ],
        [
            "Abenov",
            "Baimukhanov",
            "Bekov",
            "Dauletov",
            "Iskakov",
            "Kassymov",
            "Kenzhebayev",
            "Mukanov",
            "Nurov",
            "Omarov",
            "Sarsenov",
            "Tulegenov",
            "Utegenov",
            "Yesenov",
            "Zhakupov",
            "Zhumabayev",
        ],
    ),
    Country.KYRGYZSTAN: (
        ["Aibek", "Bakyt", "Nurbek", "Ulan"],
        ["Aizada", "Cholpon", "Gulzat", "Nurzat"],
        ["Abdykadyrov", "Asanov", "Kadyrbekov", "Mamytov", "Sydykov", "Toktorov"],
    ),
    Country.UZBEKISTAN: (
        ["Dilshod", "Jasur", "Rustam", "Sardor"],
        ["Dilnoza", "Malika", "Nodira", "Shahnoza"],
        ["Khodjayev", "Normatov", "Rakhimov", "Tursunov", "Yusupov"],
    ),
    Country.RUSSIA: (
        ["Alexei", "Dmitry", "Pavel", "Sergei"],
        ["Irina", "Olga", "Svetlana", "Yelena"],
        ["Gusev", "Lebedev", "Morozov", "Sokolov", "Voronin"],
    ),
}

REGIONS = {
    Country.KAZAKHSTAN: [
        "Almaty",
        "Astana",
        "Shymkent",
        "Aktau",
        "Zhanaozen",
        "Atyrau",
        "Oral",
        "Karaganda",
        "Pavlodar",
        "Taraz",
        "Semey",
        "Aktobe",
        "Kyzylorda",
        "Ust-Kamenogorsk",
    ],
    Country.KYRGYZSTAN: ["Bishkek", "Osh", "Jalal-Abad"],
    Country.UZBEKISTAN: ["Tashkent", "Nukus", "Andijan"],
    Country.RUSSIA: ["Moscow", "Omsk", "Kazan"],
}

# Plausible charges by country (and, for Kazakhstan, by the code in force).
CHARGES = {
    CodeEdition.CRIMINAL_CODE_1997: [
        ("164(1)", "inciting social, national or religious discord"),
        ("164(3)", "inciting social discord with grave consequences"),
        ("170(2)", "public calls to overthrow the constitutional order"),
    ],
    CodeEdition.CRIMINAL_CODE_2014: [
        ("174(1)", "inciting social, national or religious discord"),
        ("174(2)", "inciting discord as part of a group"),
        ("274(2)", "dissemination of knowingly false information"),
        ("405(2)", "participation in the activities of a banned organisation"),
        ("179(2)", "public calls to seize power"),
    ],
    Country.KYRGYZSTAN: [
        ("330", "inciting racial, ethnic or religious hatred"),
        ("278(3)", "calls to mass riots"),
    ],
    Country.UZBEKISTAN: [
        ("159(4)", "calls to overthrow the constitutional order"),
        ("244-1(3)", "distributing material that threatens public order"),
    ],
    Country.RUSSIA: [
        ("207.3(2)", "disseminating knowingly false information about the armed forces"),
        ("282.2(2)", "participation in an extremist organisation"),
    ],
}
ASSEMBLY_OFFENCE = ("488", "breaking the rules on peaceful assemblies (administrative)")

ROLE_WORDS = {
    CaseRole.JOURNALIST: "a journalist",
    CaseRole.BLOGGER: "a blogger",
    CaseRole.ACTIVIST: "a civic activist",
    CaseRole.HUMAN_RIGHTS_DEFENDER: "a human rights defender",
    CaseRole.OPPOSITION_POLITICIAN: "an opposition politician",
    CaseRole.TRADE_UNIONIST: "a trade unionist",
    CaseRole.RELIGIOUS_BELIEVER: "a religious believer",
    CaseRole.LAWYER: "a lawyer",
    CaseRole.OTHER: "a local resident",
}


def spread(weights, rng):
    """A shuffled list holding each key `weight` times."""
    items = [key for key, weight in weights.items() for _ in range(weight)]
    rng.shuffle(items)
    return items


def invent_name(country, rng, taken):
    men, women, surnames = PEOPLE[country]
    for _attempt in range(200):
        surname = rng.choice(surnames)
        if rng.random() < 0.5:
            name = f"{rng.choice(men)} {surname}"
        else:
            name = f"{rng.choice(women)} {surname}a"
        if name not in taken:
            taken.add(name)
            return name
    return name  # every combination is taken: a repeat is harmless where slugs are numbered


def invent_charges(country, arrest_date, rng):
    if country == Country.KAZAKHSTAN:
        # The 2014 code applies to arrests from 2015, when it came into force.
        edition = (
            CodeEdition.CRIMINAL_CODE_2014
            if arrest_date.year >= 2015
            else CodeEdition.CRIMINAL_CODE_1997
        )
        pool = CHARGES[edition]
    else:
        edition = CRIMINAL_CODE_OF[country]
        pool = CHARGES[country]
    picked = rng.sample(pool, k=min(len(pool), rng.choice((1, 1, 2))))
    charges = [charge(article, edition, description) for article, description in picked]
    if edition == CodeEdition.CRIMINAL_CODE_2014 and len(charges) == 1 and rng.random() < 0.3:
        article, description = ASSEMBLY_OFFENCE
        charges.append(charge(article, CodeEdition.ADMINISTRATIVE_CODE_2014, description))
    return charges


def years(n):
    return f"{n} year" if n == 1 else f"{n} years"


def story(status, country, rng):
    """The invented course of a case, in days from the arrest.

    Returns (steps, fields): steps are (day, title, text, new_status) for the
    updates; fields hold the sentence, its length, the day of the sentence and of
    the release, and a phrase ("is held awaiting trial") saying where the person stands.
    """
    country_name = Country(country).label
    term = rng.randint(2, 9)  # years
    term_days = 365 * term
    verdict = rng.randint(120, 400)
    colony = f"{years(term)} in a penal colony"
    sentenced = (
        verdict,
        f"Sentenced to {years(term)}",
        f"The court sentenced them to {colony}.",
        CaseStatus.IMPRISONED,
    )
    appeal = (
        verdict + rng.randint(40, 100),
        "Appeal rejected",
        "The appeal court upheld the sentence.",
        "",
    )
    steps, fields = [], {}

    if status == CaseStatus.PRE_TRIAL_DETENTION:
        steps.append(
            (
                rng.randint(0, 3),
                "Detained",
                "Police detained them and a court ordered two months in pre-trial detention.",
                "",
            )
        )
        if rng.random() < 0.6:
            steps.append(
                (
                    rng.randint(55, 70),
                    "Pre-trial detention extended",
                    "The investigating court extended the detention by three months.",
                    "",
                )
            )
        fields["now"] = "is held awaiting trial"
    elif status == CaseStatus.HOUSE_ARREST:
        steps.append((rng.randint(0, 3), "Detained", "Police detained them at home.", ""))
        steps.append(
            (
                rng.randint(20, 90),
                "Moved to house arrest",
                "A court replaced pre-trial detention with house arrest.",
                CaseStatus.HOUSE_ARREST,
            )
        )
        if rng.random() < 0.5:
            steps.append(
                (rng.randint(150, 220), "Trial opens", "The trial opened behind closed doors.", "")
            )
        fields["now"] = "is under house arrest awaiting trial"
    elif status == CaseStatus.IMPRISONED:
        steps.append(sentenced)
        if rng.random() < 0.7:
            steps.append(appeal)
        if rng.random() < 0.5:
            steps.append(
                (
                    verdict + rng.randint(120, 300),
                    "Transferred to a penal colony",
                    "They were moved to a colony far from their family.",
                    "",
                )
            )
        fields.update(sentence=colony, sentence_day=verdict, term=term, now=f"is serving {colony}")
    elif status == CaseStatus.RESTRICTED_FREEDOM:
        if rng.random() < 0.5:
            steps.append(
                (
                    verdict,
                    f"Sentenced to {years(term)} of restricted freedom",
                    "The court sentenced them to restricted freedom and released them "
                    "from custody, with a ban on public activity.",
                    CaseStatus.RESTRICTED_FREEDOM,
                )
            )
            fields.update(release_day=verdict, sentence=f"{years(term)} of restricted freedom")
        else:
            commuted = verdict + rng.randint(150, max(151, term_days - verdict - 60))
            steps.append(sentenced)
            steps.append(
                (
                    commuted,
                    "Rest of the sentence replaced with restricted freedom",
                    "A court replaced the rest of the prison term with restricted "
                    "freedom, and they were released from the colony.",
                    CaseStatus.RESTRICTED_FREEDOM,
                )
            )
            fields.update(
                release_day=commuted,
                sentence=f"{years(term)} in prison, later replaced with restricted freedom",
            )
        fields.update(sentence_day=verdict, now="is out of custody, under court-imposed limits")
    elif status == CaseStatus.RELEASED:
        served = verdict + rng.randint(150, max(151, term_days - verdict))
        steps.append(sentenced)
        if rng.random() < 0.4:
            steps.append(appeal)
        steps.append(
            (
                served,
                rng.choice(["Released on parole", "Released after an amnesty"]),
                "They walked free and were met by their family.",
                CaseStatus.RELEASED,
            )
        )
        fields.update(
            sentence=colony,
            sentence_day=verdict,
            release_day=served,
            now="has been released",
        )
    elif status == CaseStatus.IN_EXILE:
        steps.append(
            (
                verdict,
                "Suspended sentence",
                f"The court gave them a suspended sentence of {years(term)} "
                "and released them from custody.",
                CaseStatus.RELEASED,
            )
        )
        steps.append(
            (
                verdict + rng.randint(60, 500),
                f"Left {country_name}",
                "Facing a new investigation, they left the country.",
                CaseStatus.IN_EXILE,
            )
        )
        fields.update(
            sentence=f"{years(term)}, suspended",
            sentence_day=verdict,
            release_day=verdict,
            now="now lives abroad",
        )
    elif status == CaseStatus.CONVICTED_IN_ABSENTIA:
        released = rng.randint(20, 120)
        left = released + rng.randint(30, 300)
        convicted = left + rng.randint(200, 900)
        steps.append(
            (
                released,
                "Released under a travel ban",
                "A court released them pending trial and banned them from travelling.",
                CaseStatus.RELEASED,
            )
        )
        steps.append(
            (
                left,
                f"Left {country_name}",
                "They left the country despite the travel ban.",
                CaseStatus.IN_EXILE,
            )
        )
        steps.append(
            (
                convicted,
                f"Sentenced in absentia to {years(term)}",
                "A court tried them in their absence.",
                CaseStatus.CONVICTED_IN_ABSENTIA,
            )
        )
        # No release date: the model (rightly) expects a release after the sentence.
        fields.update(
            sentence=f"{years(term)} in absentia",
            sentence_day=convicted,
            now=f"was sentenced in absentia to {years(term)}",
        )
    elif status == CaseStatus.DECEASED:
        steps.append(sentenced)
        steps.append(
            (
                verdict + rng.randint(200, max(201, term_days - verdict - 30)),
                "Died in custody",
                "The family was told of the death two days later. No independent "
                "investigation followed.",
                CaseStatus.DECEASED,
            )
        )
        fields.update(sentence=colony, sentence_day=verdict, now="died in custody")
    return steps, fields


def place_of_detention(status, region):
    if status == CaseStatus.PRE_TRIAL_DETENTION:
        return f"Pre-trial detention centre, {region}"
    if status == CaseStatus.HOUSE_ARREST:
        return f"House arrest, {region}"
    if status == CaseStatus.IMPRISONED:
        return f"Penal colony, {region} region"
    return ""


def fictional_case(rng, status, country, role, taken=None, slug=None):
    """The page fields, charges and updates of one invented case, as ensure_page expects."""
    name = invent_name(country, rng, taken if taken is not None else set())
    region = rng.choice(REGIONS[country])
    steps, fields = story(status, country, rng)

    low, high = ARREST_YEARS[status]
    arrest = datetime.date(rng.randint(low, high), 1, 1) + datetime.timedelta(
        days=rng.randrange(365)
    )
    last_day = max(day for day, *_rest in steps)
    # Move the whole story back if it would run past the demo's last date.
    arrest = min(arrest, LATEST_DATE - datetime.timedelta(days=last_day))

    def on(day):
        return arrest + datetime.timedelta(days=day)

    person = f"{name}{FICTIONAL}"
    sentence_day = fields.get("sentence_day")
    expected_release = None
    if status == CaseStatus.IMPRISONED:
        # Still inside: the term runs past the demo's last date.
        term = fields["term"]
        expected_release = arrest.replace(year=arrest.year + term, day=min(arrest.day, 28))
        if expected_release <= LATEST_DATE:
            expected_release = LATEST_DATE.replace(year=LATEST_DATE.year + rng.randint(1, 3))
    updates = [
        update(on(day), title, f"<p>Fictional demo update. {text}</p>", new_status)
        for day, title, text, new_status in steps
    ]
    charges = invent_charges(country, arrest, rng)
    return {
        "slug": slug or f"demo-{slugify(name)}",
        "title": person,
        "person_name": person,
        "is_fictional": True,
        "status": CaseStatus.PRE_TRIAL_DETENTION,
        "role": role,
        "country": country,
        "region": region,
        "arrest_date": arrest,
        "sentence_date": on(sentence_day) if sentence_day is not None else None,
        "release_date": on(fields["release_day"]) if "release_day" in fields else None,
        "expected_release_date": expected_release,
        "sentence": fields.get("sentence", ""),
        "place_of_detention": place_of_detention(status, region),
        "summary": (
            f"Fictional demo case. {name}, {ROLE_WORDS[role]} from {region}, was charged with "
            f"{charges[0].description} and {fields['now']}. No real person is described."
        ),
        "body": [
            paragraph(
                "<p>This case is invented for the demo site. The person, the events and the "
                "dates are fictional; any resemblance to a real person is accidental.</p>"
            )
        ],
        "charges": charges,
        "updates": updates,
    }


def fictional_cases(rng=None, taken=None):
    """The demo's 12 invented cases: every status, a few countries and roles."""
    rng = rng or random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    taken = taken if taken is not None else set()
    statuses = spread(STATUS_WEIGHTS, rng)
    countries = spread(COUNTRY_WEIGHTS, rng)
    roles = list(CaseRole)
    rng.shuffle(roles)
    return [
        fictional_case(rng, status, country, roles[n % len(roles)], taken)
        for n, (status, country) in enumerate(zip(statuses, countries, strict=True))
    ]
