"""The case index and the three documented cases of the demo, with their sources.

Facts follow /work/shared/seed/FACTS.md (the seed blog post gets several wrong).
Where a source gives only a month, the date is left out of the date fields and
said in words. Court findings are reported as findings, not endorsed; sources
on Mukhtar Ablyazov are partisan on every side.
"""

from home.demo.blocks import callout, d, heading, paragraph, quote, source

from .choices import CaseRole, CaseStatus, CodeEdition, Country, RestrictionKind
from .models import CaseCharge, CaseRestriction, CaseUpdate
from .recognitions import Designation, Organisation, Recognition


def update(date, title, body, new_status="", sources=()):
    return CaseUpdate(
        date=date, title=title, body=body, new_status=new_status, sources=list(sources)
    )


def charge(article, code_edition, description):
    return CaseCharge(article=article, code_edition=code_edition, description=description)


def restriction(kind, starts, ends, note, cited, source_title):
    """A restriction whose source is one already `cited` (a `source(...)` of this module)."""
    return CaseRestriction(
        kind=kind,
        starts=starts,
        ends=ends,
        note=note,
        source_url=cited["value"]["url"],
        source_title=source_title,
    )


def recognition(organisation, designation, note, source_url, source_title, date=None):
    """A recognition by the organisation with that slug (see ORGANISATIONS), sourced."""
    return Recognition(
        organisation=Organisation.objects.get(slug=organisation),
        designation=designation,
        date=date,
        note=note,
        source_url=source_url,
        source_title=source_title,
    )


# The bodies whose recognitions the site lists, with their names in each language. Only
# recognitions a source reports are in the demo: Amnesty International and the UN Working
# Group on Arbitrary Detention (FACTS.md); the others are there to choose from.
ORGANISATIONS = [
    {
        "slug": "amnesty-international",
        "name": "Amnesty International",
        "name_ru": "Amnesty International",
        "name_kk": "Amnesty International",
        "website": "https://www.amnesty.org/",
    },
    {
        "slug": "human-rights-watch",
        "name": "Human Rights Watch",
        "name_ru": "Human Rights Watch",
        "name_kk": "Human Rights Watch",
        "website": "https://www.hrw.org/",
    },
    {
        "slug": "memorial",
        "name": "Memorial",
        "name_ru": "Мемориал",
        "name_kk": "Мемориал",
        "website": "",
    },
    {
        "slug": "un-wgad",
        "name": "UN Working Group on Arbitrary Detention",
        "name_ru": "Рабочая группа ООН по произвольным задержаниям",
        "name_kk": "БҰҰ-ның Негізсіз ұстау жөніндегі жұмыс тобы",
        "website": "https://www.ohchr.org/en/special-procedures/wg-arbitrary-detention",
    },
    {
        "slug": "kibhr",
        "name": "Kazakhstan International Bureau for Human Rights and the Rule of Law",
        "name_ru": "Казахстанское международное бюро по правам человека и соблюдению законности",
        "name_kk": "Адам құқықтары және заңдылықты сақтау жөніндегі Қазақстан халықаралық бюросы",
        "website": "",
    },
]


def ensure_organisations(log):
    """Create the recognising organisations that are missing (kept as they are if not)."""
    for spec in ORGANISATIONS:
        spec = dict(spec)
        _organisation, created = Organisation.objects.get_or_create(
            slug=spec.pop("slug"), defaults=spec
        )
        if created:
            log(f"  created organisation {spec['name']}")


LAST_VERIFIED = d(2026, 11, 20)

