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

__all__ = ["InvalidToken", "fernet"]

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
