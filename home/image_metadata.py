"""Photos lose their hidden metadata before they are stored.

Campaigners upload photos of prisoners that relatives took on their phones: the EXIF block of
such a photo holds where it was taken (GPS), when, and the camera's serial number, and XMP,
IPTC or a comment may repeat them. Published as they are, in the original or in a rendition
(Willow copies the original's EXIF into every JPEG and PNG it writes), they can lead to the
person who took the picture. So every JPEG, PNG, WebP and AVIF is re-encoded without any of
them before it is written (home.models.images.MetadataFreeImageFieldFile), keeping only what
shows the picture right: its pixels turned the way the camera's orientation tag says, and its
ICC colour profile.

GIFs are stored as they are: cameras do not write them, and re-encoding an animation risks
its palette and timing. Animated PNG and WebP files are kept as they are for the same reason.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

# Re-encoding options per format Pillow reports; formats not listed are stored unchanged.
# Quality 92 keeps a photo visually identical to its source after one more lossy pass.
REENCODE_OPTIONS = {
    "JPEG": {"format": "JPEG", "quality": 92, "optimize": True},
    # A multi-picture JPEG some cameras write (MPO): its first picture, as a plain JPEG.
    "MPO": {"format": "JPEG", "quality": 92, "optimize": True},
    "PNG": {"format": "PNG", "optimize": True},
    "WEBP": {"format": "WEBP", "quality": 92},
    "AVIF": {"format": "AVIF", "quality": 92},
}
# Formats whose animations are stored unchanged (an MPO's further pictures are not animation).
ANIMATED_FORMATS = {"PNG", "WEBP", "AVIF"}
# What a picture's info may pass on to the re-encoded file: it changes how it looks.
KEPT_INFO = ("transparency",)


def strip_metadata(content):
    """`content` (a Django File) re-encoded without metadata, as a ContentFile of the same name;
    `content` itself when it is not a picture to re-encode (a GIF, an animation) or not a
    picture at all (Wagtail's own validation refuses those). A picture Pillow cannot decode
    (a truncated photo) raises: it is never stored with its metadata."""
    content.seek(0)
    try:
        with Image.open(content) as picture:
            options = REENCODE_OPTIONS.get(picture.format)
            animated = picture.format in ANIMATED_FORMATS and getattr(
                picture, "is_animated", False
            )
            if options is None or animated:
                return content
            data = _reencode(picture, options)
    except UnidentifiedImageError:
        return content
    finally:
        content.seek(0)
    return ContentFile(data, name=content.name)


def _reencode(picture, options):
    """The picture's bytes, upright and with its ICC profile as the only metadata.

    Pillow writes EXIF and XMP only when asked to, but copies a JPEG's comment and a PNG's
    profile from the picture's info: the info is emptied of all but KEPT_INFO first.
    """
    icc_profile = picture.info.get("icc_profile")
    upright = ImageOps.exif_transpose(picture)
    upright.info = {key: upright.info[key] for key in KEPT_INFO if key in upright.info}
    output = io.BytesIO()
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    upright.save(output, **options, **extra)
    return output.getvalue()
