"""News issues: written by a campaigner in the admin, approved by an editor through the
review workflow, sent once to each confirmed subscriber in their language, reported in
counts. Sending goes through the real email queue (`run_email_worker()`)."""

import datetime
import re
from email import message_from_string

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.access.roles import CAMPAIGNERS, EDITORS, SUPPORTER_DATA
from campaigns.models import NewsDelivery, NewsIssue, NewsSubscriber, OutboundEmail
from campaigns.news.blocks import LatestUpdatesBlock, ParagraphBlock, update_choices
from campaigns.news.models import SubscriberStatus
from campaigns.news.sending import send_batch, send_report, unsubscribe_mailto
from campaigns.outbox.messages import build_message
from campaigns.outbox.models import EmailStatus

from ..access.factories import UserFactory
from ..cases.factories import CasePageFactory, add_updates
from ..home.factories import translate
from ..landing.factories import CampaignPageFactory
from ..smtp import run_email_worker
from .factories import NewsIssueFactory, NewsSubscriberFactory, translate_issue

ADD = "wagtailsnippets_campaigns_newsissue:add"
EDIT = "wagtailsnippets_campaigns_newsissue:edit"
REPORT = "wagtailsnippets_campaigns_newsissue:report"
SUBSCRIBERS = "news_subscribers:index"
UNSUBSCRIBE = re.compile(r"<http://testserver(/(?:ru/|kk/)?newsletter/unsubscribe/\?token=[^>]+)>")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def people(db):
    return {role: UserFactory(role=role) for role in (CAMPAIGNERS, EDITORS, SUPPORTER_DATA)}


@pytest.fixture
def languages(home_page):
    translate(home_page, "ru")
    translate(home_page, "kk")
    return home_page


def signed_in(client, user):
    client.force_login(user)
    return client


def issue_form(subject="Appeal heard", **actions):
    return nested_form_data(
        {
            "subject": subject,
            "campaign": "",
            "body": streamfield(
                [
                    ("heading", "From the courts"),
                    ("paragraph", rich_text("<p>The appeal was heard this week.</p>")),
                    ("latest_updates", {"heading": "Latest case updates", "count": "2"}),
                    ("open_actions", {"heading": "Act now", "count": "2"}),
                    ("button", {"text": "Read more", "url": "https://example.org/news"}),
                ]
            ),
            **actions,
        }
    )


def send(client, issue):
    """The editor's "Send to subscribers", then the email worker's pass."""
    response = client.post(reverse(REPORT, args=[issue.pk]))
    run_email_worker()
    return response


