"""Which facts of a case a correction corrects: a short list of codes, shown in words.

The codes are stored (comma-separated, e.g. "arrest_date,sentence") so that every language
shows the same list, each reader in their own words, and so that the case form can fill
the list in from the facts it sees changed.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectedFact(models.TextChoices):
    """The facts of a case a correction can name; each value is the case page's field
    (or relation) of that fact, so the form can name what it sees changed."""

    STATUS = "status", _("status")
    ARREST_DATE = "arrest_date", _("arrest date")
    SENTENCE_DATE = "sentence_date", _("sentence date")
    RELEASE_DATE = "release_date", _("release date")
    EXPECTED_RELEASE_DATE = "expected_release_date", _("expected release date")
    CHARGES = "charges", _("charges")
    SENTENCE = "sentence", _("sentence")
    PLACE_OF_DETENTION = "place_of_detention", _("place of detention")
    OTHER = "other", _("other")

    @classmethod
    def split(cls, value):
        """The known codes of a stored value, in the order of the choices."""
        codes = {code.strip() for code in (value or "").split(",")}
        return [code for code in cls.values if code in codes]

    @classmethod
    def join(cls, codes):
        return ",".join(cls.split(",".join(codes)))

    @classmethod
    def labels_of(cls, value):
        labels = dict(cls.choices)
        return [labels[code] for code in cls.split(value)]


class CorrectedFactsFormField(forms.MultipleChoiceField):
    """Tick boxes in the admin; the model keeps the ticked codes as one string."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, max_length=None, empty_value=None, **kwargs):
        kwargs.pop("choices", None)
        super().__init__(choices=CorrectedFact.choices, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return CorrectedFact.split(value)
        return value

    def clean(self, value):
        return CorrectedFact.join(super().clean(value) or [])

    def has_changed(self, initial, data):
        return CorrectedFact.join(self.prepare_value(initial) or []) != CorrectedFact.join(
            data or []
        )


class CorrectedFactsField(models.CharField):
    """A list of `CorrectedFact` codes in one text column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": CorrectedFactsFormField, "choices_form_class": None, **kwargs}
        )


class SourceURLField(models.URLField):
    """A required source link whose refusal says why, in the admin's form as in the model:
    "a correction without a source" is not accepted."""

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        if "blank" in self.error_messages:
            field.error_messages["required"] = self.error_messages["blank"]
        return field
