"""Media on an S3-compatible server (moto's, on 127.0.0.1): uploads, renditions, the pages
that show them, the renditions cache on Redis, and documents kept behind the site."""

import re
import tarfile
from io import StringIO
from urllib.parse import urlsplit

import pytest
import redis
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from home.media import media_origins, media_storage
from home.models import CustomImage
from home.storage import RENDITION_CACHE_CONTROL, MediaS3Storage

from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..home.factories import ImageFactory

pytestmark = pytest.mark.django_db

Document = get_document_model()


def small_image(name="portrait.jpg", colour="steelblue"):
    return ImageFactory(file__filename=name, file__width=320, file__height=240, file__color=colour)


def test_an_image_and_its_rendition_are_stored_in_the_bucket(s3_media, bucket):
    image = small_image()
    rendition = image.get_rendition("fill-300x200")

    assert isinstance(default_storage._wrapped, MediaS3Storage)
    assert image.file.name in bucket.keys("original_images/")
    assert bucket.keys("images/") == [rendition.file.name]
    # Named after the original's content: a later upload of another picture under the same
    # file name gets renditions of other names (see the test below).
    assert rendition.file.name.startswith(f"images/{image.file_hash[:12]}/portrait.")
    endpoint = s3_media["MEDIA_S3_ENDPOINT_URL"]
    assert rendition.url == f"{endpoint}/{bucket.name}/{rendition.file.name}"


def test_only_renditions_are_cached_for_good(s3_media, bucket):
    image = small_image()
    rendition = image.get_rendition("width-200")

    assert bucket.head(rendition.file.name)["CacheControl"] == RENDITION_CACHE_CONTROL
    assert "CacheControl" not in bucket.head(image.file.name)


def test_a_reused_file_name_never_reuses_a_rendition_name(
    s3_media, bucket, django_capture_on_commit_callbacks
):
    first = small_image(colour="steelblue")
    old = first.get_rendition("fill-300x200").file.name
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()  # Wagtail deletes the files once the transaction commits
    assert bucket.keys() == []

    second = small_image(colour="firebrick")
    new = second.get_rendition("fill-300x200").file.name

    assert second.file.name == first.file.name  # the freed name is taken again
    assert new != old  # but a year-long cache of the old rendition cannot show here


def test_renditions_use_the_custom_domain_of_a_cdn(s3_environ, bucket, settings):
    s3_environ["MEDIA_S3_CUSTOM_DOMAIN"] = "media.campaign.example.org"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(s3_environ)}
    rendition = small_image().get_rendition("fill-300x200")

    assert rendition.url == f"https://media.campaign.example.org/{rendition.file.name}"
    assert bucket.keys("images/") == [rendition.file.name]  # still written to the bucket
    assert media_origins(s3_environ) == ["https://media.campaign.example.org"]


def test_the_case_page_shows_its_photo_from_the_bucket(s3_media, bucket, client, home_page):
    photo = small_image()
    case = CasePageFactory(
        parent=CaseIndexPageFactory(parent=home_page), photo=photo, social_image=photo
    )

    html = client.get(case.url).content.decode()

    sources = set(re.findall(r'(?:src|srcset)="([^"]+)"', html))
    urls = {url.split()[0] for source in sources for url in source.split(", ")}
    photo_urls = {url for url in urls if "/images/" in url}
    assert photo_urls, "the case page shows no photo"
    endpoint_prefix = f"{s3_media['MEDIA_S3_ENDPOINT_URL']}/{bucket.name}/images/"
    assert all(url.startswith(endpoint_prefix) for url in photo_urls), photo_urls
    # Every one of them is in the bucket, and comes from an origin the CSP lets in.
    stored = set(bucket.keys("images/"))
    assert {urlsplit(url).path.split("/", 2)[2] for url in photo_urls} <= stored
    # The picture shared on social networks is the bucket's address, as it is.
    (shared,) = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
    assert shared.startswith(endpoint_prefix)
    origins = media_origins(s3_media)
    assert {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in photo_urls} <= set(
        origins
    )


def test_a_second_rendition_request_is_answered_by_the_redis_cache(s3_media, renditions_in_redis):
    image = small_image()
    first = image.get_rendition("fill-300x200")
    fresh = CustomImage.objects.get(pk=image.pk)  # nothing remembered on the instance

    with CaptureQueriesContext(connection) as queries:
        again = fresh.get_rendition("fill-300x200")

    assert len(queries) == 0, [query["sql"] for query in queries]
    assert again.pk == first.pk and again.url == first.url
    stored = redis.Redis.from_url("redis://127.0.0.1:6379/2").keys("*wagtail-rendition-*")
    assert len(stored) == 1


def test_a_renditions_cache_that_is_down_costs_a_query_not_the_image(s3_media, settings):
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {
            "BACKEND": "home.cache_backend.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing answers there
        },
    }
    image = small_image()
    first = image.get_rendition("fill-300x200")
    again = CustomImage.objects.get(pk=image.pk).get_rendition("fill-300x200")

    assert again.pk == first.pk


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client


def test_an_image_uploaded_in_the_admin_is_stored_in_the_bucket(s3_media, bucket, editor):
    upload = SimpleUploadedFile(
        "detention-centre.png", get_test_image_file().file.getvalue(), "image/png"
    )
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Detention centre",
            "file": upload,
            "collection": Collection.get_first_root_node().pk,
            "credit": "Photo: family archive",
            "licence": "cc-by-4.0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = CustomImage.objects.get(title="Detention centre")
    assert image.file.name == "original_images/detention-centre.png"
    assert image.file.name in bucket.keys("original_images/")
    # The admin's listing shows it through a rendition, written to the bucket too.
    listing = editor.get(reverse("wagtailimages:index")).content.decode()
    assert f"{s3_media['MEDIA_S3_ENDPOINT_URL']}/{bucket.name}/images/" in listing


def test_a_document_is_served_through_the_site_not_the_bucket(s3_media, bucket, client):
    document = Document.objects.create(
        title="Verdict", file=ContentFile(b"%PDF-1.4 the verdict", name="verdict.pdf")
    )
    assert document.file.name in bucket.keys("documents/")

    response = client.get(document.url)

    assert document.url == reverse("wagtaildocs_serve", args=(document.pk, "verdict.pdf"))
    assert response.status_code == 200  # streamed by the site, not a redirect to the bucket
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the verdict"


def test_a_private_document_is_refused_to_a_visitor(s3_media, client):
    private = Collection.get_first_root_node().add_child(name="Families' letters")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Lawyers"))
    document = Document.objects.create(
        title="Letter",
        collection=private,
        file=ContentFile(b"private words", name="letter.txt"),
    )

    response = client.get(document.url)

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("wagtailcore_login")


def test_a_backup_takes_originals_and_documents_from_the_bucket(s3_media, tmp_path):
    image = small_image()
    image.get_rendition("fill-300x200")
    document = Document.objects.create(
        title="Verdict", file=ContentFile(b"the verdict", name="verdict.txt")
    )
    archive = tmp_path / "site.tar.gz"

    call_command("backup", str(archive), stdout=StringIO())

    with tarfile.open(archive) as opened:
        media = sorted(name for name in opened.getnames() if name.startswith("media/"))
    assert media == [f"media/{document.file.name}", f"media/{image.file.name}"]
