"""The rule of corrections: a published case's facts never change silently.

Publishing (or submitting for review) a change of a live case's facts needs a correction
(reason and source) or news (a new update, or the "this is news" tick); a draft may wait;
a new case needs nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.corrections.models import CaseCorrection
from campaigns.models import CasePage

from ..cases.factories import CaseChargeFactory
from .factories import SOURCE, CaseCorrectionFactory

PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}
CORRECTION = {
    "date": "2026-11-20",
    "reason": "An earlier version gave the wrong arrest date.",
    "source_url": SOURCE,
    "source_title": "RFE/RL",
}


def rows(items):
    """An inline formset of `items`; those with an "id" are the saved rows, listed first."""
    return inline_formset(list(items), initial=sum(1 for item in items if "id" in item))


def case_data(case, corrections=(), updates=(), charges=(), **fields):
    """What the case editor posts for `case`, with `fields` changed. A correction's
    "facts" (ticked boxes) are posted as one value per box."""
    ticked = {n: row.pop("facts") for n, row in enumerate(corrections) if "facts" in row}
    data = {
        "title": case.title,
        "slug": case.slug,
        "person_name": case.person_name,
        "status": case.status,
        "role": case.role,
        "country": case.country,
        "summary": case.summary,
        "arrest_date": case.arrest_date.isoformat() if case.arrest_date else "",
        "charges": rows(charges),
        "restrictions": inline_formset([]),
        "updates": rows(updates),
        "corrections": rows(corrections),
        "body": streamfield([]),
        "sources": streamfield([]),
    }
    data.update(fields)
    # Every other inline panel of the case editor, posted empty.
    for name in CasePage.get_edit_handler().get_form_options()["formsets"]:
        data.setdefault(name, inline_formset([]))
    posted = nested_form_data(data)
    for n, facts in ticked.items():
        posted[f"corrections-{n}-facts"] = facts
    return posted


def post(client, case, action=PUBLISH, **kwargs):
    url = reverse("wagtailadmin_pages:edit", args=(case.pk,))
    return client.post(url, {**case_data(case, **kwargs), **action})


def live(case):
    return CasePage.objects.get(pk=case.pk)


# --- the correction itself --------------------------------------------------------------


def test_a_correction_without_a_source_is_refused_with_a_clear_message(case):
    correction = CaseCorrection(page=case, reason="Wrong date.", source_url="", source_title="X")
    with pytest.raises(ValidationError) as raised:
        correction.full_clean(exclude=["translation_key", "locale"])
    assert "A correction without a source is not accepted" in str(raised.value)


def test_a_correction_cannot_be_dated_in_the_future(case):
    correction = CaseCorrectionFactory.build(
        page=case, date=datetime.date.today().replace(year=2100)
    )
    with pytest.raises(ValidationError, match="future"):
        correction.full_clean(exclude=["translation_key", "locale"])


def test_the_admin_refuses_to_publish_a_correction_without_a_source(admin_client, case):
    response = post(
        admin_client,
        case,
        arrest_date="2019-03-09",
        corrections=[{**CORRECTION, "source_url": ""}],
    )
    assert response.status_code == 200
    assert "A correction without a source is not accepted" in response.content.decode()
    assert live(case).arrest_date == datetime.date(2019, 3, 10)


# --- the rule -----------------------------------------------------------------------------


def test_publishing_a_fact_change_without_a_correction_or_news_is_refused(admin_client, case):
    response = post(admin_client, case, arrest_date="2019-03-09", sentence="5 years")
    assert response.status_code == 200
    html = response.content.decode()
    assert "You changed facts of this published case: arrest date and sentence." in html
    assert "add a correction" in html and "This change is news, not a correction" in html
    assert live(case).arrest_date == datetime.date(2019, 3, 10)
    assert live(case).sentence == ""


def test_submitting_a_fact_change_for_review_is_refused_too(admin_client, case):
    response = post(admin_client, case, action=SUBMIT, arrest_date="2019-03-09")
    assert "You changed facts of this published case: arrest date." in response.content.decode()
    assert live(case).current_workflow_state is None


def test_a_draft_may_wait_for_its_correction_but_not_its_publication(admin_client, case):
    response = post(admin_client, case, action={}, arrest_date="2019-03-09")
    assert response.status_code == 302
    assert live(case).arrest_date == datetime.date(2019, 3, 10)  # the public page as it was
    draft = live(case).get_latest_revision_as_object()
    assert draft.arrest_date == datetime.date(2019, 3, 9)
    response = post(admin_client, case, arrest_date="2019-03-09")
    assert "You changed facts of this published case" in response.content.decode()


def test_a_draft_saved_during_review_needs_its_correction_since_approval_publishes_it(
    admin_client, case
):
    """An approval from the dashboard publishes the latest revision without this form."""
    response = post(admin_client, case, action=SUBMIT, summary="Reviewed text.")
    assert response.status_code == 302 and live(case).workflow_in_progress
    response = post(admin_client, case, action={}, arrest_date="2019-03-09")
    assert "You changed facts of this published case: arrest date." in response.content.decode()
    draft = live(case).get_latest_revision_as_object()
    assert draft.arrest_date == datetime.date(2019, 3, 10)  # nothing saved to be approved


def test_a_fact_change_with_a_correction_is_published_and_names_the_fact(admin_client, case):
    response = post(admin_client, case, arrest_date="2019-03-09", corrections=[CORRECTION])
    assert response.status_code == 302
    page = live(case)
    assert page.arrest_date == datetime.date(2019, 3, 9)
    correction = page.corrections.get()
    assert correction.facts == "arrest_date"  # filled in from the change
    assert correction.source_url == SOURCE


def test_the_editor_may_name_the_corrected_facts_themselves(admin_client, case):
    response = post(
        admin_client,
        case,
        arrest_date="2019-03-09",
        corrections=[{**CORRECTION, "facts": ["arrest_date", "other"]}],
    )
    assert response.status_code == 302
    assert live(case).corrections.get().facts == "arrest_date,other"


def test_a_fact_change_reported_by_a_new_update_is_news(admin_client, case):
    update = {
        "date": "2020-02-01",
        "title": "Sentenced",
        "new_status": "",
        "body": rich_text(""),
        "sources": streamfield([]),
    }
    response = post(admin_client, case, sentence="5 years", updates=[update])
    assert response.status_code == 302
    assert live(case).sentence == "5 years"
    assert not live(case).corrections.exists()


def test_a_status_change_by_a_new_update_is_news(admin_client, case):
    update = {
        "date": "2020-02-01",
        "title": "Released",
        "new_status": "released",
        "body": rich_text(""),
        "sources": streamfield([]),
    }
    assert post(admin_client, case, updates=[update]).status_code == 302
    assert live(case).current_status == "released"


def test_the_news_tick_lets_a_fact_change_through(admin_client, case):
    response = post(admin_client, case, status="released", fact_change_is_news="on")
    assert response.status_code == 302
    assert live(case).current_status == "released"


def test_a_changed_charge_is_a_fact_change(admin_client, case):
    charge = CaseChargeFactory(page=case)
    case.save_revision().publish()
    kept = {
        "id": charge.pk,
        "article": "174(1)",
        "code_edition": charge.code_edition,
        "description": charge.description,
    }
    response = post(admin_client, case, charges=[kept])
    assert "You changed facts of this published case: charges." in response.content.decode()
    unchanged = {**kept, "article": charge.article}
    assert post(admin_client, case, charges=[unchanged]).status_code == 302


def test_a_change_of_prose_alone_needs_nothing(admin_client, case):
    response = post(admin_client, case, summary="A reporter held for covering a strike.")
    assert response.status_code == 302
    assert live(case).summary == "A reporter held for covering a strike."


def test_a_correction_with_nothing_changed_must_say_what_it_corrects(admin_client, case):
    response = post(admin_client, case, corrections=[CORRECTION])
    assert response.status_code == 200
    assert "Say what was corrected" in response.content.decode()
    assert (
        post(admin_client, case, corrections=[{**CORRECTION, "facts": ["other"]}]).status_code
        == 302
    )


def test_the_first_publication_of_a_case_needs_nothing(admin_client, index):
    case = CasePage(
        title="Nurlan N",
        slug="nurlan-n",
        person_name="Nurlan N",
        status="imprisoned",
        role="journalist",
        summary="Held.",
    )
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "casepage", index.pk))
    data = {**case_data(case, arrest_date="2020-01-01"), **PUBLISH}
    assert admin_client.post(url, data).status_code == 302
    assert CasePage.objects.get(slug="nurlan-n").live


def test_a_withdrawn_case_changes_nothing_public(admin_client, case):
    case.unpublish()
    assert post(admin_client, case, arrest_date="2019-03-09").status_code == 302


def test_an_earlier_correction_does_not_cover_a_new_change(admin_client, case):
    CaseCorrectionFactory(page=case)
    case.save_revision().publish()
    existing = live(case).corrections.get()
    kept = {
        "id": existing.pk,
        "date": "2026-11-20",
        "facts": ["arrest_date"],
        "reason": existing.reason,
        "source_url": existing.source_url,
        "source_title": existing.source_title,
    }
    response = post(admin_client, case, sentence="5 years", corrections=[kept])
    assert "You changed facts of this published case: sentence." in response.content.decode()


def test_the_edit_form_has_the_corrections_panel(admin_client, case):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(case.pk,))).content.decode()
    assert "This change is news, not a correction" in html
    assert "corrections-TOTAL_FORMS" in html


def bulk_publish(client, case):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return client.post(f"{url}?id={case.pk}", {})


def test_publishing_a_silent_draft_from_a_listing_is_refused(admin_client, case):
    post(admin_client, case, action={}, arrest_date="2019-03-09")  # a draft
    response = bulk_publish(admin_client, case)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(case.pk,))
    assert live(case).arrest_date == datetime.date(2019, 3, 10)


def test_publishing_a_corrected_draft_from_a_listing_is_allowed(admin_client, case):
    post(admin_client, case, action={}, arrest_date="2019-03-09", corrections=[CORRECTION])
    bulk_publish(admin_client, case)
    assert live(case).arrest_date == datetime.date(2019, 3, 9)
    assert live(case).corrections.get().facts == "arrest_date"


def test_comparing_revisions_shows_the_correction(admin_client, case):
    first = case.save_revision()
    first.publish()
    post(admin_client, case, arrest_date="2019-03-09", corrections=[CORRECTION])
    latest = live(case).live_revision
    url = reverse("wagtailadmin_pages:revisions_compare", args=(case.pk, first.pk, latest.pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "An earlier version gave the wrong arrest date." in response.content.decode()
