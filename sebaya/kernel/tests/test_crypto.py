"""Confidential notes have keys of their own: SECRET_KEY alone opens none (issue 11, part 3)."""

import base64
import hashlib

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.utils import timezone

from sebaya.kernel.crypto import NoteUnreadable, new_notes_key, note_decrypt, note_encrypt, reencrypt_notes


def legacy_token(settings, text):
    """A note as Sebaya wrote it before the notes keys: under a key derived from SECRET_KEY."""
    key = hashlib.sha256(f"sebaya-notes:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key)).encrypt(text.encode()).decode()


def test_a_note_opens_with_the_notes_keys_and_never_with_secret_key_alone(settings):
    token = note_encrypt("Dia cerita soal rumah")
    assert "rumah" not in token and note_decrypt(token) == "Dia cerita soal rumah"
    Fernet(settings.SEBAYA_NOTES_KEYS[0]).decrypt(token.encode())  # the first notes key wrote it
    settings.SEBAYA_NOTES_KEYS = [new_notes_key()]  # same SECRET_KEY, the notes keys gone
    with pytest.raises(NoteUnreadable):
        note_decrypt(token)


def test_rotating_the_notes_keys(settings):
    token = note_encrypt("catatan")
    old = settings.SEBAYA_NOTES_KEYS[0]
    settings.SEBAYA_NOTES_KEYS = [new_notes_key(), old]  # a new first key; the old one still reads
    assert note_decrypt(token) == "catatan"
    assert note_decrypt(note_encrypt("baru")) == "baru"
    with pytest.raises(Exception):  # noqa: B017 (any refusal: the old key did not write it)
        Fernet(old).decrypt(note_encrypt("baru").encode())


@pytest.mark.django_db
def test_reencrypt_moves_every_kind_of_note_to_the_first_notes_key(org, users, settings, capsys):
    from conftest import make_person
    from sebaya.counseling import services as counseling
    from sebaya.people.models import Role
    from sebaya.programs import supervision
    from sebaya.support import services as support
    from sebaya.support.models import SupervisionNote, SupporterProfile

    case = counseling.case_open(
        organization=org,
        person=users["member"].person,
        by=users["counselor"],
        summary="x",
        domain="pribadi",
    )
    case_session = counseling.session_record(
        case=case, by=users["counselor"], date=timezone.localdate(), discussed="x", confidential_note="kasus"
    )
    membership, _u = make_person(org, "PS-2", roles=[Role.PEER_SUPPORTER])
    profile = SupporterProfile.objects.create(organization=org, membership=membership, certified=True)
    meeting = supervision.supervision_schedule(
        organization=org,
        kind="individual",
        starts_at=timezone.now(),
        place="BK",
        by=users["counselor"],
        supporters=[profile],
    )
    meeting = supervision.supervision_record(
        session=meeting, version=1, present=set(), ratings={}, notes="supervisi", by=users["counselor"]
    )
    note = support.supervision_note_add(supporter=profile, by=users["counselor"], body="relasi")
    # One note from before the notes keys existed.
    type(case_session).objects.filter(pk=case_session.pk).update(
        confidential_note=legacy_token(settings, "kasus lama")
    )
    call_command("reencrypt", "--check")
    assert "1 of them not yet on the first notes key" in capsys.readouterr().out
    old = settings.SEBAYA_NOTES_KEYS[0]
    settings.SEBAYA_NOTES_KEYS = [new_notes_key(), old]
    call_command("reencrypt")
    assert "3 confidential notes on the first notes key (3 moved)" in capsys.readouterr().out
    settings.SEBAYA_NOTES_KEYS = settings.SEBAYA_NOTES_KEYS[:1]  # the old key leaves
    settings.SECRET_KEY = "a-different-secret-key-" + "z" * 40  # and SECRET_KEY opens nothing now
    case_session.refresh_from_db()
    meeting.refresh_from_db()
    assert note_decrypt(case_session.confidential_note) == "kasus lama"
    assert note_decrypt(meeting.notes) == "supervisi"
    assert note_decrypt(SupervisionNote.objects.get(pk=note.pk).body) == "relasi"
    assert reencrypt_notes(check=True) == (3, 0, 0)


@pytest.mark.django_db
def test_a_note_whose_key_is_gone_stops_the_rotation_with_a_clear_error(org, users, settings):
    from django.core.management import CommandError

    from sebaya.counseling import services as counseling

    case = counseling.case_open(
        organization=org,
        person=users["member"].person,
        by=users["counselor"],
        summary="x",
        domain="pribadi",
    )
    counseling.session_record(
        case=case, by=users["counselor"], date=timezone.localdate(), discussed="x", confidential_note="kasus"
    )
    settings.SEBAYA_NOTES_KEYS = [new_notes_key()]
    with pytest.raises(CommandError, match="Put the old key back in SEBAYA_NOTES_KEYS"):
        call_command("reencrypt")


def test_new_key_prints_a_fernet_key(capsys):
    call_command("reencrypt", "--new-key")
    Fernet(capsys.readouterr().out.strip())
