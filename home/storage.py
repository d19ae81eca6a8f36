"""Media on an S3-compatible bucket (MEDIA_S3_BUCKET, configured by home/media.py)."""

from storages.backends.s3 import S3Storage

# Wagtail writes renditions under images/ and originals under original_images/.
RENDITIONS_FOLDER = "images/"
# A rendition's name holds the hash of its original (CustomRendition.get_upload_to), its
# filter and focal point: a name is never given to other content, so browsers and CDNs may
# keep it for a year without asking again.
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"


class MediaS3Storage(S3Storage):
    """django-storages' S3 storage, telling caches to keep renditions for good.

    Only renditions are public (the bucket policy in the README): pages show nothing
    else. Originals (full size, as uploaded) are read by the site alone, and documents,
    which may sit in a private collection, are served through the site, which checks who
    may see them.
    """

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if name.startswith(RENDITIONS_FOLDER):
            parameters.setdefault("CacheControl", RENDITION_CACHE_CONTROL)
        return parameters
