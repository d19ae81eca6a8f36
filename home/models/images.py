import posixpath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    WagtailImageFieldFile,
    get_upload_to,
)
from wagtail.utils.file import hash_filelike

from home.image_metadata import strip_metadata


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved, used with permission")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0")
    CC0 = "cc0-1.0", _("CC0 1.0 (public domain dedication)")
    PUBLIC_DOMAIN = "public-domain", _("Public domain")
    FAIR_USE = "fair-use", _("Fair use / quotation")


class MetadataFreeImageFieldFile(WagtailImageFieldFile):
    """An original image file whose bytes are written without EXIF, XMP, IPTC or comments.

    Every way a file reaches storage passes here: the model's save (the admin's forms, the
    multiple uploader, the demo loader, factories) and `file.save()` (the uploader's
    "finish later" path). The stored bytes are not the uploaded ones, so their size and hash
    are set here, after Wagtail's form has set them from the upload.
    """

    def save(self, name, content, save=True):
        clean = strip_metadata(content)
        super().save(name, clean, save=False)
        self.instance.file_size = clean.size
        self.instance.file_hash = hash_filelike(clean)
        if save:
            self.instance.save()


class MetadataFreeImageField(WagtailImageField):
    """Wagtail's image field, storing its files through MetadataFreeImageFieldFile."""

    attr_class = MetadataFreeImageFieldFile

    def deconstruct(self):
        """Recorded in migrations as Wagtail's field: the stripping happens when bytes are
        written and changes nothing in the database."""
        name, _path, args, kwargs = super().deconstruct()
        return name, "wagtail.images.models.WagtailImageField", args, kwargs


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
    # Wagtail's field, minus the photo's hidden location and camera data (home/image_metadata.py).
    file = MetadataFreeImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
    )

    admin_form_fields = Image.admin_form_fields + ("credit", "licence", "source_url")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def save(self, *args, **kwargs):
        """Stores a new file before the row is written. The file field would store it while
        the row's values are read, but an update reads them in field order, the width,
        height, size and hash before the file (redeclared last): they would be those of the
        upload, not of the stored bytes, which lost their metadata on the way."""
        if self.file and not self.file._committed:
            self.file.save(self.file.name, self.file.file, save=False)
        super().save(*args, **kwargs)

    @property
    def attribution(self):
        """“Credit · Licence”, as printed under the image; empty when neither is set."""
        parts = [self.credit, self.get_licence_display() if self.licence else ""]
        return " · ".join(part for part in parts if part)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        """images/<first 12 of the original's SHA-1>/<Wagtail's name>: Wagtail names a
        rendition after its original's file name, which a new upload reuses once the old
        image is deleted; with the hash, a name is never given to another picture, so
        shared caches may keep renditions for good (home/storage.py)."""
        folder, name = posixpath.split(super().get_upload_to(filename))
        return posixpath.join(folder, self.image.get_file_hash()[:12], name)


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
