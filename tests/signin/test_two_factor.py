"""Two-factor sign-in: required for Editors (and superusers), the code step every session,
enrolment with a QR code, recovery codes that work once, no replayed code, a limit on
wrong codes, and the administrator's reset."""

import time
from io import StringIO

import pyotp
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from home.signin import keys, two_factor
from home.signin.models import RecoveryCode, TwoFactorDevice

from .conftest import (
    enrolled,
    fully_signed_in,
    give_code,
    is_signed_in,
    secret_on_page,
    sign_in,
)

pytestmark = pytest.mark.django_db

ENROL = "/admin/signin/two-factor/"
CODE = "/admin/signin/code/"


def test_an_editor_without_two_factor_is_sent_to_enrolment_and_nowhere_else(client, editor):
    assert sign_in(client, "ed").status_code == 302
    for address in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/account/"):
        response = client.get(address)
        assert response.status_code == 302
        assert response.url.startswith(ENROL), address
    assert client.get("/admin/pages/").url == f"{ENROL}?next=%2Fadmin%2Fpages%2F"


def test_enrolment_shows_the_secret_and_qr_code_and_is_confirmed_with_a_code(client, editor):
    sign_in(client, "ed")
    page = client.get(ENROL)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.text
    secret = secret_on_page(page)
    assert secret_on_page(client.get(ENROL)) == secret
    wrong = client.post(ENROL, {"code": "000000"})
    assert "That code is not right" in wrong.text
    assert not TwoFactorDevice.objects.exists()
    done = client.post(ENROL, {"code": pyotp.TOTP(secret).now(), "next": "/admin/pages/"})
    assert done.status_code == 200
    assert "this is the only time they are shown" in done.text
    assert done.text.count("<li><code>") == 10
    assert client.get("/admin/pages/").status_code == 200


def test_an_enrolled_editor_gives_a_code_after_the_password_every_session(client, editor):
    totp, _codes = enrolled(editor)
    sign_in(client, "ed")
    response = client.get("/admin/pages/")
    assert response.url == f"{CODE}?next=%2Fadmin%2Fpages%2F"
    assert not is_signed_in(client)
    response = client.post(CODE, {"code": totp.now(), "next": "/admin/pages/"})
    assert (response.status_code, response.url) == (302, "/admin/pages/")
    assert client.get("/admin/pages/").status_code == 200
    client.post("/admin/logout/")
    sign_in(client, "ed")
    assert not is_signed_in(client)


def test_the_rest_of_the_site_treats_a_half_signed_in_person_as_signed_out(client, editor):
    enrolled(editor)
    sign_in(client, "ed")
    request = client.get("/robots.txt").wsgi_request
    assert not request.user.is_authenticated


def test_a_code_is_refused_the_second_time(client, editor):
    totp, _codes = enrolled(editor)
    code = totp.now()
    sign_in(client, "ed")
    assert give_code(client, code).status_code == 302
    client.post("/admin/logout/")
    sign_in(client, "ed")
    replay = give_code(client, code)
    assert replay.status_code == 200
    assert "That code is not right, or it was already used" in replay.text
    assert not is_signed_in(client)


def test_codes_are_accepted_one_step_either_side_of_now():
    secret = two_factor.new_secret()
    totp, now = pyotp.TOTP(secret), 1_000_000_000
    step = now // 30
    for offset in (-1, 0, 1):
        assert two_factor.matching_step(secret, totp.generate_otp(step + offset), now) == (
            step + offset
        )
    for offset in (-2, 2):
        assert two_factor.matching_step(secret, totp.generate_otp(step + offset), now) is None
    assert two_factor.matching_step(secret, "12345x", now) is None


def test_a_recovery_code_works_once_and_only_once(client, editor):
    _totp, codes = enrolled(editor)
    sign_in(client, "ed")
    response = give_code(client, codes[3].upper())  # as copied from paper, in capitals
    assert response.status_code == 302
    assert "9 left" in client.get("/admin/").text
    client.post("/admin/logout/")
    sign_in(client, "ed")
    again = give_code(client, codes[3])
    assert "That code is not right" in again.text
    assert not is_signed_in(client)
    assert give_code(client, codes[4]).status_code == 302


def test_recovery_codes_ignore_case_and_separators():
    assert two_factor.recovery_code_hash("abcde-fghjk") == two_factor.recovery_code_hash(
        "ABCDE FGHJK"
    )


def test_recovery_codes_are_stored_hashed_and_the_secret_sealed(editor):
    secret = two_factor.new_secret()
    codes = two_factor.enrol(editor, secret)
    stored = [row.code_hash for row in RecoveryCode.objects.filter(user=editor)]
    assert len(stored) == 10
    assert not {code.replace("-", "") for code in codes} & set(stored)
    device = TwoFactorDevice.objects.get(user=editor)
    assert secret not in device.sealed_secret
    assert two_factor.unsealed(device.sealed_secret) == secret


def test_a_sealed_secret_needs_the_key_and_cannot_be_altered(settings):
    sealed = keys.seal("purpose", "JBSWY3DPEHPK3PXP")
    assert keys.unseal("purpose", sealed) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(keys.UnsealError):
        keys.unseal("another purpose", sealed)
    altered = sealed[:30] + ("A" if sealed[30] != "A" else "B") + sealed[31:]
    with pytest.raises(keys.UnsealError):
        keys.unseal("purpose", altered)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "n" * 60, [old_key]
    assert keys.unseal("purpose", sealed) == "JBSWY3DPEHPK3PXP"  # a key rotated Django's way
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(keys.UnsealError):
        keys.unseal("purpose", sealed)


