"""Petitions and letters: signing with double opt-in, counting, closing, letters.

Email goes through the real queue (`run_email_worker()`) to a real SMTP server (aiosmtpd).
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.actions import signing as action_logic
from campaigns.models import ActionIndexPage, ActionKind, ActionPage, ActionTally, Signature
from home.models import HomePage

from .. import smtp
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..home.factories import ActionTeaserBlockFactory, StandardPageFactory, make_site
from ..landing.factories import CampaignPageFactory
from ..smtp import run_email_worker
from .factories import ActionIndexPageFactory, ActionPageFactory, SignatureFactory

smtp_server = smtp.smtp_server

ADDRESS = "Signer@Example.org"
CONFIRM_LINK = re.compile(r"http://testserver(/sign/confirm/[^/\s\"<>]+/)")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def act(home_page):
    return ActionIndexPageFactory(parent=home_page)


@pytest.fixture
def petition(act):
    return ActionPageFactory(parent=act, slug="reform", goal=3)


def sign(client, action, email=ADDRESS, headers=None, **fields):
    data = {
        "name": "Ana Petrova",
        "email": email,
        "country": "FR",
        "consent": "on",
        "website": "",
        **fields,
    }
    return client.post(f"/sign/{action.pk}/", data, headers=headers)


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def confirm_link(message):
    (path,) = set(CONFIRM_LINK.findall(text_of(message)))
    return path


def count(action):
    tally = ActionTally.objects.filter(pk=action.pk).first()
    return tally.signatures if tally else 0


def signed_and_mailed(client, action, smtp_server, email=ADDRESS, **fields):
    before = len(smtp_server.messages)
    response = sign(client, action, email, **fields)
    assert response.status_code == 303, response.content.decode()[:2000]
    run_email_worker()
    (message,) = smtp_server.messages[before:]
    return message


# --- the page ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_petition_page_shows_ask_target_count_and_a_form_without_tokens(client, petition):
    response = client.get("/act/reform/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The President of Kazakhstan" in html
    assert "Release everyone jailed for what they said." in html
    assert "<strong>0</strong> confirmed signatures" in html
    assert f'action="/sign/{petition.pk}/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert 'name="country"' in html and "Prefer not to say" in html
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage" in cache_control
    assert "Set-Cookie" not in response.headers and not response.cookies


@pytest.mark.django_db
def test_action_index_lists_open_actions_before_closed_ones(client, act):
    ActionPageFactory(parent=act, title="Still open")
    ActionPageFactory(
        parent=act, title="Long over", deadline=timezone.now() - datetime.timedelta(days=1)
    )
    html = client.get("/act/").content.decode()
    assert html.index("Still open") < html.index("Closed actions") < html.index("Long over")


# --- signing and confirming ----------------------------------------------------------------


@pytest.mark.django_db
def test_sign_confirm_by_emailed_link_counts_once(client, petition, smtp_server):
    message = signed_and_mailed(client, petition, smtp_server)
    assert message["To"] == "signer@example.org"
    assert "Please confirm your signature" in message["Subject"]
    signature = Signature.objects.get()
    assert signature.email == "signer@example.org" and signature.confirmed_at is None
    assert count(petition) == 0

    link = confirm_link(message)
    page = client.get(link)
    assert page.status_code == 200 and "Confirm my signature" in page.content.decode()
    assert count(petition) == 0, "opening the link (a mail scanner) must not confirm"
    assert page["Cache-Control"].startswith("max-age=0")

    done = client.post(link)
    assert done.status_code == 200
    assert "Your signature counts" in done.content.decode()
    assert "<strong>1</strong> confirmed signature" in done.content.decode()
    assert count(petition) == 1
    again = client.post(link)
    assert "already confirmed" in again.content.decode()
    assert count(petition) == 1
    assert "<strong>1</strong> confirmed signature" in client.get("/act/reform/").content.decode()


@pytest.mark.django_db
def test_thank_you_step_carries_no_state(client, petition):
    response = sign(client, petition)
    assert response["Location"] == "/act/reform/thanks/"
    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert "Check your inbox" in html
    assert "signer@example.org" not in html.lower() and "Ana" not in html
    assert "public" in thanks["Cache-Control"]


@pytest.mark.django_db
def test_duplicate_signature_is_refused_politely_by_email_without_a_second_count(
    client, petition, smtp_server, settings
):
    settings.SIGNATURE_CONFIRM_RESEND = 0
    first = signed_and_mailed(client, petition, smtp_server)
    client.post(confirm_link(first))
    duplicate = signed_and_mailed(client, petition, smtp_server, email=" SIGNER@example.ORG ")
    assert "You have already signed" in duplicate["Subject"]
    assert "already confirmed and counted" in text_of(duplicate)
    assert Signature.objects.count() == 1 and count(petition) == 1
    assert Signature.objects.get().name == "Ana Petrova"


@pytest.mark.django_db
def test_duplicate_before_confirming_resends_the_link_but_not_too_often(
    client, petition, smtp_server
):
    signed_and_mailed(client, petition, smtp_server)
    assert sign(client, petition, name="Someone Else").status_code == 303
    run_email_worker()
    assert len(smtp_server.messages) == 1, "within the resend window nothing more is sent"
    assert Signature.objects.get().name == "Ana Petrova", "a second post cannot rewrite"


@pytest.mark.django_db
def test_expired_link_says_so_and_offers_to_sign_again(client, petition, smtp_server, settings):
    message = signed_and_mailed(client, petition, smtp_server)
    settings.SIGNATURE_CONFIRM_MAX_AGE = -1
    response = client.post(confirm_link(message))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This link has expired" in html and 'href="/act/reform/"' in html
    assert count(petition) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token", ["nonsense", "a" * 300, "WzEsMl0:1abc:zzzz", "%00", "..%2F..%2F"]
)
def test_damaged_confirmation_links_get_a_clear_page(client, petition, token):
    response = client.post(f"/sign/confirm/{token}/")
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        # A NUL is refused before the view, by the site's control-character guard.
        expected = "characters that no page uses" if token == "%00" else "This link does not work"
        assert expected in response.content.decode()


@pytest.mark.django_db
def test_link_of_a_removed_signature_does_not_confirm_a_new_one(client, petition):
    sign(client, petition)
    old = Signature.objects.get()
    token = action_logic.confirm_token(old)
    old.delete()
    sign(client, petition)
    assert client.post(f"/sign/confirm/{token}/").status_code == 400
    assert count(petition) == 0


@pytest.mark.django_db
def test_closed_petition_refuses_signatures_and_says_so(client, petition):
    ActionPage.objects.filter(pk=petition.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = client.get("/act/reform/").content.decode()
    assert "This petition is closed" in page and f'action="/sign/{petition.pk}/"' not in page
    response = sign(client, petition)
    assert response.status_code == 403
    assert "This action closed on" in response.content.decode()
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_signature_made_before_the_deadline_may_be_confirmed_after_it(client, petition):
    sign(client, petition)
    signature = Signature.objects.get()
    ActionPage.objects.filter(pk=petition.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.post(f"/sign/confirm/{action_logic.confirm_token(signature)}/")
    assert count(petition) == 1


@pytest.mark.django_db
def test_goal_reached_shows_a_full_bar_and_keeps_the_form_open(client, petition):
    ActionTally.objects.create(action=petition, signatures=3)
    html = client.get("/act/reform/").content.decode()
    assert 'value="100"' in html and "Goal reached" in html
    assert f'action="/sign/{petition.pk}/"' in html


@pytest.mark.django_db
def test_progress_bar_shows_the_share_of_the_goal(client, petition):
    ActionTally.objects.create(action=petition, signatures=2)
    html = client.get("/act/reform/").content.decode()
    assert '<progress class="action-count__bar" max="100" value="66"' in html
    assert "of a goal of 3" in html and "Goal reached" not in html


@pytest.mark.django_db
def test_names_are_shown_only_for_signers_who_chose_it(client, petition):
    sign(client, petition, email="shy@example.org", name="Hidden Person")
    sign(client, petition, email="open@example.org", name="Dana Bekova", show_name="on")
    sign(client, petition, email="late@example.org", name="Unconfirmed Show", show_name="on")
    for signature in Signature.objects.exclude(email="late@example.org"):
        action_logic.confirm(signature)
    html = client.get("/act/reform/").content.decode()
    assert "Dana, France" in html
    assert "Bekova" not in html, "only the first name"
    assert "Hidden" not in html and "Unconfirmed" not in html
    assert "open@example.org" not in html and "shy@" not in html


# --- bad input ---------------------------------------------------------------------------


BAD_INPUT = [
    ({"name": ""}, "Please give your name"),
    ({"name": "   "}, "Please give your name"),
    ({"name": "x" * 101}, "under 100 characters"),
    ({"name": "<script>alert(1)</script>"}, "without &lt; or &gt;"),
    ({"email": ""}, "Please give your email address"),
    ({"email": "not-an-address"}, "does not look right"),
    ({"email": "a" * 250 + "@example.org"}, "under 254 characters"),
    ({"country": "XX"}, "choose a country from the list"),
    ({"country": ["FR", "<b>"]}, "choose a country from the list"),
    ({"consent": ""}, "Please tick this box"),
    ({"website": "http://spam.example"}, "looks automated"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "message"), BAD_INPUT)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    client, petition, fields, message
):
    response = sign(client, petition, **fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Your signature was not sent yet" in html
    assert "<script>alert" not in html
    assert response["Cache-Control"].startswith("max-age=0")
    if "name" not in fields:
        assert 'value="Ana Petrova"' in html
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_wrong_methods_and_unknown_actions(client, petition, act):
    assert client.get(f"/sign/{petition.pk}/").status_code == 405
    assert client.post("/sign/999999/", {}).status_code == 404
    letter = ActionPageFactory(parent=act, kind=ActionKind.LETTER, letter_template="Dear sir")
    assert client.post(f"/sign/{letter.pk}/", {}).status_code == 404
    assert client.post(f"/letters/{petition.pk}/sent/").status_code == 404


@pytest.mark.django_db
def test_cross_site_posts_are_refused(client, petition):
    response = sign(client, petition, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert "from another website" in response.content.decode()
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_flood_from_one_client_is_slowed_with_a_clear_message(client, petition, settings):
    from campaigns.actions import views as action_views

    limit = action_views.SIGN_GUARD.limit
    for n in range(limit):
        assert sign(client, petition, email=f"s{n}@example.org").status_code == 303
    response = sign(client, petition, email="one-more@example.org")
    assert response.status_code == 429
    assert "Please wait a while" in response.content.decode()
    assert Signature.objects.count() == limit


@pytest.mark.django_db
def test_unicode_names_are_kept(client, petition):
    sign(client, petition, name="  Айгерим   Садыкова ")
    assert Signature.objects.get().name == "Айгерим Садыкова"
    assert Signature.objects.get().first_name == "Айгерим"


# --- letters -------------------------------------------------------------------------------


@pytest.fixture
def case(home_page):
    cases = CaseIndexPageFactory(parent=home_page)
    return CasePageFactory(
        parent=cases,
        person_name="Aigerim Sadykova",
        place_of_detention="Penal colony No. 2, Pavlodar",
        postal_address="Box 158/2\nPavlodar",
        letters_reach_them=True,
        sentence="7 years",
    )


@pytest.fixture
def letter(act, case):
    return ActionPageFactory(
        parent=act,
        slug="write",
        kind=ActionKind.LETTER,
        letter_case=case,
        letter_template=(
            "Dear Prosecutor General,\n{name} is held at {place_of_detention} "
            "serving {sentence}. Write to: {address}"
        ),
    )


@pytest.mark.django_db
def test_letter_placeholders_are_filled_from_the_case(client, letter):
    html = client.get("/act/write/").content.decode()
    assert "Aigerim Sadykova is held at Penal colony No. 2, Pavlodar serving 7 years" in html
    assert "Write to: Box 158/2<br>Pavlodar" in html  # the letter reads as a letter: |linebreaks
    assert "{name}" not in html


@pytest.mark.django_db
def test_address_placeholder_stays_empty_when_letters_do_not_reach(letter, case):
    case.letters_reach_them = False
    case.save()
    assert "Box 158" not in ActionPage.objects.get(pk=letter.pk).letter_text()


@pytest.mark.django_db
def test_i_sent_a_letter_counts_and_thanks_without_state(client, letter):
    response = client.post(f"/letters/{letter.pk}/sent/", {"website": ""})
    assert response.status_code == 303 and response["Location"] == "/act/write/thanks/"
    assert ActionTally.objects.get(pk=letter.pk).letters == 1
    thanks = client.get("/act/write/thanks/").content.decode()
    assert "Thank you for writing" in thanks and "<strong>1</strong> letter sent" in thanks


@pytest.mark.django_db
def test_letter_reports_are_rate_limited_and_bots_not_counted(client, letter):
    from campaigns.actions import views as action_views

    assert client.post(f"/letters/{letter.pk}/sent/", {"website": "x"}).status_code == 400
    for _ in range(action_views.LETTER_GUARD.limit):
        client.post(f"/letters/{letter.pk}/sent/", {"website": ""})
    assert client.post(f"/letters/{letter.pk}/sent/", {"website": ""}).status_code == 429
    assert ActionTally.objects.get(pk=letter.pk).letters == action_views.LETTER_GUARD.limit


@pytest.mark.django_db
def test_letter_template_validation_names_the_problem(letter):
    from django.core.exceptions import ValidationError

    letter.letter_template = "Dear {nmae}, free {name}"
    with pytest.raises(ValidationError) as error:
        letter.full_clean()
    assert "{nmae}" in str(error.value)
    letter.letter_template = "Free {name}"
    letter.letter_case = None
    with pytest.raises(ValidationError) as error:
        letter.full_clean()
    assert "choose the case" in str(error.value)


# --- counting --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_confirm_counts_only_the_first_of_repeated_calls(client, petition):
    sign(client, petition)
    signature = Signature.objects.get()
    assert action_logic.confirm(signature) is True
    assert action_logic.confirm(signature) is False
    assert count(petition) == 1


# --- admin ---------------------------------------------------------------------------------


class ActionAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()
        cls.act = ActionIndexPageFactory(parent=cls.home)
        cls.cases = CaseIndexPageFactory(parent=cls.home)
        cls.case = CasePageFactory(parent=cls.cases, person_name="Aigerim Sadykova")

    def test_page_rules(self):
        self.assertAllowedParentPageTypes(ActionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ActionIndexPage, {ActionPage})
        self.assertAllowedParentPageTypes(ActionPage, {ActionIndexPage})
        self.assertAllowedSubpageTypes(ActionPage, set())
        self.assertFalse(ActionIndexPage.can_create_at(self.home))  # one /act/ is enough

    def test_index_can_be_created_in_the_admin(self):
        self.login()
        self.act.delete()
        self.assertCanCreate(
            self.home,
            ActionIndexPage,
            nested_form_data({"title": "Act", "slug": "act", "intro": "What you can do."}),
        )

    def test_petition_can_be_created_in_the_admin_and_renders(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Reform the article",
                "slug": "reform-the-article",
                "kind": "petition",
                "target": "The Mazhilis",
                "ask": "Rewrite the article on discord.",
                "goal": "5000",
                "deadline": "",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Why it matters.</p>")),
                        (
                            "action",
                            {"action": self.act.pk, "heading": "", "text": "", "button_label": ""},
                        ),
                    ]
                ),
                "letter_template": "",
                "letter_guidance": rich_text(""),
                "addresses": streamfield([]),
                "thank_you_text": "",
                "donate_url": "https://example.org/donate",
            }
        )
        data["related_cases"] = [self.case.pk]
        response = self.client.post(
            f"/admin/pages/add/campaigns/actionpage/{self.act.pk}/",
            {**data, "action-publish": "action-publish"},
        )
        # The teaser above chose the index, not an action: refused with a message.
        self.assertContains(response, "This field is required")
        self.assertFalse(ActionPage.objects.filter(slug="reform-the-article").exists())
        other = ActionPageFactory(parent=self.act, title="Other action")
        data["body-1-value-action"] = other.pk
        self.assertCanCreate(self.act, ActionPage, data)
        page = ActionPage.objects.get(slug="reform-the-article")
        self.assertEqual(list(page.related_cases.all()), [self.case])
        page.save_revision().publish()
        html = self.client.get("/act/reform-the-article/").content.decode()
        self.assertIn("Rewrite the article on discord.", html)
        self.assertIn("Other action", html)
        self.assertIn("Aigerim Sadykova", html)

    def test_letter_can_be_created_in_the_admin_with_an_address(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Write to the prosecutor",
                "slug": "write",
                "kind": "letter",
                "target": "The Prosecutor General",
                "ask": "Ask for a review of the case.",
                "goal": "",
                "deadline": "",
                "body": streamfield([]),
                "letter_case": self.case.pk,
                "letter_template": "Dear Sir,\nPlease review the case of {name}.",
                "letter_guidance": rich_text("<p>Do not mention politics.</p>"),
                "addresses": streamfield(
                    [
                        (
                            "address",
                            {
                                "recipient": "Prosecutor General",
                                "postal_address": "",
                                "postcode": "",
                                "city": "Astana",
                                "country": "Kazakhstan",
                                "email": "",
                                "note": "",
                            },
                        )
                    ]
                ),
                "thank_you_text": "",
                "donate_url": "",
            }
        )
        self.assertCanCreate(self.act, ActionPage, data)
        page = ActionPage.objects.get(slug="write")
        self.assertEqual(
            page.letter_text(), "Dear Sir,\nPlease review the case of Aigerim Sadykova."
        )

    def test_letter_without_text_and_address_without_where_are_refused_plainly(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Empty letter",
                "slug": "empty-letter",
                "kind": "letter",
                "target": "Someone",
                "ask": "Something.",
                "body": streamfield([]),
                "letter_template": "",
                "letter_guidance": rich_text(""),
                "addresses": streamfield(
                    [
                        (
                            "address",
                            {
                                "recipient": "Nobody",
                                "postal_address": "",
                                "postcode": "",
                                "city": "",
                                "country": "",
                                "email": "",
                                "note": "",
                            },
                        )
                    ]
                ),
            }
        )
        response = self.client.post(
            f"/admin/pages/add/campaigns/actionpage/{self.act.pk}/",
            {**data, "action-publish": "action-publish"},
        )
        self.assertContains(response, "A letter action needs the letter")
        self.assertContains(
            response,
            "Give a postal address (at least the city and country), an email address, or both.",
        )
        self.assertFalse(ActionPage.objects.filter(slug="empty-letter").exists())


# --- shared caches and query counts ----------------------------------------------------------


@pytest.mark.django_db
def test_public_action_pages_are_the_same_for_every_visitor(client, petition, letter, home_page):
    from django.test import Client

    campaign = CampaignPageFactory(
        parent=home_page,
        title="Kazakhstan",
        slug="kazakhstan",
        hero_text="Free them.",
        body=[("action", ActionTeaserBlockFactory(action=petition))],
    )
    ActionPage.objects.filter(pk=petition.pk).update(related_campaign=campaign)
    for url in (
        "/kazakhstan/",
        "/act/",
        "/act/reform/",
        "/act/reform/thanks/",
        "/act/write/",
        "/act/write/thanks/",
    ):
        first = Client().get(url)
        second = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="10.1.2.3").get(url)
        assert first.status_code == 200, url
        assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"], url
        assert first.content == second.content, url
        assert not first.cookies and "csrfmiddlewaretoken" not in first.content.decode(), url


@pytest.mark.django_db
def test_a_signed_in_editor_gets_a_private_copy(admin_client, petition):
    response = admin_client.get("/act/reform/")
    assert "private" in response["Cache-Control"]


def queries_for(client, url):
    client.get(url)  # the site and its settings are cached per process after one request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_petition_page_queries_do_not_grow_with_signatures_or_cases(client, petition, home_page):
    cases = CaseIndexPageFactory(parent=home_page)
    few = queries_for(client, "/act/reform/")
    for n in range(30):
        SignatureFactory(
            action=petition,
            email=f"s{n}@example.org",
            name=f"S {n}",
            country="FR",
            show_name=True,
            confirmed_at=timezone.now(),
        )
        petition.related_cases.add(CasePageFactory(parent=cases, person_name=f"Case {n}"))
    petition.save_revision().publish()
    ActionTally.add(petition.pk, "signatures", 30)
    many = queries_for(client, "/act/reform/")
    assert many == few, (few, many)
    assert many <= 17  # routing, privacy, site settings, menu, tally, signers, cases, languages


@pytest.mark.django_db
def test_action_index_queries_do_not_grow_with_actions(client, act):
    ActionPageFactory(parent=act)
    few = queries_for(client, "/act/")
    for _ in range(20):
        ActionTally.add(ActionPageFactory(parent=act).pk, "signatures", 3)
    many = queries_for(client, "/act/")
    assert many == few, (few, many)


# --- the call-to-action teaser in any body ---------------------------------------------------


@pytest.mark.django_db
def test_teaser_in_a_standard_page_shows_the_live_count_and_hides_unpublished_actions(
    client, home_page, petition, act
):
    draft = ActionPageFactory(parent=act, title="Draft action", live=False)
    StandardPageFactory(
        parent=home_page,
        title="About",
        slug="about",
        body=[
            ("action", ActionTeaserBlockFactory(action=petition)),
            ("action", ActionTeaserBlockFactory(action=draft, heading="Hidden")),
        ],
    )
    ActionTally.add(petition.pk, "signatures", 2)
    html = client.get("/about/").content.decode()
    assert petition.title in html and "<strong>2</strong> confirmed signatures" in html
    assert 'href="/act/reform/"' in html and "Sign the petition" in html
    assert "Hidden" not in html and "Draft action" not in html
