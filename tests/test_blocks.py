"""The block library: every block is documented for editors, previews and renders safely.

The first tests walk every StreamField of every model of the project, so a block added
anywhere (a page body, site settings, navigation, case sources, action addresses) is held
to the same rules as the page bodies: what the block picker offers has a label, an icon,
a group, a description and a preview; every field inside says what to write there.
"""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.blog.blocks import LatestPostsBlock
from campaigns.cases.blocks import StoryBlock
from campaigns.landing.blocks import CampaignBlock, LiveCounterBlock
from home.blocks import (
    BLOCK_GROUPS,
    BodyBlock,
    ButtonLinkBlock,
    EmbedBlock,
    HeadingBlock,
    LinkBlock,
    TableBlock,
)
from home.models import SiteTexts, StandardPage

from .actions.factories import ActionIndexPageFactory, ActionPageFactory
from .cases.factories import CaseIndexPageFactory, CasePageFactory
from .home.factories import ImageFactory, make_site

PROJECT_APPS = {"home", "campaigns"}


def project_streamfields():
    """(model, field) for every StreamField declared by a model of this project."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            # field.model is model: a field inherited through multi-table inheritance
            # is checked once, on the model that declares it.
            if isinstance(field, StreamField) and field.model is model:
                yield model, field


STREAMFIELDS = [
    (f"{model._meta.label}.{field.name}", field) for model, field in project_streamfields()
]

# What each StreamField's block picker offers: one entry per (field, block type).
PICKER_BLOCKS = [
    (f"{where}:{name}", block)
    for where, field in STREAMFIELDS
    for name, block in field.stream_block.child_blocks.items()
]
PICKER_IDS = [where for where, _block in PICKER_BLOCKS]


def walk(block, path):
    """Every block inside `block`, depth first, as (path, block)."""
    yield path, block
    if isinstance(block, ImageBlock):
        # Wagtail's image block is one chooser widget with its own alt-text fields
        # (Wagtail's labels); our help text sits on the ImageBlock itself.
        return
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            yield from walk(child, f"{path}.{name}")
    elif isinstance(block, blocks.ListBlock):
        yield from walk(block.child_block, f"{path}.item")


INNER_BLOCKS = sorted(
    {
        path.split(":", 1)[1]: (path, inner)
        for where, block in PICKER_BLOCKS
        for path, inner in walk(block, where)
        if inner is not block
    }.values(),
    key=lambda item: item[0],
)

# Fields allowed without help text of their own. Keep this tiny, and say why.
SELF_EXPLANATORY = {
    # One row of the "Chosen cases" list: the list says what to choose, and the same
    # sentence repeated on each of up to 12 rows would drown the form.
    "case_cards.cases.item",
}


def help_text_of(block):
    """The help text an editor sees: a field block shows its form field's help text."""
    if isinstance(block, blocks.FieldBlock) and not isinstance(block, ImageBlock):
        return str(block.field.help_text or "")
    return str(getattr(block.meta, "help_text", "") or "")


def assert_sentence_case(label, where):
    words = str(label).split()
    assert words and words[0][:1].isupper(), f"{where}: label “{label}” starts in lower case"
    capitalised = [word for word in words[1:] if word[:1].isupper()]
    assert not capitalised, f"{where}: label “{label}” is not in sentence case"


def test_the_walk_finds_every_streamfield():
    found = set(dict(STREAMFIELDS))
    expected = {
        "home.HomePage.body",
        "home.StandardPage.body",
        "home.SiteSettings.social_links",
        "home.SiteTexts.primary_links",
        "home.SiteTexts.footer_links",
        "campaigns.CasePage.body",
        "campaigns.CasePage.sources",
        "campaigns.CaseIndexPage.body",
        "campaigns.BlogPostPage.body",
        "campaigns.ActionPage.body",
        "campaigns.ActionPage.addresses",
        "campaigns.CampaignPage.body",
    }
    assert expected <= found, expected - found


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "block"), PICKER_BLOCKS, ids=PICKER_IDS)
def test_every_block_in_a_picker_is_documented_for_editors(where, block):
    meta = block.meta
    assert meta.label, f"{where} has no label"
    assert_sentence_case(meta.label, where)
    assert meta.icon and meta.icon != "placeholder", f"{where} has no icon"
    assert meta.group in BLOCK_GROUPS, f"{where} is in no group of the block menu"
    assert str(getattr(meta, "description", "") or ""), f"{where} has no description"
    assert help_text_of(block), f"{where} has no help text"
    assert meta.template and "blocks/" in meta.template, f"{where} has no template"
    assert block.is_previewable, f"{where} shows no preview in the block picker"
    preview = block.get_preview_value()
    assert preview not in (None, "", {}, []), f"{where} has an empty preview value"


