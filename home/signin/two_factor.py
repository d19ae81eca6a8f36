"""The second factor: time-based codes from an authenticator app (TOTP, RFC 6238) and
one-time recovery codes.

Codes are the ones every authenticator app makes (6 digits, 30-second steps, SHA-1, as
`pyotp` defaults). A code is accepted one step either side of now (a phone's clock may be
a little off, and typing takes time), and never twice: the step of the last accepted code
is kept, and only a later one passes. Recovery codes are random (about 50 bits each), so a
keyed hash is enough to keep them (no slow password hash: the ten are checked in one
query), and each is spent by one UPDATE that only one request can win.

Who must have it (`is_required`): superusers, who can do everything, and members of the
groups in ADMIN_2FA_REQUIRED_GROUPS, unless ADMIN_2FA_REQUIRED is off. Whoever enrolled
gives a code at every sign-in, required or not.
"""

import hashlib
import logging
import secrets
import time

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import keys
from .models import RecoveryCode, TwoFactorDevice

SECRET_PURPOSE = "two-factor-secret"  # noqa: S105 - a key derivation label
RECOVERY_PURPOSE = "two-factor-recovery-code"
STEP_SECONDS = 30
VALID_WINDOW = 1  # steps either side of now
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: a code copied from paper is typed back right.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_HALF = 5

logger = logging.getLogger(__name__)


def is_required(user):
    """Must `user` sign in with a second factor (see the module docstring)?"""
    if not settings.ADMIN_2FA_REQUIRED:
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=settings.ADMIN_2FA_REQUIRED_GROUPS).exists()
    )


def device_of(user):
    return TwoFactorDevice.objects.filter(user=user).first()


def is_enrolled(user):
    return TwoFactorDevice.objects.filter(user=user).exists()


def standing(user):
    """What a session's second factor stood on, to tell when it no longer holds: the
    authenticator (a fingerprint of its sealed secret, new at each enrolment), "not-needed"
    for someone neither enrolled nor required to be, or None for someone who must enrol
    first. A session passed under other terms (enrolled since, a new authenticator, added
    to a group that requires one) is asked again."""
    device = device_of(user)
    if device is not None:
        return "device:" + hashlib.sha256(device.sealed_secret.encode()).hexdigest()[:16]
    if is_required(user):
        return None
    return "not-needed"


def new_secret():
    return pyotp.random_base32()


def sealed(secret):
    return keys.seal(SECRET_PURPOSE, secret)


def unsealed(sealed_secret):
    return keys.unseal(SECRET_PURPOSE, sealed_secret)


def provisioning_uri(user, secret):
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(
        name=user.get_username(), issuer_name=settings.ADMIN_2FA_ISSUER
    )


def qr_code_data_uri(text):
    """`text` as a QR code, an SVG data: URI for an <img> (the admin's CSP allows data:)."""
    return segno.make(text, error="m").svg_data_uri(scale=5, border=2)


def grouped(secret):
    """The secret in groups of four, as people copy it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def digits(code):
    return "".join((code or "").split())


def matching_step(secret, code, now=None):
    """The time step whose code `code` is, within the window around `now`; else None."""
    code = digits(code)
    # ASCII only: "١٢٣٤٥٦" is digits to str.isdigit, and no authenticator shows it.
    if len(code) != 6 or not (code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    current = int(time.time() if now is None else now) // STEP_SECONDS
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def use_code(user, code):
    """True if `code` is the current code of `user`'s authenticator and was not used before.

    The step is recorded in the same UPDATE that checks it is newer than the last one, so
    two requests with one code cannot both pass."""
    device = device_of(user)
    if device is None:
        return False
    try:
        secret = unsealed(device.sealed_secret)
    except keys.UnsealError:
        # Sealed under a SECRET_KEY this site no longer has (rotated without keeping the
        # old one in SECRET_KEY_FALLBACKS, or restored elsewhere): a recovery code still
        # signs the person in, and an administrator can reset the authenticator.
        logger.warning("A two-factor secret cannot be unsealed: SECRET_KEY changed?")
        return False
    step = matching_step(secret, code)
    if step is None:
        return False
    return bool(
        TwoFactorDevice.objects.filter(pk=device.pk, last_used_step__lt=step).update(
            last_used_step=step
        )
    )


def normalised_recovery_code(code):
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def recovery_code_hash(code):
    return keys.keyed_hash(RECOVERY_PURPOSE, normalised_recovery_code(code))


def use_recovery_code(user, code):
    """True if `code` is one of `user`'s unused recovery codes; it is spent by this call."""
    if len(normalised_recovery_code(code)) != 2 * RECOVERY_HALF:
        return False
    # Under the current SECRET_KEY or an old one kept in SECRET_KEY_FALLBACKS.
    hashes = keys.keyed_hashes(RECOVERY_PURPOSE, normalised_recovery_code(code))
    return bool(
        RecoveryCode.objects.filter(user=user, code_hash__in=hashes, used_at__isnull=True).update(
            used_at=timezone.now()
        )
    )


def use_code_or_recovery_code(user, code):
    """True if `code` is a fresh authenticator code or an unused recovery code of `user`."""
    return use_code(user, code) or use_recovery_code(user, code)


def new_recovery_codes(user):
    """Replace `user`'s recovery codes with RECOVERY_CODE_COUNT new ones; return them, in
    clear, for the one page that shows them."""

    def one():
        chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(2 * RECOVERY_HALF))
        return f"{chars[:RECOVERY_HALF]}-{chars[RECOVERY_HALF:]}"

    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(one())
    codes = sorted(codes)
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, code_hash=recovery_code_hash(code)) for code in codes
        )
    return codes


def unused_recovery_codes(user):
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def enrol(user, secret, used_step=0):
    """Make `secret` `user`'s authenticator (the code of `used_step` already spent) and
    return new recovery codes."""
    with transaction.atomic():
        TwoFactorDevice.objects.update_or_create(
            user=user, defaults={"sealed_secret": sealed(secret), "last_used_step": used_step}
        )
        return new_recovery_codes(user)


def reset(user):
    """Remove `user`'s authenticator and recovery codes (a lost phone); True if there were."""
    with transaction.atomic():
        deleted, _ = TwoFactorDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
    return bool(deleted)
