"""The admin's image form: a picture that cannot be read to its end is refused with a
message on the file field, not stored and not turned into a server error.

Wagtail's own check opens the file's header, then asks its size, which decodes it: a
truncated photo raises OSError there (a server error in Wagtail 8). home.image_metadata
decodes the whole picture again when it strips its metadata on save. The file field below
runs both inside the form's validation and turns a failure into a message.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from home.image_metadata import strip_metadata

UNREADABLE = _(
    "This picture cannot be read to its end: the file may be damaged or only partly "
    "uploaded. Open it in an image editor, save it again, then upload the new file."
)


class ReadableImageField(WagtailImageField):
    def to_python(self, data):
        try:
            upload = super().to_python(data)
            if upload is not None:
                strip_metadata(upload)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(UNREADABLE, code="unreadable_image") from error
        return upload


class ImageForm(BaseImageForm):
    """Wagtail builds the file field itself (formfield_for_dbfield); it is replaced here, keeping
    its label, help and widget, and only where the form has one (the multiple uploader's edit
    form excludes it, and a declared field would survive that exclusion)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        built = self.fields.get("file")
        if built is not None:
            self.fields["file"] = ReadableImageField(
                label=built.label,
                required=built.required,
                help_text=built.help_text,
                widget=built.widget,
            )
