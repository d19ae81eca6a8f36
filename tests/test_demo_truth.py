"""The demo tells the truth: its facts, links and counts say what they are (issue 11).

Each test loads the whole demo once and checks several things, as loading it is slow.
"""

import re

import pytest

from campaigns.models import BlogComment

SEED_POST = "/blog/kazakhstan-political-prisoners-and-human-rights/"
REAL_CASES = ["mukhtar-ablyazov", "vladimir-kozlov", "serikzhan-bilash"]


@pytest.fixture
def demo(built_demo, db):
    return built_demo


def comment_item(html, comment):
    """The HTML of a comment's <li>, replies included, from the page's comment list."""
    start = html.index(f'<li class="comment" id="comment-{comment.pk}">')
    depth, position = 0, start
    for tag in re.finditer(r"<(/?)li\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            position = start + tag.end()
            break
    return html[start:position]


def test_the_team_reply_sits_under_the_question_it_answers(demo, client):
    reply = BlogComment.objects.get(author_name="Campaign team")
    assert "Freedom House" in reply.body
    assert reply.parent.author_name == "Mark"
    assert "monitoring reports" in reply.parent.body
    html = client.get(SEED_POST).content.decode()
    assert reply.body.replace("'", "&#x27;") in comment_item(html, reply.parent)
    aizhan = BlogComment.objects.get(author_name="Aizhan")
    assert "Freedom House" not in comment_item(html, aizhan)


def test_every_demo_action_names_only_cases_charged_under_its_article(demo, client):
    from campaigns.actions.demo import TARGETED_ARTICLES, charged_under
    from campaigns.models import ActionPage

    actions = ActionPage.objects.filter(locale__language_code="en")
    # Every demo action says which article it targets (None for one that targets none).
    assert {action.slug for action in actions} <= set(TARGETED_ARTICLES)
    for action in actions:
        articles = TARGETED_ARTICLES[action.slug]
        related = list(action.related_cases.all())
        assert related, action.slug
        for case in related if articles else ():
            assert charged_under(case, articles), (action.slug, case.slug)
    petition = actions.get(slug="reform-inciting-discord", locale__language_code="en")
    assert not petition.related_cases.filter(slug="mukhtar-ablyazov").exists()
    # So the petition is not promoted on the page of a man convicted of other crimes.
    html = client.get("/cases/mukhtar-ablyazov/").content.decode()
    assert 'href="/act/reform-inciting-discord/"' not in html
    assert 'href="/act/reform-inciting-discord/"' in client.get("/cases/vladimir-kozlov/").text


def test_bilash_is_in_exile_as_a_dated_sourced_update_says(demo, client):
    from campaigns.models import CasePage

    case = CasePage.objects.get(slug="serikzhan-bilash", locale__language_code="en")
    assert case.current_status == "in-exile"
    setting = [update for update in case.ordered_updates if update.new_status]
    latest = setting[0]
    assert (latest.date.isoformat(), latest.new_status) == ("2021-01-20", "in-exile")
    assert setting[1].new_status == "restricted-freedom"  # from the release, 17 August 2019
    assert "restricted freedom to in exile" in latest.body
    assert "2020 (exact date not confirmed)" in latest.body
    # Its sources are cited by the page, with an address to check them.
    cited = {source.value["url"] for source in case.sources}
    assert latest.sources and all(
        source.value["url"] in cited and source.value["url"] for source in latest.sources
    )
    html = client.get("/cases/serikzhan-bilash/").content.decode()
    assert "<dt>Status</dt><dd>In exile</dd>" in html
    assert "exact date not confirmed" in html and "United States" in html


def test_every_status_a_real_case_reaches_is_dated_and_sourced(demo):
    from campaigns.models import CasePage

    for case in CasePage.objects.filter(slug__in=REAL_CASES):
        for update in case.updates.exclude(new_status=""):
            assert update.date and len(update.sources) > 0, (case.slug, update.title)


def test_a_dozen_fictional_cases_marked_as_such_and_listed_after_the_real_ones(demo, client):
    from campaigns.models import CasePage, CaseStatus

    fictional = CasePage.objects.filter(is_fictional=True)
    assert fictional.count() == 12
    # Enough to show every status in the filters, a second page and a chart.
    assert set(fictional.values_list("current_status", flat=True)) == set(CaseStatus.values)
    response = client.get("/cases/")
    assert response.context["paginator"].num_pages == 2
    assert len(response.context["chart"].bars) > 3
    listed = list(response.context["cases_page"])
    assert [case.slug for case in listed[:3]] == [
        "serikzhan-bilash",  # latest update 20 January 2021
        "mukhtar-ablyazov",  # 29 September 2020
        "vladimir-kozlov",  # 19 August 2016
    ]
    assert all(case.is_fictional for case in listed[3:])
    html = response.content.decode()
    assert html.count('<span class="fictional-label">Fictional case</span>') == 9
    assert "(12 of them fictional)" in html
    invented = fictional.first()
    assert "<strong>Fictional case.</strong>" in client.get(invented.url).content.decode()
    assert "Fictional case" not in client.get("/cases/vladimir-kozlov/").content.decode()
    # The campaign page says how many of the people it counts are invented.
    campaign = client.get("/kazakhstan/").content.decode()
    assert re.search(r"\(\d+ of them fictional, invented for the demo\)", campaign)
    exported = client.get("/cases/export.json").json()["cases"]
    assert sum(row["fictional"] for row in exported) == 12


def test_every_demo_charge_names_the_country_of_its_code(demo, client):
    from campaigns.models import CaseCharge

    charges = CaseCharge.objects.select_related("page")
    assert charges.exclude(page__country="KZ").exists()
    for charge in charges:
        code = charge.get_code_edition_display()
        assert str(charge.page.get_country_display()) in code, (charge, code)
    assert "Another country" not in client.get("/cases/export.csv").content.decode()


def test_bilash_restrictions_follow_the_plea_deal_and_are_sourced(demo, client):
    """FACTS.md: released 17 Aug 2019 with a travel restriction and a 7-year ban on public
    activity (Amnesty International, Urgent Action 046/19, EUR 57/0926/2019, whose update
    gives the travel restrictions three months)."""
    import datetime

    from campaigns.models import CasePage

    amnesty = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"
    for case in CasePage.objects.filter(slug="serikzhan-bilash"):  # en, ru, kk
        rows = {row.kind: row for row in case.restrictions.all()}
        assert set(rows) == {"travel-ban", "public-activity-ban"}, case.locale
        assert {row.source_url for row in rows.values()} == {amnesty}
        assert rows["travel-ban"].starts == datetime.date(2019, 8, 17)
        assert rows["travel-ban"].ends == datetime.date(2019, 11, 17)
        assert rows["public-activity-ban"].starts == datetime.date(2019, 8, 17)
        assert rows["public-activity-ban"].ends == datetime.date(2026, 8, 17)
    russian = client.get("/ru/cases/serikzhan-bilash/").content.decode()
    kazakh = client.get("/kk/cases/serikzhan-bilash/").content.decode()
    assert "на три месяца" in russian
    assert "срочная акция 046/19" in russian and "Запрет на выезд" in russian
    assert "үш айға" in kazakh
    assert "шұғыл әрекеті (EUR 57/0926/2019)" in kazakh
    rows = client.get("/cases/export.csv").content.decode()
    assert "travel-ban 2019-08-17–2019-11-17; public-activity-ban 2019-08-17–2026-08-17" in rows
