"""Keys derived from SECRET_KEY for one purpose each, and sealing of short secrets.

Python's standard library has no cipher, and a short secret (a TOTP key: 20 bytes) needs
only one block: sealing is HMAC-SHA256 used as a pseudo-random function (as in CTR mode)
with a random nonce, then a MAC over nonce and ciphertext (encrypt-then-MAC), each with a
key of its own derived from SECRET_KEY. A database dump alone gives nothing; with
SECRET_KEY it gives everything, as it would for any key kept beside the code. Sealed values
are opened with SECRET_KEY or any of SECRET_KEY_FALLBACKS, so a key rotation done the
Django way keeps them working until the old key is dropped.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

NONCE_BYTES = 16
TAG_BYTES = 16
MAX_SECRET_BYTES = hashlib.sha256().digest_size


class UnsealError(ValueError):
    """The sealed value was altered, or sealed with a key this site no longer has."""


def derived_key(purpose, secret_key=None):
    """A key for one `purpose` (bytes), derived from SECRET_KEY (or the given old key)."""
    secret_key = settings.SECRET_KEY if secret_key is None else secret_key
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).digest()


def keyed_hash(purpose, value, secret_key=None):
    """HMAC-SHA256 of `value` (text) under the key for `purpose`, as 64 hex digits."""
    key = derived_key(purpose, secret_key)
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def keyed_hashes(purpose, value):
    """`keyed_hash` under SECRET_KEY and each of SECRET_KEY_FALLBACKS: what a hash stored
    before a key rotation may be."""
    return [
        keyed_hash(purpose, value, secret_key)
        for secret_key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    ]


def _stream(key, nonce, length):
    return hmac.new(key, b"stream" + nonce, hashlib.sha256).digest()[:length]


def _tag(key, nonce, ciphertext):
    return hmac.new(key, b"tag" + nonce + ciphertext, hashlib.sha256).digest()[:TAG_BYTES]


def seal(purpose, secret):
    """`secret` (text of at most 32 bytes) sealed for `purpose`, as URL-safe text."""
    plain = secret.encode()
    if len(plain) > MAX_SECRET_BYTES:
        raise ValueError(f"seal() takes at most {MAX_SECRET_BYTES} bytes")
    key = derived_key(purpose)
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = bytes(a ^ b for a, b in zip(plain, _stream(key, nonce, len(plain)), strict=True))
    return base64.urlsafe_b64encode(nonce + ciphertext + _tag(key, nonce, ciphertext)).decode()


def unseal(purpose, sealed):
    """The secret `seal(purpose, …)` sealed; UnsealError if altered or under an unknown key."""
    try:
        raw = base64.urlsafe_b64decode(sealed.encode())
    except ValueError as error:
        raise UnsealError("not a sealed value") from error
    nonce, ciphertext, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    if len(nonce) < NONCE_BYTES or len(tag) < TAG_BYTES:
        raise UnsealError("not a sealed value")
    for secret_key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        key = derived_key(purpose, secret_key)
        if hmac.compare_digest(tag, _tag(key, nonce, ciphertext)):
            stream = _stream(key, nonce, len(ciphertext))
            return bytes(a ^ b for a, b in zip(ciphertext, stream, strict=True)).decode()
    raise UnsealError("sealed under another key, or altered")