INDEX = {
    "title": "Cases",
    "slug": "cases",
    "intro": (
        "The people we follow: detained, tried or driven abroad for their journalism, "
        "activism, faith or political opposition. Each case shows where the person is now, "
        "the charges against them, what the courts decided and what changed since, with "
        "a source for every fact."
    ),
    "listing_summary": "Every case we follow: current status, charges, dated updates, sources.",
    "search_description": (
        "Cases of political prisoners in Kazakhstan and Central Asia: current status, "
        "charges and code articles, court decisions and sourced updates."
    ),
    "body": [
        heading("How we choose cases", "methodology"),
        paragraph(
            "<p>We add a person when international bodies, human rights organisations or "
            "independent media report that they were detained, prosecuted or pushed into exile "
            "for peaceful expression, association, belief or political opposition. Listing a "
            "case does not mean we endorse everything the person has said or done.</p>"
        ),
        heading("What the statuses mean", "statuses"),
        paragraph(
            "<ul>"
            "<li><b>Pre-trial detention</b>: held in custody before a verdict.</li>"
            "<li><b>Imprisoned</b>: serving a prison or colony sentence.</li>"
            "<li><b>House arrest</b>: confined to a home by a court order.</li>"
            "<li><b>Restricted freedom</b>: out of custody but under court-imposed limits, "
            "such as a ban on public activity, a curfew or a travel ban.</li>"
            "<li><b>Released</b>: no longer held, possibly still on parole.</li>"
            "<li><b>In exile</b>: living abroad to escape prosecution.</li>"
            "<li><b>Convicted in absentia</b>: sentenced by a court while abroad.</li>"
            "<li><b>Deceased</b>: died, in custody or after release.</li>"
            "</ul>"
        ),
        heading("Charges and dates", "charges-and-dates"),
        paragraph(
            "<p>Kazakhstan adopted a new Criminal Code in 2014, in force since 1 January 2015, "
            "and the same offence changed its number: inciting discord is Article 164 of the "
            "1997 code and Article 174 of the 2014 code. We therefore record every charge with "
            "the code it belongs to. Dates are written out (8 October 2012, never 08.10.12), "
            "and a date we cannot confirm to the day is given in words only.</p>"
        ),
        callout(
            "About this demo",
            "<p>Three cases here are real and sourced: Mukhtar Ablyazov, Vladimir Kozlov and "
            "Serikzhan Bilash. Every case labelled “Fictional case” is invented to show how "
            "the list, the filters and the chart work, and describes no real person; the "
            "list shows them after the real cases.</p>",
        ),
    ],
}


# --- sources, named once and cited by the cases and their updates -------------

RFERL = "Radio Free Europe/Radio Liberty"

ABLYAZOV_2002 = source(
    "Kazakhstan: Opposition Leader Sentenced To Six Years In Prison",
    RFERL,
    d(2002, 7, 18),
    "https://www.rferl.org/a/1100295.html",
)
ABLYAZOV_2003 = source(
    "Central Asia Report: May 16, 2003 (presidential pardon for Kazakh opposition leader)",
    RFERL,
    d(2003, 5, 16),
    "https://www.rferl.org/a/1342211.html",
)
HRW_2004 = source(
    "Political Freedoms in Kazakhstan",
    "Human Rights Watch",
    d(2004, 4, 5),
    "https://www.hrw.org/report/2004/04/05/political-freedoms-kazakhstan",
)
GUARDIAN_2011 = source(
    "Mukhtar Ablyazov, exiled Kazakh businessman, granted asylum in UK",
    "The Guardian",
    d(2011, 7, 12),
    "https://www.theguardian.com/world/2011/jul/12/kazakhstan-financial-sector",
)
RFERL_ASYLUM_2011 = source(
    "Exiled Kazakh Businessman Granted Political Asylum By Britain",
    RFERL,
    d(2011, 7, 14),
    "https://www.rferl.org/a/kazakhstan_bta_bank_chairman_asylum_britain/24264746.html",
)
RFERL_EXTRADITION_2016 = source(
    "French Court Cancels Extradition Of Kazakh Dissident Tycoon To Russia (via Refworld)",
    RFERL,
    d(2016, 12, 9),
    "https://www.refworld.org/docid/5975a32612.html",
)
CONSEIL_ETAT_2016 = source(
    "Decision annulling the decree for Mukhtar Ablyazov's extradition to Russia",
    "Conseil d'État (France), court ruling",
    d(2016, 12, 9),
)
RFERL_2017 = source(
    "Fugitive Kazakh Banker Ablyazov Sentenced To 20 Years In Absentia, Decries 'Farce'",
    RFERL,
    d(2017, 6, 7),
    "https://www.rferl.org/a/kazakhstan-ablyazov-20-years-banker-embezzlement/28533214.html",
)
ALMATY_VERDICT_2017 = source(
    "Verdict in absentia in the BTA Bank case",
    "Specialised inter-district criminal court of Almaty, court ruling",
    d(2017, 6, 7),
)
EURASIANET_DCK_2018 = source(
    "Kazakhstan: Court Dubs Opposition Movement Extremist",
    "Eurasianet",
    None,
    "https://www.eurasianet.org/s/kazakhstan-court-dubs-opposition-movement-extremist",
)
RFERL_2018 = source(
    "Fugitive Kazakh Banker, Nazarbaev Foe Sentenced To Life In Prison",
    RFERL,
    d(2018, 11, 27),
    "https://www.rferl.org/a/fugitive-kazakh-banker-nazarbaev-foe-sentenced-to-life-in-prison/"
    "29623588.html",
)
TARAZ_VERDICT_2018 = source(
    "Verdict in absentia in the Tatishev murder case",
    "Court in Taraz, court ruling",
    d(2018, 11, 27),
)
HRW_2021 = source(
    "Kazakhstan: Crackdown on Government Critics",
    "Human Rights Watch",
    d(2021, 7, 7),
    "https://www.hrw.org/news/2021/07/07/kazakhstan-crackdown-government-critics",
)
CNDA_2020 = source(
    "Decision granting Mukhtar Ablyazov refugee status",
    "Cour nationale du droit d'asile (France), court ruling",
    d(2020, 9, 29),
)

