"""The vocabularies of a case: statuses, roles, countries and criminal code editions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    PRE_TRIAL_DETENTION = "pre-trial-detention", _("Pre-trial detention")
    IMPRISONED = "imprisoned", _("Imprisoned")
    HOUSE_ARREST = "house-arrest", _("House arrest")
    RESTRICTED_FREEDOM = "restricted-freedom", _("Restricted freedom")
    RELEASED = "released", _("Released")
    IN_EXILE = "in-exile", _("In exile")
    CONVICTED_IN_ABSENTIA = "convicted-in-absentia", _("Convicted in absentia")
    DECEASED = "deceased", _("Deceased")


class RestrictionKind(models.TextChoices):
    """What a court or the authorities still forbid a person after release."""

    TRAVEL_BAN = "travel-ban", _("Travel ban")
    SUPERVISION = "supervision", _("Supervision / probation")
    PUBLIC_ACTIVITY_BAN = "public-activity-ban", _("Ban on public activity")
    FROZEN_ASSETS = "frozen-assets", _("Frozen accounts / assets")
    OFFICE_BAN = "office-ban", _("Ban on holding office")
    OTHER = "other", _("Other restriction")


# Each kind as the status line names it: “Released, under a travel ban and …”.
RESTRICTION_PHRASES = {
    RestrictionKind.TRAVEL_BAN: _("a travel ban"),
    RestrictionKind.SUPERVISION: _("supervision or probation"),
    RestrictionKind.PUBLIC_ACTIVITY_BAN: _("a ban on public activity"),
    RestrictionKind.FROZEN_ASSETS: _("frozen accounts or assets"),
    RestrictionKind.OFFICE_BAN: _("a ban on holding office"),
    RestrictionKind.OTHER: _("other restrictions"),
}


# Statuses in which the person is held by the state: what "currently detained" counts.
DETAINED_STATUSES = (
    CaseStatus.PRE_TRIAL_DETENTION,
    CaseStatus.IMPRISONED,
    CaseStatus.HOUSE_ARREST,
)


class CaseRole(models.TextChoices):
    JOURNALIST = "journalist", _("Journalist")
    BLOGGER = "blogger", _("Blogger")
    ACTIVIST = "activist", _("Civic activist")
    HUMAN_RIGHTS_DEFENDER = "human-rights-defender", _("Human rights defender")
    OPPOSITION_POLITICIAN = "opposition-politician", _("Opposition politician")
    TRADE_UNIONIST = "trade-unionist", _("Trade unionist")
    RELIGIOUS_BELIEVER = "religious-believer", _("Religious believer")
    LAWYER = "lawyer", _("Lawyer")
    OTHER = "other", _("Other")


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of the countries the campaigns cover or cases lead to."""

    KAZAKHSTAN = "KZ", _("Kazakhstan")
    KYRGYZSTAN = "KG", _("Kyrgyzstan")
    UZBEKISTAN = "UZ", _("Uzbekistan")
    TAJIKISTAN = "TJ", _("Tajikistan")
    TURKMENISTAN = "TM", _("Turkmenistan")
    RUSSIA = "RU", _("Russia")
    BELARUS = "BY", _("Belarus")
    AZERBAIJAN = "AZ", _("Azerbaijan")
    CHINA = "CN", _("China")
    FRANCE = "FR", _("France")
    UNITED_KINGDOM = "GB", _("United Kingdom")
    UNITED_STATES = "US", _("United States")
    TURKEY = "TR", _("Türkiye")


class CodeEdition(models.TextChoices):
    """The code a charge's article belongs to, always named with its country.

    Kazakhstan replaced its Criminal Code in 2014: the same offence has two numbers, so
    its codes also carry their year. Other countries' criminal codes are named by country.
    """

    CRIMINAL_CODE_1997 = "kz-cc-1997", _("Criminal Code of Kazakhstan (1997)")
    CRIMINAL_CODE_2014 = "kz-cc-2014", _("Criminal Code of Kazakhstan (2014)")
    ADMINISTRATIVE_CODE_2014 = (
        "kz-ac-2014",
        _("Code of Administrative Offences of Kazakhstan (2014)"),
    )
    KYRGYZSTAN = "kg-cc", _("Criminal Code of Kyrgyzstan")
    UZBEKISTAN = "uz-cc", _("Criminal Code of Uzbekistan")
    TAJIKISTAN = "tj-cc", _("Criminal Code of Tajikistan")
    TURKMENISTAN = "tm-cc", _("Criminal Code of Turkmenistan")
    RUSSIA = "ru-cc", _("Criminal Code of Russia")
    BELARUS = "by-cc", _("Criminal Code of Belarus")
    AZERBAIJAN = "az-cc", _("Criminal Code of Azerbaijan")
    CHINA = "cn-cc", _("Criminal Law of China")


# The criminal code of each country that has one among the code editions.
CRIMINAL_CODE_OF = {
    Country.KYRGYZSTAN: CodeEdition.KYRGYZSTAN,
    Country.UZBEKISTAN: CodeEdition.UZBEKISTAN,
    Country.TAJIKISTAN: CodeEdition.TAJIKISTAN,
    Country.TURKMENISTAN: CodeEdition.TURKMENISTAN,
    Country.RUSSIA: CodeEdition.RUSSIA,
    Country.BELARUS: CodeEdition.BELARUS,
    Country.AZERBAIJAN: CodeEdition.AZERBAIJAN,
    Country.CHINA: CodeEdition.CHINA,
}
