import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import decrypt
from django.core.management import CommandError, call_command

from conftest import TEST_TOTP_SECRET, make_person
from sebaya.people.models import Role

NEW_KEY = "the-new-secret-key-after-rotation-" + "y" * 40


def test_rotation_re_encrypts_so_the_old_key_can_go(org, settings):
    _membership, user = make_person(org, "C-1", roles=[Role.COUNSELOR], username="konselor")
    RecoveryCodes.activate(user)
    codes = RecoveryCodes(
        Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [old_key]
    call_command("reencrypt")
    settings.SECRET_KEY_FALLBACKS = []  # the old key is gone now
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert decrypt(totp.data["secret"]) == TEST_TOTP_SECRET
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    assert RecoveryCodes(recovery).get_unused_codes() == codes


def test_check_changes_nothing_and_unreadable_secrets_are_reported(org, settings):
    _membership, user = make_person(org, "C-1", roles=[Role.COUNSELOR], username="konselor")
    before = Authenticator.objects.get(user=user).data["secret"]
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("reencrypt", "--check")
    assert Authenticator.objects.get(user=user).data["secret"] == before