REUTERS_2012 = source(
    "Kazakh opposition leader jailed after oil town unrest",
    "Reuters",
    d(2012, 10, 8),
    "http://uk.reuters.com/article/kazakhstan-trial-idUKL6E8L8IV620121008",
)
FH_TRIAL_OPENS_2012 = source(
    "Kazakhstan Must Respect Rights of Accused in Kozlov Trial",
    "Freedom House",
    d(2012, 8, 16),
    "https://freedomhouse.org/article/kazakhstan-must-respect-rights-accused-kozlov-trial",
)
FH_REPORT_3_2012 = source(
    "Third Monitoring Report Shows Grievous Violations of the Right to a Fair Trial "
    "in Kozlov Process",
    "Freedom House",
    d(2012, 10, 8),
    "https://freedomhouse.org/article/"
    "third-monitoring-report-shows-grievous-violations-right-fair-trial-kozlov-process",
)
FH_FINAL_URL = (
    "https://freedomhouse.org/article/"
    "kozlov-case-file-final-monitoring-report-trial-vladimir-kozlov-akzhanat-aminov-and-serik"
)
FH_FINAL_2012 = source(
    "Kozlov Case File: Final Monitoring Report on the Trial of Vladimir Kozlov, "
    "Akzhanat Aminov, and Serik Sapargali (December 2012)",
    "Freedom House",
    None,
    FH_FINAL_URL,
)
FH_APPEAL_2012 = source(
    "Kazakh Court Rejects Appeal for Activist Kozlov",
    "Freedom House",
    None,
    "https://freedomhouse.org/article/kazakh-court-rejects-appeal-activist-kozlov",
)
RFERL_APPEAL_2012 = source(
    "Kazakh Opposition Leader Loses Appeal",
    RFERL,
    d(2012, 11, 19),
    "https://www.rferl.org/a/kazakhstan-opposition-leader-loses-appeal/24774976.html",
)
RFERL_RELEASE_2016 = source(
    "Kazakh Opposition Figure Credits EU For Early Prison Release",
    RFERL,
    d(2016, 8, 22),
    "https://www.rferl.org/a/kazakhstan-kozlov-early-release-european-union/27937771.html",
)
AMNESTY_KOZLOV = source(
    "Statements naming Vladimir Kozlov a prisoner of conscience", "Amnesty International"
)

AMNESTY_UA_0894 = source(
    "Human rights defender facing bogus charges "
    "(Urgent Action 046/19 on Serikzhan Bilash, second update; EUR 57/0894/2019)",
    "Amnesty International",
    None,
    "https://www.amnesty.org/en/documents/eur57/0894/2019/en/",
)
AMNESTY_UA_0926 = source(
    "Human rights defender released with conditions "
    "(Urgent Action 046/19 on Serikzhan Bilash, third update; EUR 57/0926/2019)",
    "Amnesty International",
    None,
    "https://www.amnesty.org/en/documents/eur57/0926/2019/en/",
)
UA_0926_SHORT = "Amnesty International, Urgent Action 046/19 (EUR 57/0926/2019)"
WGAD_BILASH = source(
    "Opinion concerning Serikzhan Bilash (Kazakhstan), 2020",
    "UN Working Group on Arbitrary Detention",
)
DIPLOMAT_WGAD = source(
    "UN Working Group Finds Serikzhan Bilash's Detention by Kazakhstan Arbitrary",
    "The Diplomat",
    None,
    "https://thediplomat.com/2020/11/"
    "un-working-group-finds-serikzhan-bilashs-detention-by-kazakhstan-arbitrary/",
)
RFERL_BILASH_FLED = source(
    "Activist Defending Ethnic Kazakhs In China Explains Why He Had To Flee Kazakhstan",
    RFERL,
    None,
    "https://www.rferl.org/a/31051495.html",
)
BLAND_BILASH_2021 = source(
    "One Criminal Case Dropped, One Remains – An Exclusive Interview with Serikzhan Bilash",
    "Stephen M. Bland",
    None,
    "https://www.stephenmbland.com/criminal-case-bilash-dropped",
)


