"""Ed25519 signatures of the open-data files, and the public key readers check them with.

The private key comes from OPEN_DATA_SIGNING_KEY: the base64 of a 32-byte Ed25519 seed, or
the absolute path of a PEM file (`openssl genpkey -algorithm ed25519 -out key.pem`).
Production refuses to start without it unless OPEN_DATA_SIGNING is false
(settings/production.py). Development and the tests, with no key set, sign with DEMO_SEED
below: it is published here, so it proves nothing; the /open-data/ page says so when it is
in use, and each deployment publishes its own public key.

A signature is the raw 64 bytes of Ed25519 over the file's exact bytes, served as
`<file>.sig`; `openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in FILE -sigfile
FILE.sig` checks it.
"""

import base64
import binascii
import functools
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# NOT SECRET: the demo key of development and the tests, published in the repository so that
# anyone can check the demo's files. Never use it on a real site.
DEMO_SEED = "Q72PqQSggSBF3gVcIney+XzIO29vNE121nq/BR2m0Ic="


class SigningKeyError(ImproperlyConfigured):
    """OPEN_DATA_SIGNING_KEY is set but is not an Ed25519 key."""


def signing_enabled():
    return bool(settings.OPEN_DATA_SIGNING)


def uses_demo_key():
    return signing_enabled() and not settings.OPEN_DATA_SIGNING_KEY


def _seed(value):
    """The 32 bytes `value` is the base64 of, or None."""
    try:
        seed = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return seed if len(seed) == 32 else None


def parse_key(value):
    """An Ed25519 private key from a base64 seed or a PEM file's path; a clear error otherwise.

    A seed is tried first: the base64 alphabet has "/", so one seed in 64 starts with it.
    """
    seed = _seed(value)
    if seed is not None:
        return Ed25519PrivateKey.from_private_bytes(seed)
    if value.startswith("/"):
        try:
            pem = Path(value).read_bytes()
        except OSError as error:
            raise SigningKeyError(
                f"OPEN_DATA_SIGNING_KEY: cannot read {value}: {error.strerror}"
            ) from error
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError) as error:
            raise SigningKeyError(
                f"OPEN_DATA_SIGNING_KEY: {value} holds no PEM private key"
            ) from error
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(f"OPEN_DATA_SIGNING_KEY: {value} is not an Ed25519 key")
        return key
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:
        raise SigningKeyError("OPEN_DATA_SIGNING_KEY is neither base64 nor a file path") from error
    raise SigningKeyError("OPEN_DATA_SIGNING_KEY must be the base64 of 32 bytes (an Ed25519 seed)")


@functools.cache
def _key_for(value):
    return parse_key(value or DEMO_SEED)


def private_key():
    """The site's signing key, or None when signing is switched off."""
    if not signing_enabled():
        return None
    return _key_for(settings.OPEN_DATA_SIGNING_KEY)


def sign(content):
    """The detached signature of `content` (64 raw bytes), or b"" when signing is off."""
    key = private_key()
    return key.sign(bytes(content)) if key else b""


def public_key():
    key = private_key()
    return key.public_key() if key else None


def public_key_pem(key=None):
    key = key or public_key()
    if key is None:
        return ""
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def public_key_base64(key=None):
    """The 32 raw bytes of the public key in base64, as most Ed25519 tools print it."""
    key = key or public_key()
    if key is None:
        return ""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def verify(content, signature, key=None):
    """True when `signature` is the site's (or `key`'s) signature of exactly `content`."""
    key = key or public_key()
    if not isinstance(key, Ed25519PublicKey) or len(signature) != 64:
        return False
    try:
        key.verify(bytes(signature), bytes(content))
    except InvalidSignature:
        return False
    return True