@pytest.mark.parametrize(
    ("where", "block"), INNER_BLOCKS, ids=[where for where, _block in INNER_BLOCKS]
)
def test_every_field_inside_a_block_says_what_to_write(where, block):
    path = where.split(":", 1)[1]
    assert block.label, f"{where} has no label"
    assert_sentence_case(block.label, where)
    if path in SELF_EXPLANATORY:
        return
    assert help_text_of(block), f"{where} has no help text"


def test_the_allow_list_names_only_real_fields():
    paths = {where.split(":", 1)[1] for where, _block in INNER_BLOCKS}
    assert paths >= SELF_EXPLANATORY


@pytest.fixture
def some_content(home_page):
    """Real objects for the previews that show them: a photo, a case, a petition."""
    ImageFactory(title="Preview photo")
    cases = CaseIndexPageFactory(parent=home_page)
    CasePageFactory(parent=cases, person_name="Aigerim Sadykova", current_status="imprisoned")
    act = ActionIndexPageFactory(parent=home_page)
    ActionPageFactory(parent=act, title="Reform the article", slug="reform")


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "block"), PICKER_BLOCKS, ids=PICKER_IDS)
def test_every_block_renders_its_preview(some_content, where, block):
    html = block.render(block.get_preview_value())
    assert html.strip(), f"{where} rendered nothing"
    assert "<script" not in html
    assert "<iframe" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "block"), PICKER_BLOCKS, ids=PICKER_IDS)
def test_block_picker_preview_uses_the_site_stylesheet(admin_client, some_content, where, block):
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "css/site.css" in html
    assert block.render(block.get_preview_value()).strip()[:40] in html


@pytest.mark.django_db
def test_previews_show_real_content_when_there_is_some(some_content):
    teaser = BodyBlock().child_blocks["action"]
    assert "Reform the article" in teaser.render(teaser.get_preview_value())
    cards = StoryBlock().child_blocks["case_cards"]
    assert "Aigerim Sadykova" in cards.render(cards.get_preview_value())


# --- limits ---------------------------------------------------------------------------------


def test_the_menus_limit_what_repeats():
    assert BodyBlock().meta.block_counts == {"sources": {"max_num": 1}}
    story = StoryBlock().meta.block_counts
    assert story["sources"] == {"max_num": 1} and story["case_cards"] == {"max_num": 3}
    campaign = CampaignBlock().meta.block_counts
    assert campaign["latest_posts"] == {"max_num": 1}
    assert campaign["sources"] == {"max_num": 1}
    sources = BodyBlock().child_blocks["sources"].child_blocks["sources"]
    assert (sources.meta.min_num, sources.meta.max_num) == (1, 50)
    cases = StoryBlock().child_blocks["case_cards"].child_blocks["cases"]
    assert cases.meta.max_num == 12


def table(data):
    return {
        "data": data,
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Cases",
        "table_header_choice": "row",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([[None, ""], ["", None]], "The table is empty"),
        ([[str(n) for n in range(9)]], "This table has 9 columns; at most 8 fit on a phone."),
        ([["x"]] * 101, "This table has 101 rows; at most 100 are allowed."),
    ],
)
def test_table_must_hold_some_data_and_fit_on_a_phone(data, message):
    with pytest.raises(ValidationError) as error:
        TableBlock().clean(table(data))
    assert message in " ".join(error.value.messages)


def test_a_table_with_empty_trailing_cells_is_accepted():
    value = TableBlock().clean(table([["Status", "People", None], ["Imprisoned", "12", ""]]))
    assert value["data"][1][1] == "12"


# --- plain-language messages when saving through the admin ----------------------------------
# Case cards with nothing chosen and an address without either address are covered in
# test_blog.py and test_actions.py; these cover the other invalid combinations.


class AdminValidationMessagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _root, cls.home = make_site()
        cls.user = get_user_model().objects.create_superuser("editor", "", "pw")
        cases = CaseIndexPageFactory(parent=cls.home)
        cls.case = CasePageFactory(parent=cases, person_name="Aigerim Sadykova")
        act = ActionIndexPageFactory(parent=cls.home)
        cls.petition = ActionPageFactory(parent=act, title="Reform", slug="reform")

    def setUp(self):
        self.client.force_login(self.user)

    # Publishing validates everything; a draft may leave required fields for later.
    def post_standard_page(self, body):
        data = nested_form_data(
            {"title": "Invalid", "slug": "invalid", "intro": "", "body": streamfield(body)}
        )
        response = self.client.post(
            f"/admin/pages/add/home/standardpage/{self.home.pk}/",
            {**data, "action-publish": "action-publish"},
        )
        self.assertEqual(response.status_code, 200)  # the form again, with the messages
        self.assertFalse(StandardPage.objects.filter(slug="invalid").exists())
        return response

    def test_a_teaser_must_point_at_a_petition_or_a_letter(self):
        response = self.post_standard_page(
            [("action", {"action": self.home.pk, "heading": "", "text": "", "button_label": ""})]
        )
        self.assertContains(response, "choose a petition or a letter page")

    def test_an_anchor_must_be_a_slug(self):
        response = self.post_standard_page(
            [("heading", {"text": "Solutions", "level": "h2", "anchor": "Our Solutions"})]
        )
        self.assertContains(response, "Use only lower-case letters, digits and hyphens")

    def test_two_headings_may_not_share_an_anchor(self):
        heading = {"text": "Background", "level": "h2", "anchor": ""}
        response = self.post_standard_page([("heading", heading), ("heading", heading)])
        self.assertContains(response, "give this one a different anchor")

    def test_a_table_must_fit_on_a_phone(self):
        wide = json.dumps(table([[f"Column {n}" for n in range(10)]]))
        response = self.post_standard_page([("table", wide)])
        self.assertContains(response, "at most 8 fit on a phone")

    def test_a_button_needs_somewhere_to_go(self):
        response = self.post_standard_page(
            [("button", {"label": "Act", "page": "", "url": "", "style": "primary"})]
        )
        self.assertContains(response, "Choose a page or enter an address.")

    def test_an_empty_row_of_chosen_cases_is_refused_plainly(self):
        from campaigns.models import CampaignPage

        cards = {
            "heading": "",
            "status": "",
            "country": "",
            "limit": "3",
            "cases": {"count": 1, "0-deleted": "", "0-order": "0", "0-value": ""},
        }
        data = nested_form_data(
            {
                "title": "Kyrgyzstan",
                "slug": "kyrgyzstan",
                "hero_text": "",
                "body": streamfield([("case_cards", cards)]),
            }
        )
        response = self.client.post(
            f"/admin/pages/add/campaigns/campaignpage/{self.home.pk}/",
            {**data, "action-publish": "action-publish"},
        )
        self.assertContains(response, "choose a case, or delete this row")
        self.assertFalse(CampaignPage.objects.filter(slug="kyrgyzstan").exists())

    def test_a_live_counter_of_one_petition_needs_the_petition(self):
        from campaigns.models import CampaignPage

        counter = {"source": "signatures", "action": "", "label": ""}
        data = nested_form_data(
            {
                "title": "Kyrgyzstan",
                "slug": "kyrgyzstan",
                "hero_text": "",
                "body": streamfield(
                    [("paragraph", rich_text("<p>Why.</p>")), ("live_counter", counter)]
                ),
            }
        )
        response = self.client.post(
            f"/admin/pages/add/campaigns/campaignpage/{self.home.pk}/",
            {**data, "action-publish": "action-publish"},
        )
        self.assertContains(response, "Choose the action whose count to show.")
        self.assertFalse(CampaignPage.objects.filter(slug="kyrgyzstan").exists())

    def test_a_menu_link_needs_a_page_or_an_address(self):
        texts = SiteTexts.objects.get()
        data = nested_form_data(
            {
                "primary_links": streamfield(
                    [("link", {"label": "Cases", "page": "", "url": ""})]
                ),
                "footer_links": streamfield([]),
                "footer_text": rich_text(""),
                "site_name": "",
                "tagline": "",
            }
        )
        response = self.client.post(f"/admin/snippets/home/sitetexts/edit/{texts.pk}/", data)
        self.assertContains(response, "Choose a page or enter an address.")


# --- single blocks --------------------------------------------------------------------------


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