# --- the cases -------------------------------------------------------------------------


def ablyazov():
    return {
        "slug": "mukhtar-ablyazov",
        "title": "Mukhtar Ablyazov",
        "person_name": "Mukhtar Ablyazov",
        # His first arrest, in March 2002; the day is not confirmed, so no arrest date.
        "status": CaseStatus.PRE_TRIAL_DETENTION,
        "role": CaseRole.OPPOSITION_POLITICIAN,
        "country": Country.KAZAKHSTAN,
        "region": "Almaty",
        "sentence_date": d(2018, 11, 27),
        "sentence": (
            "Life imprisonment in absentia (Taraz, 27 November 2018); earlier 20 years in "
            "absentia (Almaty, 7 June 2017)"
        ),
        "summary": (
            "Co-founder of the opposition Democratic Choice of Kazakhstan, jailed in 2002 and "
            "pardoned in 2003. The former chairman of BTA Bank has lived in exile since 2009. "
            "Courts in Kazakhstan have since convicted him in absentia of embezzlement and "
            "related crimes (20 years, 2017) and of organising a murder (life, 2018); he denies "
            "the charges and calls them political."
        ),
        "listing_summary": (
            "Opposition leader in exile since 2009, twice convicted in absentia in Kazakhstan."
        ),
        "search_description": (
            "Mukhtar Ablyazov: co-founder of Democratic Choice of Kazakhstan, jailed 2002–2003, "
            "in exile since 2009, convicted in absentia in 2017 and 2018."
        ),
        "last_verified": LAST_VERIFIED,
        "body": [
            heading("Opposition and the first prison term", "first-prison-term"),
            paragraph(
                "<p>Mukhtar Ablyazov, a former minister of energy, industry and trade, co-founded "
                "the opposition movement Democratic Choice of Kazakhstan in November 2001. He "
                "was arrested in March 2002. On 18 July 2002 the Supreme Court found him guilty "
                "of abuse of office and illegal business activity and sentenced him to six "
                "years; he said the case was political. He was pardoned and released on "
                "13 May 2003 after about 14 months in custody, and then left politics for "
                "several years.</p>"
            ),
            heading("BTA Bank and exile", "exile"),
            paragraph(
                "<p>He later chaired BTA Bank and left Kazakhstan after the state took the bank "
                "over in February 2009. The bank and the Kazakh authorities accuse him of "
                "misappropriating billions of dollars; he denies it. Britain granted him "
                "refugee status in July 2011. In February 2012 a court in London sentenced "
                "him to 22 months for contempt of court in the bank's claims against him, and "
                "he left the United Kingdom.</p>"
            ),
            heading("Detention in France", "france"),
            paragraph(
                "<p>French police arrested him on 31 July 2013; Russia and Ukraine both "
                "requested his extradition. On 9 December 2016 France's highest administrative "
                "court, the Conseil d'État, annulled the decree for his extradition to Russia, "
                "finding the request politically motivated, and he was released the same day.</p>"
            ),
            heading("Convictions in absentia", "in-absentia"),
            paragraph(
                "<p>On 7 June 2017 a court in Almaty convicted him in absentia of organising and "
                "leading a criminal group, abuse of office, embezzlement and financial "
                "mismanagement, and sentenced him to 20 years. On 27 November 2018 a court in "
                "Taraz sentenced him in absentia to life imprisonment, finding that he had "
                "organised the 2004 killing of the bank's then head, Erzhan Tatishev. He "
                "rejects both verdicts as political. In March 2018 a court in Astana declared "
                "the revived Democratic Choice of Kazakhstan movement extremist, and its "
                "supporters have since been prosecuted for taking part in it.</p>"
            ),
            paragraph(
                "<p>France's national asylum court granted him refugee status on "
                "29 September 2020; that decision was overturned in December 2021.</p>"
            ),
            callout(
                "A note on sources",
                "<p>Sources on this case are partisan on every side. We cite independent "
                "reporting, human rights organisations and court decisions, and we report what "
                "each court found without endorsing it.</p>",
            ),
        ],
        "sources": [
            ABLYAZOV_2002,
            ABLYAZOV_2003,
            HRW_2004,
            GUARDIAN_2011,
            REUTERS_2012,
            RFERL_EXTRADITION_2016,
            RFERL_2017,
            EURASIANET_DCK_2018,
            RFERL_2018,
            HRW_2021,
            CONSEIL_ETAT_2016,
            ALMATY_VERDICT_2017,
            TARAZ_VERDICT_2018,
            CNDA_2020,
        ],
        "charges": [],  # the sources name the offences but not the articles
        "updates": [
            update(
                d(2002, 7, 18),
                "Sentenced to six years by the Supreme Court",
                "<p>Kazakhstan's Supreme Court found him guilty of abuse of office and illegal "
                "business activity, sentenced him to six years in prison and ordered him to pay "
                "about $3.6 million. He maintained his innocence. A Supreme Court verdict "
                "could not be appealed.</p>",
                CaseStatus.IMPRISONED,
                [ABLYAZOV_2002],
            ),
            update(
                d(2003, 5, 13),
                "Pardoned and released",
                "<p>President Nursultan Nazarbayev signed a decree pardoning him, and he was "
                "released after about 14 months in custody. Human Rights Watch noted that, "
                "having been pardoned, he could no longer contest the conviction.</p>",
                CaseStatus.RELEASED,
                [ABLYAZOV_2003, HRW_2004],
            ),
            update(
                d(2011, 7, 12),
                "Granted refugee status in the United Kingdom",
                "<p>He had left Kazakhstan in February 2009, after the state took over BTA Bank. "
                "Britain granted him refugee status while the bank was suing him in London "
                "over alleged fraud, which he denies.</p>",
                CaseStatus.IN_EXILE,
                [GUARDIAN_2011, RFERL_ASYLUM_2011],
            ),
            update(
                d(2013, 7, 31),
                "Arrested in France",
                "<p>French police arrested him in the south of France. Russia and Ukraine "
                "requested his extradition; France has no extradition treaty with Kazakhstan. "
                "He was held in custody while the French courts considered the requests.</p>",
                "",
                [RFERL_EXTRADITION_2016],
            ),
            update(
                d(2016, 12, 9),
                "Extradition decree annulled; released in France",
                "<p>The Conseil d'État annulled the decree for his extradition to Russia, "
                "finding that the request was made for political reasons. He was released "
                "from prison the same day.</p>",
                "",
                [RFERL_EXTRADITION_2016, CONSEIL_ETAT_2016],
            ),
            update(
                d(2017, 6, 7),
                "Sentenced in absentia to 20 years",
                "<p>A court in Almaty convicted him in absentia of organising and leading a "
                "criminal group, abuse of office, embezzlement and financial mismanagement at "
                "BTA Bank, and sentenced him to 20 years. He called the trial a farce.</p>",
                CaseStatus.CONVICTED_IN_ABSENTIA,
                [RFERL_2017, ALMATY_VERDICT_2017],
            ),
            update(
                d(2018, 3, 13),
                "Democratic Choice of Kazakhstan declared extremist",
                "<p>At the prosecutor's request, a district court in Astana declared the "
                "movement he leads extremist. Supporting or spreading its material became "
                "punishable, and Human Rights Watch later documented prosecutions of its "
                "alleged supporters.</p>",
                "",
                [EURASIANET_DCK_2018, HRW_2021],
            ),
            update(
                d(2018, 11, 27),
                "Sentenced in absentia to life imprisonment",
                "<p>A court in Taraz found him guilty in absentia of organising the 2004 "
                "killing of Erzhan Tatishev, then head of the bank later renamed BTA, and "
                "sentenced him to life. He calls the accusation a lie.</p>",
                "",
                [RFERL_2018, TARAZ_VERDICT_2018],
            ),
            update(
                d(2020, 9, 29),
                "Granted refugee status in France",
                "<p>France's national asylum court (CNDA) recognised him as a refugee. The "
                "decision was overturned in December 2021.</p>",
                "",
                [CNDA_2020],
            ),
        ],
    }


