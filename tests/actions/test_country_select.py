"""The petition's country select draws its 250 options once per language
(campaigns.actions.forms.CountrySelect) and renders what Django's Select renders: the
options in the reader's language, the choice kept when the form comes back with errors,
and the attributes that tie the field to its help and errors."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation

from campaigns.actions.forms import SignatureForm, country_options_html


class DjangoSelectForm(SignatureForm):
    """The same form with Django's own Select, drawn option by option."""


DjangoSelectForm.base_fields = {
    **SignatureForm.base_fields,
    "country": forms.ChoiceField(
        label=SignatureForm.base_fields["country"].label,
        choices=SignatureForm.base_fields["country"].choices,
        required=False,
        error_messages=SignatureForm.base_fields["country"].error_messages,
    ),
}

CASES = [
    None,  # a blank form: "Prefer not to say" selected
    {"name": "Dana", "email": "not-an-email", "country": "KZ"},  # errors elsewhere
    {"name": "Dana", "email": "dana@example.org", "country": "ZZ"},  # an invalid choice
]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("data", CASES)
def test_renders_what_djangos_select_renders(language, data):
    with translation.override(language):
        ours = str(SignatureForm(data)["country"])
        djangos = str(DjangoSelectForm(data)["country"])
    assert parse_html(ours) == parse_html(djangos)


def test_a_form_shown_again_keeps_the_choice_and_says_what_is_wrong():
    form = SignatureForm({"name": "Dana", "email": "dana@example.org", "country": "ZZ"})
    assert not form.is_valid()
    html = str(form["country"])
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_country_error"' in html
    form = SignatureForm({"name": "Dana", "email": "bad", "country": "KZ"})
    html = str(form["country"])
    assert '<option value="KZ" selected>' in html
    assert html.count(" selected") == 1


def test_options_are_in_the_readers_language_and_drawn_once_per_language():
    country_options_html.cache_clear()
    with translation.override("ru"):
        SignatureForm()["country"].as_widget()
        html = str(SignatureForm()["country"])
    assert "Казахстан" in html and "Kazakhstan" not in html
    with translation.override("en"):
        assert "Kazakhstan" in str(SignatureForm()["country"])
    info = country_options_html.cache_info()
    assert (info.misses, info.hits) == (2, 1)  # Russian twice, English once
