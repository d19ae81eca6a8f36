"""The rule of corrections: a published case's facts never change silently.

When an edit of a live case changes one of its facts (status, dates, charges, sentence,
place of detention), the edit must carry either a correction (a new `CaseCorrection`,
with its reason and source) or news (a new update, or the editor's explicit “this is
news, not a correction”). Otherwise the case form refuses to publish it, or to submit it
for review, naming the facts that changed and the two ways out.

Saving a draft is allowed without it: a draft reaches no reader, and an editor may need
time to find the source. Every way a draft reaches the public page through the editor
(publish, submit for review, approve in the editor, restart the review) checks again.

The case form calls `check_fact_changes` through the "clean_case_page_form" hook
(registered in `campaigns.corrections.admin`), so that the cases package does not depend
on this one.
"""

from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .fields import CorrectedFact

# The case page's own fields that are facts (the status is compared as the current one).
FACT_FIELDS = (
    "arrest_date",
    "sentence_date",
    "release_date",
    "expected_release_date",
    "sentence",
    "place_of_detention",
)
# The buttons of Wagtail's page editor whose outcome can reach the public page.
PUBLISHING_ACTIONS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
)
NEWS_FIELD = "fact_change_is_news"


def _text(value):
    return " ".join(str(value or "").split())


def _charge_key(article, code_edition, description):
    return (_text(article), code_edition or "", _text(description))


def current_status(status, updates):
    """The status shown on the page, as `CasePage.compute_current_status` works it out:
    the latest update's new status, else the case's own. `updates`: (date, pk, status)."""
    dated = [update for update in updates if update[2]]
    if dated:
        return max(dated, key=lambda update: (update[0], update[1] or 0))[2]
    return status


def live_facts(page):
    """The facts of the live case `page` (a row as the database holds it)."""
    facts = {name: getattr(page, name) for name in FACT_FIELDS}
    for name in ("sentence", "place_of_detention"):
        facts[name] = _text(facts[name])
    facts["status"] = page.current_status
    facts["charges"] = sorted(
        _charge_key(charge.article, charge.code_edition, charge.description)
        for charge in page.charges.all()
    )
    return facts


def draft_facts(page):
    """The facts of `page` as a revision holds it (its child rows in memory)."""
    facts = live_facts(page)
    facts["status"] = page.compute_current_status()
    return facts


def silent_fact_changes(live, draft):
    """The facts `draft` (a case's latest revision) changes from `live` (the case as
    published) with neither a correction nor an update added; [] when none."""
    changed = changed_facts(live_facts(live), draft_facts(draft))
    if not changed:
        return []
    for relation in ("corrections", "updates"):
        published = set(getattr(live, relation).values_list("pk", flat=True))
        if any(row.pk not in published for row in getattr(draft, relation).all()):
            return []
    return changed


def kept_rows(formset):
    """The forms of `formset` that will be saved (filled in, not marked for deletion)."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not (formset.can_delete and formset._should_delete_form(form))
    ]


def submitted_facts(form):
    """The facts as the case form was posted (its formsets already validated)."""
    data = form.cleaned_data
    facts = {name: data.get(name) for name in FACT_FIELDS}
    for name in ("sentence", "place_of_detention"):
        facts[name] = _text(facts[name])
    facts["status"] = current_status(
        data.get("status"),
        [
            (row.cleaned_data.get("date"), row.instance.pk, row.cleaned_data.get("new_status"))
            for row in kept_rows(form.formsets["updates"])
        ],
    )
    facts["charges"] = sorted(
        _charge_key(
            row.cleaned_data.get("article"),
            row.cleaned_data.get("code_edition"),
            row.cleaned_data.get("description"),
        )
        for row in kept_rows(form.formsets["charges"])
    )
    return facts


def changed_facts(before, after):
    """The `CorrectedFact` codes whose values differ, in the choices' order."""
    return [
        code for code in CorrectedFact.values if code in before and before[code] != after[code]
    ]


def added_rows(formset, live_pks):
    """The kept rows of `formset` that the live version does not have."""
    return [row for row in kept_rows(formset) if row.instance.pk not in live_pks]


def fill_corrected_facts(rows, changed):
    """A new correction left without its list of facts gets the facts that changed; one
    that still has none (nothing detected) must say what it corrects."""
    for row in rows:
        if row.cleaned_data.get("facts"):
            continue
        if changed:
            row.cleaned_data["facts"] = row.instance.facts = CorrectedFact.join(changed)
        else:
            row.add_error(
                "facts",
                _(
                    "Say what was corrected: no fact of the case changed in this edit, so "
                    "it cannot be filled in for you (tick “Other” and explain in the reason)."
                ),
            )


def missing_correction_message(changed):
    names = [str(label) for label in CorrectedFact.labels_of(",".join(changed))]
    return gettext(
        "You changed facts of this published case: %(facts)s. A fact never changes "
        "silently: add a correction (under “Corrections”, with the reason and a source), "
        "or, if this is news rather than a correction, add an update that reports it or tick "
        "“This change is news, not a correction”."
    ) % {"facts": get_text_list(names, gettext("and"))}


def is_publishing(form):
    return any(form.data.get(action) for action in PUBLISHING_ACTIONS)


def check_fact_changes(form, cleaned_data):
    """Refuse (as a form error) a change of a live case's facts that carries neither a
    correction nor news, when the edit is on its way to the public page."""
    page = form.instance
    formsets = getattr(form, "formsets", {})
    if not page.pk or not {"charges", "updates", "corrections"} <= set(formsets):
        return
    live = type(page).objects.filter(pk=page.pk, live=True).first()
    if live is None:  # never published, or withdrawn: nothing public changes
        return
    if not all(formsets[name].is_valid() for name in ("charges", "updates", "corrections")):
        return  # the rows' own errors come first
    changed = changed_facts(live_facts(live), submitted_facts(form))
    new_corrections = added_rows(
        formsets["corrections"], set(live.corrections.values_list("pk", flat=True))
    )
    fill_corrected_facts(new_corrections, changed)
    # A draft saved while the case is in review is what its approval will publish (the
    # approval publishes the latest revision, without this form): it is checked too.
    if not changed or not (is_publishing(form) or page.workflow_in_progress):
        return
    new_updates = added_rows(formsets["updates"], set(live.updates.values_list("pk", flat=True)))
    if new_corrections or new_updates or cleaned_data.get(NEWS_FIELD):
        return
    form.add_error(None, missing_correction_message(changed))