def test_five_wrong_codes_sign_out_and_lock_the_account(client, editor):
    totp, _codes = enrolled(editor)
    sign_in(client, "ed")
    statuses = [give_code(client, "000000").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert client.get("/admin/").url.startswith("/admin/login/")  # signed out
    assert sign_in(client, "ed").status_code == 429  # even with the right password


def test_passing_the_second_factor_clears_the_accounts_failures(client, editor):
    totp, _codes = enrolled(editor)
    for _ in range(3):
        sign_in(client, "ed", "wrong")
    sign_in(client, "ed")
    give_code(client, totp.now())
    client.post("/admin/logout/")
    for _ in range(4):
        assert sign_in(client, "ed", "wrong").status_code == 200


def test_superusers_must_enrol_and_campaigners_need_not(client, campaigner, superuser):
    assert two_factor.is_required(superuser)
    assert not two_factor.is_required(campaigner)
    sign_in(client, "cam")
    assert client.get("/admin/pages/").status_code == 200
    # The account page links to voluntary enrolment.
    assert ENROL in client.get("/admin/account/").text


def test_with_the_requirement_off_nobody_is_made_to_enrol_but_enrolled_people_give_a_code(
    client, editor, campaigner, settings
):
    settings.ADMIN_2FA_REQUIRED = False
    sign_in(client, "ed")
    assert client.get("/admin/pages/").status_code == 200
    client.post("/admin/logout/")
    enrolled(campaigner)
    sign_in(client, "cam")
    assert client.get("/admin/pages/").url.startswith(CODE)


def test_new_recovery_codes_and_removal_need_a_current_code(client, editor):
    totp, old_codes = enrolled(editor)
    sign_in(client, "ed")
    give_code(client, old_codes[0])
    refused = client.post(ENROL, {"action": "new-codes", "code": "000000"})
    assert "That code is not right" in refused.text
    fresh = client.post(ENROL, {"action": "new-codes", "code": totp.now()})
    assert fresh.text.count("<li><code>") == 10
    assert old_codes[1] not in fresh.text
    assert not two_factor.use_recovery_code(editor, old_codes[1])
    removed = client.post(
        ENROL, {"action": "remove", "code": totp.generate_otp(int(time.time()) // 30 + 1)}
    )
    assert removed.url == ENROL
    assert not TwoFactorDevice.objects.filter(user=editor).exists()
    # An Editor must have one: back to enrolment before anything else.
    assert client.get("/admin/pages/").url.startswith(ENROL)


def test_a_superuser_resets_someones_two_factor(client, editor, superuser):
    enrolled(editor)
    fully_signed_in(client, superuser)
    assert "Reset two-factor for ed" in client.get("/admin/signin/locked/").text
    client.post("/admin/signin/locked/", {"action": "reset-two-factor", "user": editor.pk})
    assert not two_factor.is_enrolled(editor)


def test_the_reset_command(editor):
    enrolled(editor)
    out = StringIO()
    call_command("reset_2fa", "ed", stdout=out)
    assert "reset for “ed”" in out.getvalue()
    assert not two_factor.is_enrolled(editor)
    call_command("reset_2fa", "ed", stdout=out)
    assert "nothing to reset" in out.getvalue()


def test_the_admins_icons_and_translations_load_before_the_second_step(client, editor):
    """Every admin page, the code and enrolment pages too, loads these."""
    sign_in(client, "ed")
    assert client.get("/admin/jsi18n/").status_code == 200
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200
    assert "<svg" in sprite.text
    assert "two-factor" not in sprite.text


@pytest.mark.parametrize("code", ["١٢٣٤٥٦", "¹²³⁴⁵⁶", "12345６"])
def test_digits_of_other_scripts_are_a_wrong_code_not_an_error(code):
    assert two_factor.matching_step(two_factor.new_secret(), code) is None


def test_a_secret_sealed_under_a_lost_key_refuses_codes_but_recovery_codes_still_work(
    settings, django_user_model
):
    user = django_user_model.objects.create_user(username="rotated", password="x" * 12)
    secret = two_factor.new_secret()
    old_key = settings.SECRET_KEY
    codes = two_factor.enrol(user, secret)
    settings.SECRET_KEY = "a-new-key-" + "z" * 50  # rotated, the old one kept as fallback
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert two_factor.use_recovery_code(user, codes[0])
    settings.SECRET_KEY_FALLBACKS = []  # and then dropped
    assert not two_factor.use_code(user, pyotp.TOTP(secret).now())


def test_a_session_passed_without_a_code_is_asked_for_one_once_the_person_enrols(
    client, campaigner
):
    """Someone who stole the password before the owner enrolled keeps no open session."""
    fully_signed_in(client, campaigner)  # a campaigner needs no second factor
    assert client.get("/admin/pages/").status_code == 200
    enrolled(campaigner)  # the owner enrols, elsewhere
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/signin/code/")


def test_a_session_is_asked_again_when_its_authenticator_is_replaced(client, editor):
    fully_signed_in(client, editor)
    assert client.get("/admin/pages/").status_code == 200
    enrolled(editor)  # a new authenticator (e.g. after a lost phone)
    assert client.get("/admin/pages/").url.startswith("/admin/signin/code/")


def test_someone_given_a_role_that_requires_two_factor_must_enrol_at_once(client, campaigner):
    fully_signed_in(client, campaigner)
    campaigner.groups.add(Group.objects.get_or_create(name="Editors")[0])
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/signin/two-factor/")