def kozlov():
    return {
        "slug": "vladimir-kozlov",
        "title": "Vladimir Kozlov",
        "person_name": "Vladimir Kozlov",
        "status": CaseStatus.PRE_TRIAL_DETENTION,
        "role": CaseRole.OPPOSITION_POLITICIAN,
        "country": Country.KAZAKHSTAN,
        "region": "Mangistau region",
        "arrest_date": d(2012, 1, 23),
        "sentence_date": d(2012, 10, 8),
        "release_date": d(2016, 8, 19),
        "sentence": "7 years 6 months in a penal colony, with confiscation of property",
        "place_of_detention": (
            "Colony LA-155/14, Zarechnoye, Almaty region (from March 2014 until his release)"
        ),
        "summary": (
            "Leader of the unregistered opposition party Alga!, arrested in January 2012 after "
            "the deadly Zhanaozen unrest and sentenced to seven and a half years for inciting "
            "social discord. Amnesty International named him a prisoner of conscience. He was "
            "released on parole in August 2016."
        ),
        "listing_summary": "Alga! party leader, jailed 2012–2016 after the Zhanaozen events.",
        "search_description": (
            "Vladimir Kozlov, leader of the Alga! party: arrested 23 January 2012, sentenced "
            "8 October 2012 to 7 years 6 months, released on parole 19 August 2016."
        ),
        "last_verified": LAST_VERIFIED,
        "body": [
            heading("Zhanaozen and the arrest", "arrest"),
            paragraph(
                "<p>From 2007 Vladimir Kozlov led Alga!, an opposition party the authorities "
                "never registered. In 2011 oil workers in the western town of Zhanaozen went "
                "on a strike that lasted months; on 16 December 2011 police opened fire on "
                "protesters and more than a dozen people were killed. Kozlov had supported the "
                "strikers. He was arrested on 23 January 2012.</p>"
            ),
            heading("The trial", "trial"),
            paragraph(
                "<p>His trial opened in Aktau on 16 August 2012, alongside two other "
                "defendants. On 8 October 2012 the court found him guilty, under the 1997 "
                "Criminal Code, of inciting social discord, calling for the overthrow of the "
                "constitutional order and creating a criminal group, and sentenced him to "
                "seven years and six months with confiscation of his property. Prosecutors said "
                "he had acted on instructions from Mukhtar Ablyazov; Kozlov denied the charges. "
                "Freedom House, which monitored the whole trial, concluded that it fell short "
                "of international and national fair-trial standards. An appeal court upheld "
                "the sentence on 19 November 2012.</p>"
            ),
            quote(
                "The Kozlov trial was a true test of Kazakhstan’s commitment to the rule of "
                "law. Unfortunately it was a test Kazakhstan did not pass, and proved the "
                "commitment is in name only.",
                "Susan Corke, Freedom House",
                "Kozlov Case File: Final Monitoring Report, December 2012",
                FH_FINAL_URL,
            ),
            heading("Prison and release", "release"),
            paragraph(
                "<p>He was first held in a colony in Petropavlovsk, far from his family in "
                "Almaty, and from March 2014 in colony LA-155/14 at Zarechnoye, Almaty region. "
                "Parole was refused in December 2015 and granted on 4 August 2016. He walked "
                "free on 19 August 2016 and told reporters that the European Union's support "
                "had helped him “remain a human being” in prison.</p>"
            ),
        ],
        "sources": [
            REUTERS_2012,
            FH_TRIAL_OPENS_2012,
            FH_REPORT_3_2012,
            FH_FINAL_2012,
            RFERL_APPEAL_2012,
            RFERL_RELEASE_2016,
            AMNESTY_KOZLOV,
        ],
        # FACTS.md: Amnesty International named him a prisoner of conscience. No exact day
        # is known; the source reports the designation.
        "recognitions": [
            recognition(
                "amnesty-international",
                Designation.PRISONER_OF_CONSCIENCE,
                "",
                "https://en.wikipedia.org/wiki/Vladimir_Kozlov_(politician)",
                "Wikipedia, “Vladimir Kozlov (politician)”, on Amnesty International's "
                "designation",
            ),
        ],
        "charges": [
            charge("164(3)", CodeEdition.CRIMINAL_CODE_1997, "inciting social discord"),
            charge(
                "170(2)",
                CodeEdition.CRIMINAL_CODE_1997,
                "calls to overthrow the constitutional order",
            ),
            charge("235(1)", CodeEdition.CRIMINAL_CODE_1997, "creating a criminal group"),
        ],
        "updates": [
            update(
                d(2012, 1, 23),
                "Arrested",
                "<p>Arrested in connection with the Zhanaozen events of December 2011 and "
                "held in pre-trial detention.</p>",
                "",
                [FH_FINAL_2012],
            ),
            update(
                d(2012, 8, 16),
                "Trial opens in Aktau",
                "<p>The trial of Kozlov and two co-defendants opened in Aktau. Freedom House "
                "sent a monitor to every hearing.</p>",
                "",
                [FH_TRIAL_OPENS_2012],
            ),
            update(
                d(2012, 10, 8),
                "Sentenced to seven and a half years",
                "<p>The court found him guilty of inciting social discord, calling for the "
                "overthrow of the constitutional order and creating a criminal group, and "
                "sentenced him to seven years and six months in a penal colony with "
                "confiscation of property. He denied the charges.</p>",
                CaseStatus.IMPRISONED,
                [REUTERS_2012, FH_REPORT_3_2012],
            ),
            update(
                d(2012, 11, 19),
                "Appeal rejected",
                "<p>The appeal court in Aktau upheld the sentence.</p>",
                "",
                [RFERL_APPEAL_2012, FH_APPEAL_2012],
            ),
            update(
                d(2016, 8, 4),
                "Parole granted",
                "<p>A court granted him early release on parole, to take effect once the "
                "decision came into force.</p>",
                "",
                [RFERL_RELEASE_2016],
            ),
            update(
                d(2016, 8, 19),
                "Released on parole",
                "<p>He left prison after more than four and a half years in custody. Three "
                "days later he thanked the European Union and the European Parliament for "
                "their support.</p>",
                CaseStatus.RELEASED,
                [RFERL_RELEASE_2016],
            ),
        ],
    }


