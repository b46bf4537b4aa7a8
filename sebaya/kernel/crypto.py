"""Authenticated encryption for secrets and confidential notes, with key rotation.

Two key sets, so that no one key opens everything:

* **Two-step sign-in secrets** use a key derived from SECRET_KEY and SECRET_KEY_FALLBACKS
  (`fernet("mfa")`): the web process needs them at every sign-in anyway.
* **Confidential notes** (case sessions, supervision, supervision notes on a relationship) use
  their own keys, `SEBAYA_NOTES_KEYS` (Fernet keys, the first encrypts, all decrypt), never
  derived from SECRET_KEY. Whoever holds the settings file or a copy of the database alone reads
  no note; the notes keys are kept apart from both (docs/OPERATIONS.md says how).

Notes written before the notes keys existed were encrypted with a key derived from SECRET_KEY.
They still open (so an upgrade loses nothing) until `sebaya reencrypt` moves them to the notes
keys; after that, SECRET_KEY opens no note.

Fernet is AES-128-CBC with an HMAC-SHA256 tag: a changed byte is detected, never decrypted into
something else. MultiFernet encrypts with the first key and decrypts with any of them;
`sebaya reencrypt` rewrites every stored token with the first key, so old keys can leave.

Which model fields hold notes is declared by each app's AppConfig (`encrypted_notes`, read by
`kernel.registry`), so one command rotates them all and this module imports nothing else of Sebaya.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import transaction

from sebaya.kernel import registry

__all__ = [
    "InvalidToken",
    "NoteUnreadable",
    "fernet",
    "new_notes_key",
    "note_decrypt",
    "note_encrypt",
    "reencrypt_field",
    "reencrypt_notes",
]

PURPOSES = {"mfa": "sebaya-mfa", "notes": "sebaya-notes"}


def _derived(purpose: str) -> list[Fernet]:
    context = PURPOSES[purpose]
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [
        Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"{context}:{key}".encode()).digest())) for key in keys
    ]


def fernet(purpose: str) -> MultiFernet:
    """Keys derived from SECRET_KEY (and its fallbacks) for one purpose: two-step sign-in secrets."""
    return MultiFernet(_derived(purpose))


def _notes_primary() -> Fernet:
    return Fernet(settings.SEBAYA_NOTES_KEYS[0])


def _notes() -> MultiFernet:
    # The notes keys first (the first one encrypts); then the keys notes had before them.
    return MultiFernet([Fernet(key) for key in settings.SEBAYA_NOTES_KEYS] + _derived("notes"))


def new_notes_key() -> str:
    return Fernet.generate_key().decode()


class NoteUnreadable(Exception):
    """The note's key is not in the settings any more (see `sebaya reencrypt`)."""


def note_encrypt(text: str) -> str:
    """A confidential note as a Fernet token ("" for no note)."""
    return _notes().encrypt(text.encode()).decode() if text else ""


def note_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _notes().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise NoteUnreadable from error


def reencrypt_field(model, field: str, *, check: bool = False) -> tuple[int, int, int]:
    """Rewrite every note token in `model.field` with the first notes key.

    Returns (readable, unreadable, not yet on the first key before this run). Run inside the
    caller's transaction."""
    notes, primary = _notes(), _notes_primary()
    done = unreadable = behind = 0
    for pk, token in model.objects.select_for_update().exclude(**{field: ""}).values_list("pk", field):
        try:
            primary.decrypt(token.encode())
        except InvalidToken:
            try:
                rotated = notes.rotate(token.encode()).decode()
            except InvalidToken:
                unreadable += 1
                continue
            behind += 1
            if not check:
                model.objects.filter(pk=pk).update(**{field: rotated})
        done += 1
    return done, unreadable, behind


def reencrypt_notes(*, check: bool = False) -> tuple[int, int, int]:
    """Every confidential note moved to the first notes key: (readable, unreadable, moved)."""
    totals = [0, 0, 0]
    with transaction.atomic():
        for model, field in registry.encrypted_notes():
            for i, count in enumerate(reencrypt_field(model, field, check=check)):
                totals[i] += count
    return tuple(totals)
