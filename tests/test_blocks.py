"""The generic blocks: every one is documented for editors, previews and renders safely."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks

from campaigns.blocks import CampaignBlock, LatestPostsBlock, LiveCounterBlock, StoryBlock
from home.blocks import BodyBlock, ButtonLinkBlock, EmbedBlock, HeadingBlock, LinkBlock

from .factories import ActionIndexPageFactory, ActionPageFactory, ImageFactory

# Every block an editor can pick: the generic body plus the domain blocks. A campaign
# body has them all (it is the story body plus the campaign's live blocks).
BODY_CHILDREN = list(CampaignBlock().child_blocks.items())


@pytest.mark.parametrize(("name", "block"), BODY_CHILDREN, ids=[n for n, _ in BODY_CHILDREN])
def test_every_block_is_documented_for_editors(name, block):
    meta = block.meta
    assert meta.icon and meta.icon != "placeholder", f"{name} has no icon"
    assert meta.label, f"{name} has no label"
    assert str(meta.help_text or ""), f"{name} has no help text"
    assert block.get_description(), f"{name} has no description for the block picker"
    assert meta.group, f"{name} is in no group of the block menu"
    assert meta.template and "blocks/" in meta.template, f"{name} has no template"
    has_preview = hasattr(meta, "preview_value") or (
        type(block).get_preview_value is not blocks.Block.get_preview_value
    )
    assert has_preview, f"{name} has no preview value"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), BODY_CHILDREN, ids=[n for n, _ in BODY_CHILDREN])
def test_every_block_renders_its_preview(name, block):
    ImageFactory(title="Preview photo")
    value = block.get_preview_value()
    html = block.render(value)
    assert html.strip(), f"{name} rendered nothing"
    assert "<script" not in html
    assert "<iframe" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), BODY_CHILDREN, ids=[n for n, _ in BODY_CHILDREN])
def test_block_picker_preview_uses_the_site_stylesheet(admin_client, name, block):
    ImageFactory(title="Preview photo")
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "css/site.css" in html
    assert block.render(block.get_preview_value()).strip()[:40] in html


def test_heading_anchor_defaults_to_a_slug_of_the_text():
    block = HeadingBlock()
    value = block.to_python({"text": "Why It Matters!", "level": "h2", "anchor": ""})
    assert 'id="why-it-matters"' in block.render(value)


def test_heading_anchor_must_be_a_slug():
    block = HeadingBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(
            block.to_python({"text": "Solutions", "level": "h2", "anchor": "Our Solutions"})
        )
    assert "our-solutions" in str(error.value.as_json_data())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"label": "x", "page": None, "url": ""}, "Choose a page or enter an address."),
        (
            {"label": "", "page": None, "url": "https://example.org/"},
            "Links to other sites need a text.",
        ),
    ],
)
def test_link_needs_exactly_one_target_and_a_text(value, message):
    block = LinkBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(value))
    assert message in str(error.value.as_json_data())


@pytest.mark.django_db
def test_link_cannot_have_both_a_page_and_an_address(home_page):
    block = ButtonLinkBlock()
    value = block.to_python(
        {"label": "Go", "page": home_page.pk, "url": "https://example.org/", "style": "primary"}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "not both" in str(error.value.as_json_data())


@pytest.mark.django_db
def test_button_to_a_page_uses_the_page_title(home_page):
    block = ButtonLinkBlock()
    value = block.to_python({"label": "", "page": home_page.pk, "url": "", "style": "primary"})
    html = block.render(value)
    assert 'href="/"' in html and ">Home</a>" in html


def test_embed_is_a_link_not_a_third_party_player():
    block = EmbedBlock()
    value = block.to_python(
        {"url": "https://www.youtube.com/watch?v=abc", "title": "The hearing", "caption": ""}
    )
    html = block.render(value)
    assert "<iframe" not in html and "<script" not in html
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "www.youtube.com" in html  # the reader is told where the link goes


def test_text_in_blocks_is_escaped():
    block = EmbedBlock()
    value = block.to_python(
        {"url": "https://example.org/", "title": "<script>alert(1)</script>", "caption": ""}
    )
    html = block.render(value)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_headings_in_russian_and_kazakh_get_readable_anchors():
    block = HeadingBlock()
    value = block.to_python({"text": "Политзаключённые Қазақстана", "level": "h2", "anchor": ""})
    assert value.anchor_id() == "политзаключённые-қазақстана"
    empty = block.to_python({"text": "!!!", "level": "h2", "anchor": ""})
    assert empty.anchor_id() == "section"


def test_two_headings_with_the_same_anchor_are_refused():
    body = BodyBlock()
    value = body.to_python(
        [
            {"type": "heading", "value": {"text": "Background", "level": "h2", "anchor": ""}},
            {"type": "paragraph", "value": "<p>x</p>"},
            {"type": "heading", "value": {"text": "Background", "level": "h3", "anchor": ""}},
        ]
    )
    with pytest.raises(ValidationError) as error:
        body.clean(value)
    assert "already uses the anchor “background”" in str(error.value.as_json_data())


def test_campaign_body_offers_every_story_block():
    assert set(StoryBlock().child_blocks) < set(CampaignBlock().child_blocks)
    assert {"live_counter", "latest_posts", "open_actions", "case_cards", "action"} <= set(
        CampaignBlock().child_blocks
    )


@pytest.fixture
def actions(home_page):
    act = ActionIndexPageFactory(parent=home_page)
    petition = ActionPageFactory(parent=act, title="Reform", slug="reform")
    letter = ActionPageFactory(
        parent=act, title="Write", slug="write", kind="letter", letter_template="Dear official,"
    )
    return petition, letter


def counter_errors(value):
    block = LiveCounterBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(value))
    return str(error.value.as_json_data())


@pytest.mark.django_db
def test_live_counter_needs_an_action_for_an_action_count(actions):
    message = counter_errors({"source": "signatures", "action": None, "label": ""})
    assert "Choose the action whose count to show." in message


@pytest.mark.django_db
def test_live_counter_of_the_campaign_takes_no_action(actions):
    petition, _ = actions
    message = counter_errors({"source": "detained", "action": petition.pk, "label": ""})
    assert "This count covers the whole campaign: remove the chosen action" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "which", "message"),
    [
        ("signatures", 1, "This action is a letter: choose “Letters sent for one letter action”."),
        (
            "letters",
            0,
            "This action is a petition: choose “Confirmed signatures on one petition”.",
        ),
    ],
)
def test_live_counter_counts_what_the_action_collects(actions, source, which, message):
    value = {"source": source, "action": actions[which].pk, "label": ""}
    assert message in counter_errors(value)


@pytest.mark.django_db
def test_live_counter_accepts_a_matching_action(actions):
    petition, letter = actions
    block = LiveCounterBlock()
    for source, action in (("signatures", petition), ("letters", letter)):
        value = block.clean(block.to_python({"source": source, "action": action.pk, "label": ""}))
        assert value["action"].pk == action.pk


@pytest.mark.django_db
def test_live_counter_label_agrees_with_the_number(actions):
    from campaigns.models import ActionTally

    petition, _ = actions
    block = LiveCounterBlock()
    value = block.to_python({"source": "signatures", "action": petition.pk, "label": ""})
    assert "confirmed signatures" in block.render(value)
    ActionTally.add(petition.pk, "signatures", 1)
    html = block.render(value)
    assert '<strong class="live-counter__number">1</strong>' in html
    assert "confirmed signature<" in html
    assert f'href="{petition.url}"' in html


@pytest.mark.django_db
def test_live_counter_of_an_unpublished_action_shows_nothing(actions):
    petition, _ = actions
    petition.unpublish()
    block = LiveCounterBlock()
    value = block.to_python({"source": "signatures", "action": petition.pk, "label": ""})
    assert "live-counter" not in block.render(value)


def test_latest_posts_refuses_more_than_six():
    block = LatestPostsBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "News", "number": 7}))