def bilash():
    return {
        "slug": "serikzhan-bilash",
        "title": "Serikzhan Bilash",
        "person_name": "Serikzhan Bilash",
        "status": CaseStatus.HOUSE_ARREST,
        "role": CaseRole.ACTIVIST,
        "country": Country.KAZAKHSTAN,
        "region": "Almaty",
        "arrest_date": d(2019, 3, 10),
        "sentence_date": d(2019, 8, 16),
        "release_date": d(2019, 8, 17),
        "sentence": (
            "Fine, three-month travel restriction and a seven-year ban on public activity "
            "(plea agreement)"
        ),
        "place_of_detention": (
            "House arrest in Nur-Sultan (now Astana), then at home in Almaty, March–August 2019"
        ),
        "summary": (
            "Founder of the volunteer group Atajurt, which documented ethnic Kazakhs detained "
            "in China's Xinjiang region. Detained in March 2019 and held under house arrest "
            "for five months, he was released in August 2019 under a plea deal banning him "
            "from public activity for seven years. He left Kazakhstan in 2020 and has lived "
            "in exile since, in the United States from January 2021."
        ),
        "listing_summary": (
            "Atajurt founder, released under a plea deal in 2019, in exile since 2020."
        ),
        "search_description": (
            "Serikzhan Bilash, founder of Atajurt: detained 10 March 2019, released 17 August "
            "2019 under a plea deal with a seven-year ban on public activity, in exile since "
            "2020."
        ),
        "last_verified": LAST_VERIFIED,
        "body": [
            heading("Atajurt", "atajurt"),
            paragraph(
                "<p>Serikzhan Bilash, an ethnic Kazakh who moved from China and became a "
                "citizen of Kazakhstan, founded the volunteer group Atajurt in 2017. It "
                "collected the testimony of relatives of ethnic Kazakhs held in camps in "
                "Xinjiang, China. The authorities never registered the group.</p>"
            ),
            heading("House arrest and plea deal", "plea-deal"),
            paragraph(
                "<p>He was detained in Almaty on 10 March 2019 (the UN Working Group on "
                "Arbitrary Detention gives 9 March), taken to the capital, Nur-Sultan (now "
                "Astana), and placed under house arrest, charged with inciting discord under "
                "Article 174(2) of the 2014 Criminal Code. In August the case moved to Almaty, "
                "and on 16 August he accepted a plea agreement. He was released on 17 August "
                "with a fine, a three-month travel restriction and a seven-year ban on public "
                "activity. He said he accepted because he was told he would otherwise face "
                "seven years in prison. He was never sent to prison.</p>"
            ),
            heading("The UN finding and exile", "un-finding"),
            paragraph(
                "<p>In 2020 the UN Working Group on Arbitrary Detention found his detention "
                "arbitrary, concluding that the authorities were “targeting Mr. Bilash for "
                "exercising his rights to freedom of expression and association”. The pressure "
                "on him, his family and his associates did not stop after his release, and "
                "the same year he left Kazakhstan for Turkey (the exact date is not "
                "confirmed). On 20 January 2021 he left Turkey for the United States. The "
                "seven-year ban on public activity ran from August 2019; he has lived in exile "
                "since he left Kazakhstan.</p>"
            ),
        ],
        "sources": [
            AMNESTY_UA_0894,
            AMNESTY_UA_0926,
            WGAD_BILASH,
            DIPLOMAT_WGAD,
            RFERL_BILASH_FLED,
            BLAND_BILASH_2021,
        ],
        "charges": [
            charge("174(2)", CodeEdition.CRIMINAL_CODE_2014, "inciting discord"),
        ],
        # The plea deal's terms, as Amnesty International reported them on his release
        # (UA 046/19-3: travel restrictions for three months, no public activity for seven
        # years). Both are over: the page lists them as past restrictions.
        # FACTS.md: Amnesty's Urgent Action 046/19-3 calls him a prisoner of conscience; in
        # 2020 the UN Working Group on Arbitrary Detention found his detention arbitrary
        # (its opinion as The Diplomat reported it). Neither gives a day: the dates are empty.
        "recognitions": [
            recognition(
                "amnesty-international",
                Designation.PRISONER_OF_CONSCIENCE,
                "Urgent Action 046/19 and its updates, 2019",
                AMNESTY_UA_0926["value"]["url"],
                "Amnesty International, Urgent Action 046/19-3 (EUR 57/0926/2019)",
            ),
            recognition(
                "un-wgad",
                Designation.ARBITRARY_DETENTION,
                "opinion adopted in 2020",
                DIPLOMAT_WGAD["value"]["url"],
                "The Diplomat, “UN Working Group Finds Serikzhan Bilash's Detention by "
                "Kazakhstan Arbitrary”, November 2020",
            ),
        ],
        "restrictions": [
            restriction(
                RestrictionKind.TRAVEL_BAN,
                d(2019, 8, 17),
                d(2019, 11, 17),
                "three months",
                AMNESTY_UA_0926,
                UA_0926_SHORT,
            ),
            restriction(
                RestrictionKind.PUBLIC_ACTIVITY_BAN,
                d(2019, 8, 17),
                d(2026, 8, 17),
                "7 years",
                AMNESTY_UA_0926,
                UA_0926_SHORT,
            ),
        ],
        "updates": [
            update(
                d(2019, 3, 10),
                "Detained and placed under house arrest",
                "<p>Detained in Almaty, taken to Nur-Sultan and placed under house arrest, "
                "charged with inciting discord. Amnesty International named him a prisoner of "
                "conscience.</p>",
                "",
                [AMNESTY_UA_0894, WGAD_BILASH],
            ),
            update(
                d(2019, 8, 15),
                "House arrest moved to his home in Almaty",
                "<p>After a hearing in Nur-Sultan on 29 July decided to transfer the case to "
                "Almaty, he was moved to house arrest at his home there.</p>",
                "",
                [AMNESTY_UA_0894],
            ),
            update(
                d(2019, 8, 16),
                "Plea agreement in court",
                "<p>At a hearing in Almaty he pleaded guilty under a plea agreement with the "
                "prosecutor.</p>",
                "",
                [AMNESTY_UA_0926],
            ),
            update(
                d(2019, 8, 17),
                "Released with a seven-year ban on public activity",
                "<p>Released from house arrest with a fine, a three-month travel restriction "
                "and a seven-year ban on public activity. He said he accepted the terms "
                "because he was told he would otherwise face seven years in prison.</p>",
                CaseStatus.RESTRICTED_FREEDOM,
                [AMNESTY_UA_0926],
            ),
            update(
                d(2021, 1, 20),
                "In exile: left Turkey for the United States",
                "<p>He no longer lives in Kazakhstan, so his status changes from restricted "
                "freedom to in exile. Pressure on him, his family and his associates went on "
                "after his release, and he left Kazakhstan for Turkey in 2020 (exact date not "
                "confirmed). On 20 January 2021 he left Turkey for the United States.</p>",
                CaseStatus.IN_EXILE,
                [RFERL_BILASH_FLED, BLAND_BILASH_2021],
            ),
        ],
    }


REAL_CASES = [ablyazov, kozlov, bilash]
