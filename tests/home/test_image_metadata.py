"""Photos lose their hidden location and camera data on upload (home/image_metadata.py): in the
stored original and so in every rendition, whichever way the image is created."""

import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from wagtail.models import Collection

from home.models import CustomImage

pytestmark = pytest.mark.django_db

SERIAL = "SN-4815162342"
# A marker colour in the top left corner of the pixels as the camera stored them.
MARKER = (255, 0, 0)
BACKGROUND = (0, 0, 255)
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_exif():
    """EXIF as a phone writes it: where (GPS IFD), with what (serial), and how to turn it
    (orientation 6: turn the stored pixels 90° clockwise to show them)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (43.0, 15.0, 1.5),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (76.0, 53.0, 2.5),
        }
    )
    return exif


def camera_pixels():
    """A landscape 300×200 buffer with the marker in its top left corner: shown upright
    (orientation 6) it is a portrait 200×300 with the marker in its top right corner."""
    picture = Image.new("RGB", (300, 200), BACKGROUND)
    picture.paste(MARKER, (0, 0, 40, 40))
    return picture


def photo_jpeg(icc_profile=SRGB):
    output = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    camera_pixels().save(
        output, "JPEG", exif=camera_exif(), comment=b"Taken at home", quality=95, **options
    )
    return output.getvalue()


def photo_png():
    text = PngInfo()
    text.add_text("Comment", "Taken at home")
    output = io.BytesIO()
    camera_pixels().save(output, "PNG", exif=camera_exif(), pnginfo=text)
    return output.getvalue()


def create_image(data, name="photo.jpg"):
    return CustomImage.objects.create(
        title="Photo", file=ImageFile(io.BytesIO(data), name=name), credit="Family"
    )


def stored_bytes(file):
    with file.open("rb") as handle:
        return handle.read()


def assert_no_metadata(data):
    """No EXIF at all (so neither GPS nor serial), no comment, and the serial nowhere."""
    with Image.open(io.BytesIO(data)) as picture:
        assert not picture.getexif()
        assert not {"exif", "comment", "Comment", "xmp"} & set(picture.info)
    assert SERIAL.encode() not in data
    assert b"Taken at home" not in data


def assert_upright(data):
    """Portrait, with the marker where the photo showed it: top right."""
    with Image.open(io.BytesIO(data)) as picture:
        picture = picture.convert("RGB")
        assert picture.size == (200, 300)
        top_right, top_left = picture.getpixel((190, 10)), picture.getpixel((10, 10))
    assert top_right[0] > 200 and top_right[2] < 60, top_right
    assert top_left[2] > 200 and top_left[0] < 60, top_left


def assert_consistent(image):
    """The database describes the stored bytes, not the uploaded ones."""
    image.refresh_from_db()
    data = stored_bytes(image.file)
    assert (image.width, image.height) == (200, 300)
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's hash


def test_the_fixture_carries_what_must_go():
    """The test photo has GPS, serial, comment and orientation to begin with."""
    with Image.open(io.BytesIO(photo_jpeg())) as picture:
        exif = picture.getexif()
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
        assert exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] == SERIAL
        assert exif[ExifTags.Base.Orientation] == 6
        assert picture.info["comment"] == b"Taken at home"
    with Image.open(io.BytesIO(photo_png())) as picture:
        assert picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert picture.info["Comment"] == "Taken at home"


def test_an_image_created_in_code_is_stored_without_metadata():
    image = create_image(photo_jpeg())

    data = stored_bytes(image.file)
    assert_no_metadata(data)
    assert_upright(data)
    assert_consistent(image)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG"
        assert picture.info["icc_profile"] == SRGB


def test_a_jpeg_rendition_has_no_metadata():
    image = create_image(photo_jpeg())

    rendition = image.get_rendition("fill-300x200|format-jpeg")
    assert_no_metadata(stored_bytes(rendition.file))
    # Cut from the upright photo: the marker survives in the top right of the crop.
    tall = image.get_rendition("width-100|format-jpeg")
    assert (tall.width, tall.height) == (100, 150)


def test_a_file_saved_straight_to_the_field_is_stored_without_metadata():
    """The multiple uploader's "finish later" path writes with `file.save()`."""
    image = CustomImage(title="Photo")
    image.file.save("photo.jpg", ContentFile(photo_jpeg(), name="photo.jpg"), save=True)

    image.refresh_from_db()
    assert_no_metadata(stored_bytes(image.file))
    assert_consistent(image)


