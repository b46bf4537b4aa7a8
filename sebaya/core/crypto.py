"""Authenticated encryption for secrets and confidential notes, with key rotation.

Keys are derived from SECRET_KEY and SECRET_KEY_FALLBACKS, one derived key per purpose (so a
two-step sign-in secret and a counseling note never share a key). Fernet is AES-128-CBC with an
HMAC-SHA256 tag: a changed byte is detected, never decrypted into something else. MultiFernet
encrypts with the current key and decrypts with any of them; `sebaya reencrypt` rewrites every
stored token with the current key after a rotation, so old keys can leave the settings.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = ["InvalidToken", "NoteUnreadable", "fernet", "note_decrypt", "note_encrypt", "reencrypt_field"]

PURPOSES = {"mfa": "sebaya-mfa", "notes": "sebaya-notes"}


def fernet(purpose: str) -> MultiFernet:
    context = PURPOSES[purpose]
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"{context}:{key}".encode()).digest()))
            for key in keys
        ]
    )


class NoteUnreadable(Exception):
    """The note's key is not in the settings any more (see `sebaya reencrypt`)."""


def note_encrypt(text: str) -> str:
    """A confidential note as a Fernet token ("" for no note)."""
    return fernet("notes").encrypt(text.encode()).decode() if text else ""


def note_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet("notes").decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise NoteUnreadable from error


def reencrypt_field(model, field: str, *, check: bool = False) -> tuple[int, int]:
    """Rewrite every note token in `model.field` with the current key. (readable, unreadable).
    Run inside the caller's transaction."""
    notes = fernet("notes")
    done = unreadable = 0
    for pk, token in model.objects.select_for_update().exclude(**{field: ""}).values_list("pk", field):
        try:
            rotated = notes.rotate(token.encode()).decode()
        except InvalidToken:
            unreadable += 1
            continue
        if not check and rotated != token:
            model.objects.filter(pk=pk).update(**{field: rotated})
        done += 1
    return done, unreadable