def test_a_campaigner_writes_and_submits_an_issue_but_cannot_approve_or_send(
    client, languages, people
):
    campaigner = signed_in(client, people[CAMPAIGNERS])
    response = campaigner.post(reverse(ADD), issue_form(**{"action-submit": "submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = NewsIssue.objects.get()
    assert not issue.live  # submitted for review, not published
    assert issue.current_workflow_state is not None
    task_state = issue.current_workflow_task_state
    approve = reverse(
        "wagtailsnippets_campaigns_newsissue:workflow_action",
        args=[issue.pk, "approve", task_state.pk],
    )
    campaigner.post(approve, {"comment": ""})
    assert not NewsIssue.objects.get().live
    # Publishing directly is not theirs either, nor is sending.
    campaigner.post(reverse(EDIT, args=[issue.pk]), issue_form(**{"action-publish": "p"}))
    assert not NewsIssue.objects.get().live
    NewsSubscriberFactory()
    assert campaigner.post(reverse(REPORT, args=[issue.pk])).status_code in (302, 403)
    assert not NewsDelivery.objects.exists()
    # They see the report (counts), never the subscribers.
    assert campaigner.get(reverse(REPORT, args=[issue.pk])).status_code == 200
    assert campaigner.get(reverse(SUBSCRIBERS)).status_code in (302, 403)


def test_an_editor_approves_the_submitted_issue_then_sends_it(client, languages, people):
    signed_in(client, people[CAMPAIGNERS]).post(
        reverse(ADD), issue_form(**{"action-submit": "submit"})
    )
    issue = NewsIssue.objects.get()
    editor = signed_in(client, people[EDITORS])
    task_state = issue.current_workflow_task_state
    editor.post(
        reverse(
            "wagtailsnippets_campaigns_newsissue:workflow_action",
            args=[issue.pk, "approve", task_state.pk],
        ),
        {"comment": "Checked."},
    )
    issue.refresh_from_db()
    assert issue.live
    NewsSubscriberFactory(email="anna@example.org")
    assert "Send to subscribers" in editor.get(reverse(REPORT, args=[issue.pk])).content.decode()
    assert send(editor, issue).status_code == 302
    (email,) = OutboundEmail.objects.all()
    assert email.to == ["anna@example.org"] and email.status == EmailStatus.SENT
    assert "From the courts" in email.body_text and "Read more" in email.body_html


def test_an_unapproved_issue_cannot_be_sent(client, people):
    issue = NewsIssueFactory(live=False)
    NewsSubscriberFactory()
    editor = signed_in(client, people[EDITORS])
    assert (
        "Send to subscribers" not in editor.get(reverse(REPORT, args=[issue.pk])).content.decode()
    )
    assert send(editor, issue).status_code in (302, 403)  # Wagtail: "no permission"
    assert not OutboundEmail.objects.exists()
    assert NewsIssue.objects.get().sending_started_at is None


def test_each_confirmed_subscriber_gets_one_email_in_their_language(client, languages, people):
    issue = NewsIssueFactory(subject="Campaign news: the appeal")
    translate_issue(issue, "ru", "Новости кампании: апелляция")
    translate_issue(issue, "kk", "Науқан жаңалықтары: апелляция", live=False)  # not approved
    english = NewsSubscriberFactory(email="anna@example.org", language="en")
    russian = NewsSubscriberFactory(email="ivan@example.org", language="ru")
    kazakh = NewsSubscriberFactory(email="aida@example.org", language="kk")
    NewsSubscriberFactory(email="pending@example.org", status=SubscriberStatus.PENDING)
    NewsSubscriberFactory(email="gone@example.org", status=SubscriberStatus.UNSUBSCRIBED)
    NewsSubscriberFactory(email="bounce@example.org", status=SubscriberStatus.BOUNCING)
    send(signed_in(client, people[EDITORS]), issue)
    emails = {email.to[0]: email for email in OutboundEmail.objects.all()}
    assert set(emails) == {english.email, russian.email, kazakh.email}
    assert emails[russian.email].subject == "Новости кампании: апелляция"
    assert emails[kazakh.email].subject == "Campaign news: the appeal"  # English fallback
    # Each reader's own link, on their language's address; each email in its language.
    assert "http://testserver/ru/newsletter/unsubscribe/?token=" in emails[russian.email].body_text
    assert '<html lang="ru">' in emails[russian.email].body_html
    assert '<html lang="en">' in emails[kazakh.email].body_html  # all of it in English
    for subscriber in (english, russian, kazakh):
        email = emails[subscriber.email]
        assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        (link,) = UNSUBSCRIBE.findall(email.headers["List-Unsubscribe"])
        assert "<mailto:" in email.headers["List-Unsubscribe"]
        assert link in email.body_text.replace("http://testserver", "")
        # The built message carries both headers, and the link works (RFC 8058 one-click).
        message = message_from_string(build_message(email).message().as_string())
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        response = client.post(
            link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    issue.refresh_from_db()
    report = send_report(issue)
    assert (report["total"], report["sent"], report["failed"], report["unsubscribed"]) == (
        3,
        3,
        0,
        3,
    )


def test_sending_twice_sends_nothing_more(client, people, settings):
    settings.NEWS_BATCH_SIZE = 2  # three batches for five subscribers
    issue = NewsIssueFactory()
    NewsSubscriberFactory.create_batch(5)
    editor = signed_in(client, people[EDITORS])
    send(editor, issue)
    assert OutboundEmail.objects.count() == NewsDelivery.objects.count() == 5
    send(editor, issue)
    send_batch.enqueue(issue.pk)  # a duplicated task
    run_email_worker()
    assert OutboundEmail.objects.count() == 5
    assert len({tuple(e.to) for e in OutboundEmail.objects.all()}) == 5


def test_a_campaign_issue_goes_to_that_campaign_s_and_to_all_news_subscribers(people, client):
    kazakhstan = CampaignPageFactory(title="Kazakhstan", slug="kz")
    other = CampaignPageFactory(title="Other", slug="other")
    issue = NewsIssueFactory(campaign=kazakhstan)
    NewsSubscriberFactory(email="all@example.org")
    NewsSubscriberFactory(email="kz@example.org", campaign=kazakhstan)
    NewsSubscriberFactory(email="other@example.org", campaign=other)
    send(signed_in(client, people[EDITORS]), issue)
    assert {e.to[0] for e in OutboundEmail.objects.all()} == {"all@example.org", "kz@example.org"}


def test_permanent_failures_mark_the_subscriber_bouncing(client, people, settings):
    settings.NEWS_BOUNCE_LIMIT = 2
    subscriber = NewsSubscriberFactory()
    editor = signed_in(client, people[EDITORS])
    for _n in range(2):
        issue = NewsIssueFactory()
        send(editor, issue)
        OutboundEmail.objects.update(status=EmailStatus.FAILED)  # the server said 550
    third = NewsIssueFactory()
    send(editor, third)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.BOUNCING
    assert not third.deliveries.exists()
    assert send_report(third)["total"] == 0


def test_the_report_shows_counts_and_never_addresses(client, people):
    issue = NewsIssueFactory()
    NewsSubscriberFactory(email="secret-reader@example.org")
    editor = signed_in(client, people[EDITORS])
    send(editor, issue)
    for role in (CAMPAIGNERS, EDITORS):
        page = signed_in(client, people[role]).get(reverse(REPORT, args=[issue.pk]))
        body = page.content.decode()
        assert page.status_code == 200
        assert "secret-reader" not in body
        assert re.search(r"Sent</th><td>1<", body)


def test_the_preview_shows_the_email_as_sent(client, people, cases):
    case = CasePageFactory(parent=cases, person_name="Aigerim Sadykova")
    add_updates(case, 2)
    editor = signed_in(client, people[CAMPAIGNERS])
    issue = NewsIssueFactory(
        body=[("latest_updates", {"heading": "Latest", "updates": [], "count": 2})]
    )
    url = reverse("wagtailsnippets_campaigns_newsissue:preview_on_edit", args=[issue.pk])
    data = issue_form("Preview subject")
    assert editor.post(url, data).json()["is_valid"]
    html = editor.get(url, {"mode": "html"}).content.decode()
    assert "Preview subject" in html and "Aigerim Sadykova" in html
    text = editor.get(url, {"mode": "text"}).content.decode()
    assert "Preview subject" in text and "<pre>" in text


def test_only_the_supporter_data_role_sees_and_exports_subscribers(client, people):
    NewsSubscriberFactory(email="secret-reader@example.org")
    NewsSubscriberFactory(email="pending@example.org", status=SubscriberStatus.PENDING)
    for role in (CAMPAIGNERS, EDITORS):
        response = signed_in(client, people[role]).get(reverse(SUBSCRIBERS))
        assert response.status_code in (302, 403)
        assert b"secret-reader" not in response.content
        export = client.get(reverse(SUBSCRIBERS), {"export": "csv"})
        assert export.status_code in (302, 403)
    data = signed_in(client, people[SUPPORTER_DATA])
    assert b"secret-reader" in data.get(reverse(SUBSCRIBERS)).content
    export = data.get(reverse(SUBSCRIBERS), {"export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "secret-reader@example.org" in text and "pending@example.org" not in text
    assert "no-cache" in export["Cache-Control"]


def test_an_issue_is_created_through_the_admin_by_a_campaigner(client, people):
    response = signed_in(client, people[CAMPAIGNERS]).post(reverse(ADD), issue_form())
    assert response.status_code == 302
    issue = NewsIssue.objects.get()
    assert [block.block_type for block in issue.body] == [
        "heading",
        "paragraph",
        "latest_updates",
        "open_actions",
        "button",
    ]
    assert not issue.live and NewsSubscriber.objects.count() == 0


def test_the_listing_offers_each_issue_s_send_report(client, people):
    issue = NewsIssueFactory(subject="Appeal heard")
    page = signed_in(client, people[CAMPAIGNERS]).get(
        reverse("wagtailsnippets_campaigns_newsissue:list")
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "Appeal heard" in body and reverse(REPORT, args=[issue.pk]) in body


def test_an_issue_of_a_campaign_is_translated_with_wagtail_localize(languages):
    campaign = CampaignPageFactory(parent=languages, title="Kazakhstan", slug="kz")
    issue = NewsIssueFactory(campaign=campaign, subject="The appeal")
    russian = translate(issue, "ru", {"The appeal": "Апелляция", "From the courts": "Из судов"})
    assert (russian.subject, russian.campaign_id, russian.live) == ("Апелляция", campaign.pk, True)
    assert russian.body[0].value == "Из судов"


def test_updates_of_a_private_case_never_reach_an_issue(cases):
    public = CasePageFactory(parent=cases, person_name="Public Person")
    private = CasePageFactory(parent=cases, person_name="Private Person")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    add_updates(public, 1)
    add_updates(private, 1, start=datetime.date(2024, 1, 1))  # the newer one
    block = LatestUpdatesBlock()
    titles = [item["title"] for item in block.items({"updates": [], "count": 5})]
    assert titles == ["Public Person: Hearing 0"]
    assert all("Private Person" not in label for _pk, label in update_choices())


def test_links_of_an_issue_s_text_work_in_a_mail_client(settings):
    settings.BASE_URL = "https://campaign.example.org"
    block = ParagraphBlock()
    value = block.to_python(
        '<p>Read <a href="/cases/aigerim-a/">her case</a> and '
        '<a href="https://example.net/report">the report</a>.</p>'
    )
    html = block.render(value)
    assert 'href="https://campaign.example.org/cases/aigerim-a/"' in html
    assert 'href="https://example.net/report"' in html
    assert block.as_text(value) == (
        "Read her case (https://campaign.example.org/cases/aigerim-a/) and "
        "the report (https://example.net/report)."
    )


@pytest.mark.parametrize(
    "sender, header",
    [
        ("campaign@example.org", "mailto:campaign@example.org?subject=unsubscribe"),
        ("Free Them <team@example.org>", "mailto:team@example.org?subject=unsubscribe"),
        ("", ""),
    ],
)
def test_the_list_unsubscribe_mailto_is_only_the_address(sender, header):
    assert unsubscribe_mailto(sender) == header


def test_deleting_a_campaign_takes_its_subscriptions_and_issues_with_it(db):
    """Made "all news" instead, they would reach people who never asked for it."""
    kazakhstan = CampaignPageFactory(title="Kazakhstan", slug="kz")
    NewsSubscriberFactory(email="both@example.org")
    NewsSubscriberFactory(email="both@example.org", campaign=kazakhstan)
    NewsSubscriberFactory(email="kz@example.org", campaign=kazakhstan)
    NewsIssueFactory(campaign=kazakhstan)
    everyone = NewsIssueFactory()
    kazakhstan.delete()
    assert list(NewsSubscriber.objects.values_list("email", "campaign")) == [
        ("both@example.org", None)
    ]
    assert list(NewsIssue.objects.all()) == [everyone]
