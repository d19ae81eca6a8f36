"""Calls to action: petitions people sign and letters people write, and their counts.

Counting is done by the database, never read-modify-write in Python:
- one signature per petition and address is a unique constraint;
- a signature is confirmed by an UPDATE that only matches while it is unconfirmed, and
  only the request whose UPDATE matched adds one to the petition's tally, in the same
  transaction, with `F("signatures") + 1`;
- every change of a count, up or down, goes through `ActionTally.add`.
The tally lives in its own table (`ActionTally`), not on the page: publishing a page copies
its revision's fields over the page row, which would put an old count back.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from campaigns.cases.blocks import StoryBlock
from campaigns.cases.models import CasePage, chosen_cases
from home.blocks import RICH_TEXT_FEATURES, AddressBlock
from home.cache import public_cache
from home.i18n import active_locale_id, children_for_reader, source_of
from home.models import BasePage, shared_facts

from .forms import SignatureForm


class ActionKind(models.TextChoices):
    PETITION = "petition", _("Petition")
    LETTER = "letter", _("Letter")


# The placeholders a letter template may use, filled from the case the letter is about.
LETTER_PLACEHOLDERS = {
    "name": _("the person's name"),
    "place_of_detention": _("where they are held"),
    "address": _("their postal address (only when letters reach them)"),
    "sentence": _("their sentence"),
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class ActionIndexPage(BasePage):
    """/act/: every call to action, open ones first."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("Shown above the list: what readers can do and why it matters."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.ActionPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("action index")
        verbose_name_plural = _("action indexes")

    def actions(self):
        return for_teasers(children_for_reader(self, ActionPage.objects.live().public()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        actions = list(self.actions().order_by("-first_published_at", "pk"))
        context["open_actions"] = [action for action in actions if action.is_open]
        context["closed_actions"] = [action for action in actions if not action.is_open]
        return context


def tallies_of(actions):
    """`actions` with their counts annotated, bodies deferred: one query for a list.

    The count of a translated action is its source page's (the one every language's
    signatures and letters are recorded against), found by the shared translation key.
    """
    tally = ActionTally.objects.filter(action__translation_key=OuterRef("translation_key"))
    return actions.annotate(
        counted_signatures=Coalesce(Subquery(tally.values("signatures")[:1]), Value(0)),
        counted_letters=Coalesce(Subquery(tally.values("letters")[:1]), Value(0)),
    )


def with_live_counts(actions):
    """Give `actions` (read earlier, e.g. kept in the cache) their counts as of now, as
    `tallies_of` annotates them: one small query on the tallies, by translation key."""
    keys = {action.translation_key for action in actions}
    counts = {
        key: (signatures, letters)
        for key, signatures, letters in ActionTally.objects.filter(
            action__translation_key__in=keys
        ).values_list("action__translation_key", "signatures", "letters")
    }
    for action in actions:
        action.counted_signatures, action.counted_letters = counts.get(
            action.translation_key, (0, 0)
        )
    return actions


def for_teasers(actions):
    """Actions with their counts, bodies deferred, listing images joined: one query."""
    return tallies_of(actions.defer_streamfields().select_related("listing_image"))


class ActionPage(RoutablePageMixin, BasePage):
    """A petition to sign or a letter to write, with its live count.

    Petition signatures count once confirmed by email; letters count when a reader says
    they sent one. Both end on a thank-you step whose address carries no state.
    """

    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=ActionKind.choices,
        default=ActionKind.PETITION,
        help_text=_("A petition collects signatures; a letter asks readers to write one."),
    )
    target = models.CharField(
        _("addressed to"),
        max_length=200,
        help_text=_("Who must act, e.g. “The President of Kazakhstan”."),
    )
    ask = models.TextField(
        _("what we ask"),
        max_length=600,
        help_text=_("The demand in one or two sentences; it is shown above the form."),
    )
    goal = models.PositiveIntegerField(
        _("goal"),
        null=True,
        blank=True,
        help_text=_("How many signatures or letters to aim for; leave empty for no goal."),
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("After this moment the form closes; leave empty to keep it open."),
    )
    body = StreamField(
        StoryBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Why this action matters: the story, the facts and their sources."),
    )
    related_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text=_("The campaign this action belongs to; it is listed on that page."),
    )
    related_cases = ParentalManyToManyField(
        "campaigns.CasePage",
        verbose_name=_("related cases"),
        blank=True,
        related_name="actions",
        help_text=_("Cases this action is about; the action is shown on their pages."),
    )
    letter_case = models.ForeignKey(
        "campaigns.CasePage",
        verbose_name=_("letter about"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Letters only: the case whose details fill the template's placeholders."),
    )
    letter_template = models.TextField(
        _("letter template"),
        max_length=5000,
        blank=True,
        help_text=_(
            "Letters only: the text readers copy. Placeholders filled from the case: "
            "{name}, {place_of_detention}, {address}, {sentence}."
        ),
    )
    letter_guidance = RichTextField(
        _("what not to write"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Letters only: what to avoid (politics, the case's details, anything that could "
            "harm the person or the writer)."
        ),
    )
    addresses = StreamField(
        [("address", AddressBlock())],
        verbose_name=_("addresses"),
        blank=True,
        help_text=_("Where to send letters: officials, or the prisoner when letters reach them."),
    )
    thank_you_text = models.TextField(
        _("thank-you text"),
        max_length=600,
        blank=True,
        help_text=_("Shown after signing or sending; defaults to a short thank-you."),
    )
    donate_url = models.URLField(
        _("donation link"),
        blank=True,
        help_text=_("Optional: a page where readers can give money to the cause."),
    )

    # What the action is and what it counts are the same in every language: a signature on
    # /ru/act/x/ counts toward the petition of /act/x/ (see `counted_page`). Its words,
    # the letter's template and the addresses' wording are translated.
    override_translatable_fields = BasePage.override_translatable_fields + shared_facts(
        "kind",
        "goal",
        "deadline",
        "related_campaign",
        "related_cases",
        "letter_case",
        "donate_url",
    )

    parent_page_types = ["campaigns.ActionIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("target"),
        index.SearchField("ask"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("target"),
                FieldPanel("ask"),
                FieldRowPanel([FieldPanel("goal"), FieldPanel("deadline")]),
            ],
            heading=_("The action"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("letter_case"),
                FieldPanel("letter_template"),
                FieldPanel("letter_guidance"),
                FieldPanel("addresses"),
            ],
            heading=_("Letter"),
            help_text=_("Only for letter actions."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("related_campaign"),
                FieldPanel("related_cases"),
                FieldPanel("thank_you_text"),
                FieldPanel("donate_url"),
            ],
            heading=_("After acting"),
        ),
    ]

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def clean(self):
        super().clean()
        errors = {}
        used = set(PLACEHOLDER.findall(self.letter_template or ""))
        unknown = sorted(used - set(LETTER_PLACEHOLDERS))
        if unknown:
            errors["letter_template"] = _(
                "Unknown placeholder(s): %(unknown)s. Use only %(known)s."
            ) % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in LETTER_PLACEHOLDERS),
            }
        elif used and not self.letter_case_id:
            errors["letter_case"] = _(
                "The template uses placeholders: choose the case whose details fill them."
            )
        if self.kind == ActionKind.LETTER and not (self.letter_template or "").strip():
            errors["letter_template"] = _("A letter action needs the letter's text.")
        if self.goal is not None and self.goal < 1:
            errors["goal"] = _("The goal must be at least 1, or left empty.")
        if errors:
            raise ValidationError(errors)

    # --- state ---------------------------------------------------------------

    @property
    def is_petition(self):
        return self.kind == ActionKind.PETITION

    @property
    def is_open(self):
        return self.deadline is None or timezone.now() < self.deadline

    @cached_property
    def count(self):
        """Confirmed signatures of a petition, or letters reported sent, in every language
        (annotated by `tallies_of`, else read here)."""
        field = "signatures" if self.is_petition else "letters"
        if hasattr(self, f"counted_{field}"):
            return getattr(self, f"counted_{field}")
        if not self.pk:
            return 0
        tally = ActionTally.objects.filter(action__translation_key=self.translation_key)
        return tally.values_list(field, flat=True).first() or 0

    @cached_property
    def counted_page(self):
        """The page signatures and letters are recorded against: the source (English) page
        of a translation, so that every language counts toward one petition."""
        return source_of(self)

    @property
    def goal_reached(self):
        return bool(self.goal) and self.count >= self.goal

    @property
    def progress_percent(self):
        if not self.goal:
            return None
        return min(100, self.count * 100 // self.goal)

    def recent_signers(self, limit=10):
        """First names and countries of confirmed signers who chose to show them."""
        if self.pk is None:  # a preview of a page not yet saved
            return []
        rows = (
            Signature.objects.filter(action__translation_key=self.translation_key)
            .filter(confirmed_at__isnull=False, show_name=True)
            .order_by("-confirmed_at", "-pk")
            .only("name", "country")[:limit]
        )
        return [{"name": row.first_name, "country": row.country.name} for row in rows]

    def letter_text(self):
        """The letter template with the case's details in place of its placeholders, from
        the case in the reader's language where it is translated."""
        case = self.letter_case_for_reader()
        values = {
            "name": case.person_name if case else "",
            "place_of_detention": case.place_of_detention if case else "",
            "address": case.postal_address if case and case.letters_reach_them else "",
            "sentence": case.sentence if case else "",
        }
        return PLACEHOLDER.sub(
            lambda match: str(values.get(match.group(1), match.group(0))),
            self.letter_template or "",
        )

    def letter_case_for_reader(self):
        """The letter's case in the reader's language where it is live in it, else the case
        as chosen: one query reads both, as many as an English page reads for its own."""
        if self.letter_case_id is None:
            return None
        active = active_locale_id()
        chosen = CasePage.objects.filter(pk=self.letter_case_id)
        translated = Q(
            translation_key__in=chosen.values("translation_key"), locale_id=active, live=True
        )
        cases = CasePage.objects.filter(Q(pk=self.letter_case_id) | translated)
        return min(cases.defer_streamfields(), key=lambda c: c.locale_id != active, default=None)

    # --- serving -------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("sign_form", SignatureForm() if self.is_petition else None)
        context["related_case_list"] = chosen_cases(self.related_cases)
        if not self.is_petition:
            context["letter"] = self.letter_text()
        if self.is_petition:
            context["recent_signers"] = self.recent_signers()
        return context

    @path("")
    def action(self, request):
        return self.render(request)

    @path("thanks/")
    def thanks(self, request):
        """After signing or sending: the same page for everyone, so it may be cached."""
        return self.render(request, template="campaigns/action_thanks.html")

    @public_cache
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_cached_paths(self):
        return ["/", "/thanks/"]


class ActionTally(models.Model):
    """How many have acted, kept by atomic database updates (see the module's docstring)."""

    action = models.OneToOneField(
        ActionPage, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    signatures = models.PositiveIntegerField(_("confirmed signatures"), default=0)
    letters = models.PositiveIntegerField(_("letters sent"), default=0)

    class Meta:
        verbose_name = _("action tally")
        verbose_name_plural = _("action tallies")

    def __str__(self):
        return f"{self.signatures} signatures, {self.letters} letters"

    COUNTERS = ("signatures", "letters")

    @classmethod
    def add(cls, action_id, field, amount=1):
        """The one way an action's count moves: `amount` (negative to take some off) added
        to one counter, `signatures` or `letters`.

        One UPDATE computed by the database (`F()`), never read-modify-write, so
        concurrent calls all count; callers that must count exactly once (a confirmation,
        a deletion) call it in the transaction of the change that decided it. A count
        never goes below zero. The tally row is created the first time one is added.
        """
        if field not in cls.COUNTERS:
            raise ValueError(
                f"An action tally counts {' and '.join(cls.COUNTERS)}, not {field!r}."
            )
        if amount == 0:
            return
        if amount > 0:
            change = F(field) + amount
        else:
            change = Greatest(F(field) + amount, Value(0), output_field=cls._meta.get_field(field))
        if cls.objects.filter(pk=action_id).update(**{field: change}) or amount < 0:
            return  # taking off from a tally that does not exist leaves it at nothing
        cls.objects.get_or_create(pk=action_id)
        cls.objects.filter(pk=action_id).update(**{field: change})


class Signature(models.Model):
    """One address signing one petition; it counts only once confirmed.

    The email is stored normalised (`campaigns.supporters.emails.normalise_email`) so that
    the unique constraint treats "Ana@Mail.kz" and "ana@mail.kz" as the same signer.
    """

    action = models.ForeignKey(
        ActionPage, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("action")
    )
    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=100)
    country = CountryField(_("country"), blank=True)
    show_name = models.BooleanField(
        _("show first name and country"),
        default=False,
        help_text=_("The signer agreed to their first name and country being shown."),
    )
    keep_informed = models.BooleanField(
        _("keep informed"),
        default=False,
        help_text=_("The signer asked to hear about this campaign by email."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language of the page it was signed on; its emails are in it."),
    )
    created_at = models.DateTimeField(_("signed"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "email"], name="one_signature_per_address_and_action"
            )
        ]
        indexes = [models.Index(fields=["action", "confirmed_at"])]
        permissions = [("export_signature", _("Can export signatures"))]

    def __str__(self):
        return f"{self.name} ({self.action_id})"

    @property
    def first_name(self):
        return (self.name or "").split()[0] if (self.name or "").split() else ""
