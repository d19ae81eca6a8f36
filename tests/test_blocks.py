"""The generic blocks: every one is documented for editors, previews and renders safely."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks

from campaigns.blocks import StoryBlock
from home.blocks import BodyBlock, ButtonLinkBlock, EmbedBlock, HeadingBlock, LinkBlock

from .factories import ImageFactory

# Every block an editor can pick: the generic body plus the domain blocks.
BODY_CHILDREN = list(StoryBlock().child_blocks.items())


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
