from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved, used with permission")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0")
    CC0 = "cc0-1.0", _("CC0 1.0 (public domain dedication)")
    PUBLIC_DOMAIN = "public-domain", _("Public domain")
    FAIR_USE = "fair-use", _("Fair use / quotation")


class CustomImage(AbstractImage):
    """An image with the credit and licence that must be shown under it.

    Photos of people in detention usually come from their families or the
    press: who took them and on what terms is part of the story.
    """

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Who made the image, e.g. “Photo: Aigerim Sultanova / RFE/RL”."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=32,
        choices=Licence.choices,
        blank=True,
        help_text=_("The terms on which we may publish it."),
    )
    source_url = models.URLField(
        _("source URL"),
        blank=True,
        help_text=_("Where the image was published originally, if anywhere."),
    )

    admin_form_fields = Image.admin_form_fields + ("credit", "licence", "source_url")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def attribution(self):
        """“Credit · Licence”, as printed under the image; empty when neither is set."""
        parts = [self.credit, self.get_licence_display() if self.licence else ""]
        return " · ".join(part for part in parts if part)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CreditedImagesMixin:
    """Images shown as a person's photo or as a page's hero carry their credit and licence.

    A model lists such image fields in `credited_image_fields`; choosing an image that lacks
    either is refused with a message on that field, wherever the model is saved.
    """

    credited_image_fields = ()

    def clean(self):
        super().clean()
        errors = {}
        for field in self.credited_image_fields:
            image = getattr(self, field)
            if image is None:
                continue
            missing = [
                str(CustomImage._meta.get_field(name).verbose_name)
                for name in ("credit", "licence")
                if not getattr(image, name)
            ]
            if missing:
                errors[field] = _(
                    "The image “%(title)s” has no %(missing)s. Open it under Images, fill "
                    "in its credit and licence, then save this page again: photos of people "
                    "and hero images are always published with them."
                ) % {"title": image.title, "missing": _(" or ").join(missing)}
        if errors:
            raise ValidationError(errors)