def test_a_replaced_file_is_stored_without_metadata_and_described_by_the_row():
    """An update writes the row's values in field order, the file's last: the file must be
    stored (and its size, hash and dimensions known) before that."""
    image = create_image(photo_png(), name="photo.png")
    image.file = ImageFile(io.BytesIO(photo_jpeg()), name="photo.jpg")
    image.save()

    assert_no_metadata(stored_bytes(image.file))
    assert_consistent(image)


def test_a_photo_without_a_colour_profile_gets_none():
    image = create_image(photo_jpeg(icc_profile=None))

    with Image.open(io.BytesIO(stored_bytes(image.file))) as picture:
        assert "icc_profile" not in picture.info


def test_a_png_loses_its_exif_chunk_and_text():
    image = create_image(photo_png(), name="photo.png")

    data = stored_bytes(image.file)
    assert b"eXIf" not in data
    assert_no_metadata(data)
    assert_upright(data)
    assert_consistent(image)
    assert_no_metadata(stored_bytes(image.get_rendition("fill-300x200|format-png").file))


def test_a_webp_loses_its_exif():
    output = io.BytesIO()
    camera_pixels().save(output, "WEBP", exif=camera_exif(), quality=95)
    image = create_image(output.getvalue(), name="photo.webp")

    data = stored_bytes(image.file)
    assert b"EXIF" not in data
    assert_no_metadata(data)
    assert_upright(data)


def test_a_gif_is_stored_as_it_is():
    """Cameras write no GIFs; re-encoding one risks its palette and animation."""
    output = io.BytesIO()
    camera_pixels().save(output, "GIF")
    image = create_image(output.getvalue(), name="drawing.gif")

    assert stored_bytes(image.file) == output.getvalue()


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client


def test_a_photo_uploaded_in_the_admin_is_stored_without_metadata(editor):
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Prisoner at home",
            "file": SimpleUploadedFile("prisoner.jpg", photo_jpeg(), "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
            "credit": "Photo: family archive",
            "licence": "cc-by-4.0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = CustomImage.objects.get(title="Prisoner at home")
    data = stored_bytes(image.file)
    assert_no_metadata(data)
    assert_upright(data)
    assert_consistent(image)
    assert_no_metadata(stored_bytes(image.get_rendition("fill-300x200|format-jpeg").file))


def test_a_photo_from_the_multiple_uploader_is_stored_without_metadata(editor):
    response = editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("prisoner.jpg", photo_jpeg(), "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.json()["success"], response.content.decode()[:2000]
    image = CustomImage.objects.get(pk=response.json()["image_id"])
    assert_no_metadata(stored_bytes(image.file))
    assert_consistent(image)


def test_a_truncated_photo_is_refused_with_a_message_and_nothing_is_stored(editor):
    """Wagtail's check reads the header only; the whole picture is decoded to strip it, so
    a photo cut short must be refused on the form, not turned into a server error."""
    truncated = photo_jpeg()[:-600]
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Cut short",
            "file": SimpleUploadedFile("cut.jpg", truncated, "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
            "credit": "Photo: family archive",
            "licence": "cc-by-4.0",
        },
    )

    assert response.status_code == 200
    assert "cannot be read to its end" in response.content.decode()
    assert not CustomImage.objects.filter(title="Cut short").exists()


def test_the_multiple_uploader_refuses_a_truncated_photo_with_a_message(editor):
    response = editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("cut.jpg", photo_jpeg()[:-600], "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    assert not response.json()["success"]
    assert "cannot be read to its end" in response.json()["error_message"]
    assert not CustomImage.objects.exists()


def test_the_multiple_uploaders_edit_step_needs_no_file(editor):
    """The uploader's second step edits title and tags only: its form has no file field."""
    upload = editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("prisoner.jpg", photo_jpeg(), "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    ).json()
    image_id = upload["image_id"]
    response = editor.post(
        reverse("wagtailimages:edit_multiple", args=[image_id]),
        {
            f"image-{image_id}-title": "Renamed",
            f"image-{image_id}-collection": Collection.get_first_root_node().pk,
            f"image-{image_id}-credit": "Photo: family archive",
            f"image-{image_id}-licence": "cc-by-4.0",
        },
    )

    assert response.json()["success"], response.content.decode()[:2000]
    assert CustomImage.objects.get(pk=image_id).title == "Renamed"


def test_editing_an_image_without_a_new_file_keeps_its_file(editor):
    image = CustomImage.objects.create(
        title="Kept",
        file=ImageFile(io.BytesIO(photo_jpeg()), name="kept.jpg"),
        credit="Photo: family archive",
        licence="cc-by-4.0",
    )
    stored = image.file.name
    response = editor.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Kept, renamed",
            "collection": image.collection_id,
            "credit": "Photo: family archive",
            "licence": "cc-by-4.0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert (image.title, image.file.name) == ("Kept, renamed", stored)
