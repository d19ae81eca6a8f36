"""Following a case by email: double opt-in, batched notices, one-click unsubscribe.

Email goes through the real queue (`run_email_worker()`) to a real SMTP server (aiosmtpd).
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.follows import notify as follow_logic
from campaigns.models import CasePage, CaseUpdate, Follow, OutboundEmail

from .. import smtp
from ..cases.factories import CasePageFactory, add_updates
from ..smtp import run_email_worker
from .factories import FollowFactory

smtp_server = smtp.smtp_server  # the fixture, under the name the tests ask for

ADDRESS = "reader@example.org"
LINK = re.compile(
    r"http://testserver(/follow/confirm/[^/\s\"<>]+/|/follow/[a-z]+/\?token=[^\s\"<>&]+)"
)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def case(cases):
    case = CasePageFactory(parent=cases, person_name="Aigerim Sadykova")
    add_updates(case, 2)
    return case


def follow(client, case, email=ADDRESS, **extra):
    return client.post(f"/follow/{case.pk}/", {"email": email, "website": ""}, **extra)


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message, kind):
    (path,) = {p for p in LINK.findall(text_of(message)) if p.startswith(f"/follow/{kind}/")}
    return path


def publish_with_update(case, title="Verdict appealed", date=datetime.date(2021, 5, 1)):
    page = CasePage.objects.get(pk=case.pk)
    page.updates.add(
        CaseUpdate(date=date, title=title, body="<p>The appeal was <b>filed</b>.</p>")
    )
    page.save_revision().publish()
    return page


def confirmed_follow(client, case, smtp_server, email=ADDRESS):
    """Follow, then confirm through the link in the email that arrived; return the follow."""
    count = len(smtp_server.messages)
    follow(client, case, email)
    run_email_worker()
    (message,) = [m for m in smtp_server.messages[count:] if m["To"] == email]
    assert client.post(link_in(message, "confirm")).status_code == 200
    return Follow.objects.get(email=email.lower(), case=case)


# --- double opt-in ---------------------------------------------------------------------


def test_following_sends_exactly_one_confirmation_and_its_link_confirms(client, case, smtp_server):
    response = follow(client, case)
    assert response.status_code == 200
    assert "Check your inbox" in response.text
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert ADDRESS not in response.text
    assert smtp_server.messages == []  # queued, not sent in the request

    run_email_worker()

    (message,) = smtp_server.messages
    assert message["To"] == ADDRESS
    assert "Aigerim Sadykova" in message["Subject"]
    assert message.get_content_type() == "multipart/alternative"
    assert "/follow/confirm/" in html_of(message)
    record = Follow.objects.get()
    assert record.confirmed_at is None

    link = link_in(message, "confirm")
    response = client.get(link)
    assert response.status_code == 200
    assert "Confirm: follow this case" in response.text
    record.refresh_from_db()
    assert record.confirmed_at is None, "opening the link (a mail scanner) must not confirm"

    response = client.post(link)
    assert response.status_code == 200
    assert "You are following this case" in response.text
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    record.refresh_from_db()
    assert record.confirmed_at is not None
    assert "You are following this case" in client.get(link).text
    # Updates published before confirming are not news.
    assert record.last_notified_update_id == case.updates.order_by("-pk").first().pk


def test_following_again_while_pending_sends_no_second_confirmation(client, case, smtp_server):
    follow(client, case)
    follow(client, case, email="  reader@EXAMPLE.org ")  # the same address, domain in capitals
    run_email_worker()
    assert len(smtp_server.messages) == 1
    assert Follow.objects.count() == 1
    assert Follow.objects.get().email == ADDRESS


def test_a_confirmation_is_sent_again_once_the_resend_window_has_passed(client, case, smtp_server):
    follow(client, case)
    Follow.objects.update(confirmation_sent_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    follow(client, case)
    run_email_worker()
    assert len(smtp_server.messages) == 2


def test_the_answer_is_the_same_whether_or_not_the_address_already_follows(
    client, case, smtp_server
):
    first = follow(client, case)
    confirmed_follow(client, case, smtp_server, email="other@example.org")
    again = follow(client, case, email="other@example.org")
    assert first.status_code == again.status_code == 200
    assert first.text.replace(ADDRESS, "") == again.text.replace("other@example.org", "")
    run_email_worker()
    # The confirmed address was sent nothing more.
    assert sorted(m["To"] for m in smtp_server.messages) == ["other@example.org", ADDRESS]


def test_a_new_confirmation_link_makes_an_older_one_useless(client, case, smtp_server):
    follow(client, case)
    run_email_worker()
    old_link = link_in(smtp_server.messages[0], "confirm")
    Follow.objects.update(confirmation_sent_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    follow(client, case)
    run_email_worker()
    assert client.post(old_link).status_code == 400
    assert client.post(link_in(smtp_server.messages[1], "confirm")).status_code == 200
    assert Follow.objects.get().confirmed_at is not None


def test_an_expired_confirmation_link_gets_a_clear_400_page(client, case, smtp_server, settings):
    follow(client, case)
    run_email_worker()
    settings.FOLLOW_CONFIRM_MAX_AGE = -1
    response = client.post(link_in(smtp_server.messages[0], "confirm"))
    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert Follow.objects.get().confirmed_at is None


@pytest.mark.parametrize("kind", ["confirm", "manage", "unsubscribe"])
def test_a_tampered_or_forged_link_gets_a_clear_400_page(client, case, kind):
    record = FollowFactory(email=ADDRESS, case=case)
    token = {
        "confirm": follow_logic.confirm_token,
        "manage": follow_logic.manage_token,
        "unsubscribe": follow_logic.unsubscribe_token,
    }[kind](record)

    def path(kind, token):
        return (
            f"/follow/confirm/{token}/" if kind == "confirm" else f"/follow/{kind}/?token={token}"
        )

    for bad in (token[:-2] + "xx", "garbage", "a" * 500, token.replace(":", "-", 1)):
        response = client.get(path(kind, bad))
        assert response.status_code == 400, bad
        assert "This link does not work" in response.text
    # A token signed for one purpose is refused for another.
    other = "manage" if kind != "manage" else "unsubscribe"
    assert client.get(path(other, token)).status_code == 400


# --- notifications ---------------------------------------------------------------------


def test_publishing_a_new_update_sends_one_email_per_confirmed_follower(
    client, cases, case, smtp_server
):
    confirmed_follow(client, case, smtp_server, "one@example.org")
    confirmed_follow(client, case, smtp_server, "two@example.org")
    follow(client, case, "pending@example.org")  # never confirmed
    gone = confirmed_follow(client, case, smtp_server, "gone@example.org")
    follow_logic.unsubscribe(Follow.objects.filter(pk=gone.pk))
    other_case = CasePageFactory(parent=cases, person_name="Other Person")
    confirmed_follow(client, other_case, smtp_server, "elsewhere@example.org")
    run_email_worker()
    before = len(smtp_server.messages)

    publish_with_update(case, "Verdict appealed", datetime.date(2021, 5, 1))
    publish_with_update(case, "Transferred", datetime.date(2021, 6, 1))
    run_email_worker()

    notices = smtp_server.messages[before:]
    # Two publications, each with news: each follower gets one email per publication.
    assert sorted(m["To"] for m in notices) == ["one@example.org"] * 2 + ["two@example.org"] * 2

    # Publishing again with nothing new sends nothing.
    CasePage.objects.get(pk=case.pk).save_revision().publish()
    run_email_worker()
    assert len(smtp_server.messages) == before + 4


def test_several_new_updates_come_in_one_email(client, case, smtp_server):
    confirmed_follow(client, case, smtp_server)
    page = CasePage.objects.get(pk=case.pk)
    page.updates.add(CaseUpdate(date=datetime.date(2021, 5, 1), title="Appeal filed"))
    page.updates.add(CaseUpdate(date=datetime.date(2021, 6, 1), title="Appeal heard"))
    page.save_revision().publish()
    run_email_worker()
    notice = smtp_server.messages[-1]
    assert len(smtp_server.messages) == 2
    assert "2 updates" in notice["Subject"]
    text = text_of(notice)
    assert "Appeal filed" in text and "Appeal heard" in text
    assert "Hearing 0" not in text  # published before the follow was confirmed


def test_the_notice_has_both_parts_links_and_one_click_unsubscribe(client, case, smtp_server):
    record = confirmed_follow(client, case, smtp_server)
    publish_with_update(case, "Verdict <appealed>")
    run_email_worker()
    notice = smtp_server.messages[-1]

    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = notice["List-Unsubscribe"]
    match = re.fullmatch(r"<http://testserver(/follow/unsubscribe/\?token=[^>]+)>", header)
    assert match, header
    text, html = text_of(notice), html_of(notice)
    assert "Verdict <appealed>" in text and "The appeal was filed." in text
    assert "Verdict &lt;appealed&gt;" in html
    assert "/follow/unsubscribe/?token=" in text and "/follow/manage/?token=" in text
    assert "/follow/unsubscribe/?token=" in html and "/follow/manage/?token=" in html
    assert f"http://testserver{case.url}#update-" in text

    # RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click", with no cookie or token.
    response = client.post(match[1], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You have stopped following this case" in response.text
    record.refresh_from_db()
    assert record.unsubscribed_at is not None

    publish_with_update(case, "Released", datetime.date(2021, 7, 1))
    run_email_worker()
    assert smtp_server.messages[-1] is notice  # nothing more sent


def test_the_unsubscribe_link_shows_a_button_before_it_unsubscribes(client, case, smtp_server):
    record = confirmed_follow(client, case, smtp_server)
    token = follow_logic.unsubscribe_token(record)
    response = client.get(f"/follow/unsubscribe/?token={token}", follow=True)
    assert response.status_code == 200
    assert "Stop following this case?" in response.text
    assert '<form method="post" action="/follow/unsubscribe/">' in response.text
    record.refresh_from_db()
    assert record.unsubscribed_at is None
    assert client.post("/follow/unsubscribe/", {"token": token}).status_code == 200
    record.refresh_from_db()
    assert record.unsubscribed_at is not None


def test_refollowing_after_unsubscribing_needs_a_new_confirmation(client, case, smtp_server):
    record = confirmed_follow(client, case, smtp_server)
    first_link = link_in(smtp_server.messages[0], "confirm")
    client.post(f"/follow/unsubscribe/?token={follow_logic.unsubscribe_token(record)}")
    Follow.objects.update(confirmation_sent_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    follow(client, case)
    run_email_worker()
    assert len(smtp_server.messages) == 2
    assert client.post(first_link).status_code == 400  # the old link does not resubscribe
    record.refresh_from_db()
    assert record.confirmed_at is None and record.unsubscribed_at is None


# --- managing follows ------------------------------------------------------------------


def test_the_manage_page_lists_every_case_of_the_address_and_unsubscribes(
    client, cases, case, smtp_server
):
    second = CasePageFactory(parent=cases, person_name="Second Person")
    third = CasePageFactory(parent=cases, person_name="Third Person")
    for each in (case, second, third):
        confirmed_follow(client, each, smtp_server)
    confirmed_follow(client, case, smtp_server, "someone.else@example.org")
    publish_with_update(second)
    run_email_worker()
    response = client.get(link_in(smtp_server.messages[-1], "manage"), follow=True)
    manage_path = "/follow/manage/"  # the session holds the token from here on
    assert response.redirect_chain == [(manage_path, 303)]
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    for name in ("Aigerim Sadykova", "Second Person", "Third Person"):
        assert name in response.text
    assert "someone.else" not in response.text

    follows = {f.case_id: f for f in Follow.objects.filter(email=ADDRESS)}
    response = client.post(manage_path, {"follow": [follows[second.pk].pk]})
    assert response.status_code == 200
    assert "Second Person" not in response.text
    assert "Aigerim Sadykova" in response.text
    # Ids of another address's follows are ignored.
    others = Follow.objects.get(email="someone.else@example.org")
    client.post(manage_path, {"follow": [others.pk, "x"]})
    others.refresh_from_db()
    assert others.unsubscribed_at is None

    response = client.post(manage_path, {"all": "1"})
    assert "This address follows no cases now." in response.text
    assert not Follow.objects.filter(email=ADDRESS, unsubscribed_at__isnull=True).exists()


# --- bad input and abuse ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Please give the email address"),
        ("   ", "Please give the email address"),
        ("not-an-address", "does not look right"),
        ("a@b", "does not look right"),
        ("жанна@example.org", "does not look right"),
        ("reader@example.org\r\nBcc: victim@example.org", "does not look right"),
        ("a" * 100_000 + "@example.org", "under 254 characters"),
    ],
)
def test_bad_addresses_get_a_clear_message_and_nothing_is_sent(
    client, case, smtp_server, email, message
):
    response = follow(client, case, email)
    assert response.status_code == 400
    assert message in response.text
    assert "You are not following this case yet" in response.text
    assert not Follow.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_a_unicode_domain_is_accepted(client, case, smtp_server):
    assert follow(client, case, "reader@Exämple.org").status_code == 200
    assert Follow.objects.get().email == "reader@exämple.org"
    run_email_worker()
    (message,) = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == "reader@xn--exmple-cua.org"


def test_a_100_kb_body_is_refused_clearly(client, case):
    response = client.post(
        f"/follow/{case.pk}/", {"email": ADDRESS, "website": "", "padding": "x" * 100_000}
    )
    assert response.status_code == 200  # unknown fields are ignored
    response = client.post(f"/follow/{case.pk}/", {"email": "x" * 100_000})
    assert response.status_code == 400
    assert "under 254 characters" in response.text


def test_a_filled_honeypot_is_refused(client, case):
    response = client.post(f"/follow/{case.pk}/", {"email": ADDRESS, "website": "spam.example"})
    assert response.status_code == 400
    assert "looks automated" in response.text
    assert not Follow.objects.exists()


def test_a_cross_site_post_is_refused(client, case):
    response = follow(client, case, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert "sent from another website" in response.text
    assert not Follow.objects.exists()


def test_a_flood_is_stopped_by_the_rate_limit(client, case, settings):
    from campaigns.follows.views import FOLLOW_GUARD

    for n in range(FOLLOW_GUARD.limit):
        assert follow(client, case, f"r{n}@example.org").status_code == 200
    response = follow(client, case, "one-too-many@example.org")
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.text
    assert not Follow.objects.filter(email="one-too-many@example.org").exists()


def test_only_post_is_accepted_and_unknown_cases_are_404(client, case):
    assert client.get(f"/follow/{case.pk}/").status_code == 405
    assert client.post("/follow/999999/", {"email": ADDRESS}).status_code == 404
    CasePage.objects.filter(pk=case.pk).update(live=False)
    assert follow(client, case).status_code == 404


# --- the case page ---------------------------------------------------------------------


def test_the_case_page_has_the_form_and_stays_publicly_cacheable(client, case):
    response = client.get(case.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.text
    assert "Set-Cookie" not in response.headers
    html = response.text
    assert f'action="/follow/{case.pk}/"' in html
    assert ">Your email</label>" in html
    assert "Follow this case</button>" in html
    assert 'href="/privacy/"' in html
    assert 'name="website"' in html


def test_the_case_page_queries_do_not_grow_with_followers(client, case):
    def count_queries():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(case.url).status_code == 200
        return len(queries)

    count_queries()  # the first request also reads the site's languages, once per process
    without = count_queries()
    Follow.objects.bulk_create(
        Follow(email=f"r{n}@example.org", case=case, confirmed_at=case.first_published_at)
        for n in range(50)
    )
    assert count_queries() == without
    assert "r1@example.org" not in client.get(case.url).text


def test_a_private_case_sends_no_news(client, case, smtp_server):
    from wagtail.models import PageViewRestriction

    confirmed_follow(client, case, smtp_server)
    PageViewRestriction.objects.create(page=case, restriction_type="login")
    publish_with_update(case)
    run_email_worker()
    assert len(smtp_server.messages) == 1  # only the confirmation
