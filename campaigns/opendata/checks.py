"""`manage.py check` refuses an OPEN_DATA_SIGNING_KEY that is not an Ed25519 key, so a
deployment learns of it before the first file is signed. Registered by campaigns.apps."""

from django.core import checks

from . import signing


@checks.register(checks.Tags.security)
def signing_key_is_usable(app_configs=None, **kwargs):
    if not signing.signing_enabled():
        return []
    try:
        signing.private_key()
    except signing.SigningKeyError as error:
        return [checks.Error(str(error), id="opendata.E001")]
    return []
