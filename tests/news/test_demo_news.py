"""The demo's campaign news: one approved issue in English, Russian and Kazakh, and the
newsletter page in every language."""

import pytest

from campaigns.models import CampaignPage, NewsIssue, NewsSubscriber
from campaigns.news.sending import can_send


@pytest.fixture
def demo(built_demo, db):
    return built_demo


def test_the_demo_issue_is_approved_and_translated(demo):
    issues = {issue.locale.language_code: issue for issue in NewsIssue.objects.all()}
    assert set(issues) == {"en", "ru", "kk"}
    assert all(issue.live for issue in issues.values())
    assert issues["ru"].subject == "Новости кампании: три дела, три исхода"
    assert issues["kk"].subject == "Науқан жаңалықтары: үш іс, үш нәтиже"
    assert "Козлова" in str(issues["ru"].body[1].value)
    assert can_send(issues["en"]) and not can_send(issues["ru"])
    assert not NewsSubscriber.objects.exists()  # no invented supporters


@pytest.mark.parametrize("prefix", ["", "/ru", "/kk"])
def test_the_newsletter_page_works_in_every_language(client, demo, prefix):
    response = client.get(f"{prefix}/newsletter/")
    language = prefix.strip("/") or "en"
    campaign = CampaignPage.objects.get(slug="kazakhstan", locale__language_code=language)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in body
    assert f">{campaign.title}</option>" in body  # the campaign as this reader reads it
