"""Re-encrypt stored secrets and confidential notes with the current keys, so old keys can go.

    sebaya reencrypt            # re-encrypt, then drop the old keys from the settings
    sebaya reencrypt --check    # only count what can and cannot be read, and what still needs moving
    sebaya reencrypt --new-key  # print a new notes key (for SEBAYA_NOTES_KEYS) and change nothing

Two-step sign-in secrets and recovery-code seeds follow SECRET_KEY (and SECRET_KEY_FALLBACKS).
Confidential notes follow SEBAYA_NOTES_KEYS (the first key encrypts); notes written before those
keys existed, under a key derived from SECRET_KEY, move to them here. One command rotates
everything.
"""

from allauth.mfa.models import Authenticator
from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sebaya.accounts.adapter import _fernet
from sebaya.kernel.crypto import new_notes_key, reencrypt_notes

# (authenticator type, the key in its data that holds ciphertext)
ENCRYPTED_FIELDS = [(Authenticator.Type.TOTP, "secret"), (Authenticator.Type.RECOVERY_CODES, "seed")]


class Command(BaseCommand):
    help = "Re-encrypt stored secrets and confidential notes with the current keys (after a rotation)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="count only, change nothing")
        parser.add_argument("--new-key", action="store_true", help="print a new notes key and stop")

    def handle(self, *args, check: bool, new_key: bool, **options):
        if new_key:
            self.stdout.write(new_notes_key())
            return
        fernet = _fernet()
        done = unreadable = 0
        with transaction.atomic():
            for kind, field in ENCRYPTED_FIELDS:
                for authenticator in Authenticator.objects.select_for_update().filter(type=kind):
                    token = authenticator.data.get(field, "")
                    try:
                        rotated = fernet.rotate(token.encode()).decode()
                    except InvalidToken:
                        unreadable += 1
                        continue
                    if not check and rotated != token:
                        authenticator.data[field] = rotated
                        authenticator.save(update_fields=["data"])
                    done += 1
            notes_done, notes_unreadable, notes_behind = reencrypt_notes(check=check)
        verb = "readable" if check else "re-encrypted with the current key"
        self.stdout.write(f"{done} secrets {verb}; {unreadable} unreadable.")
        if check:
            self.stdout.write(
                f"{notes_done} confidential notes readable, {notes_behind} of them not yet on the first "
                f"notes key; {notes_unreadable} unreadable."
            )
        else:
            self.stdout.write(
                f"{notes_done} confidential notes on the first notes key ({notes_behind} moved); "
                f"{notes_unreadable} unreadable."
            )
        if notes_unreadable:
            raise CommandError(
                f"{notes_unreadable} confidential notes cannot be read with SEBAYA_NOTES_KEYS (nor with "
                "SECRET_KEY for notes written before them). Put the old key back in SEBAYA_NOTES_KEYS "
                "before removing it."
            )
        if unreadable:
            raise CommandError(
                f"{unreadable} secrets cannot be read with SECRET_KEY or SECRET_KEY_FALLBACKS. "
                "Put the old key back in SECRET_KEY_FALLBACKS, "
                "or have an admin reset those people's two-step sign-in."
            )
