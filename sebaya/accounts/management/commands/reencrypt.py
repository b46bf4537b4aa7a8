"""Re-encrypt stored secrets with the current SECRET_KEY, so old keys can leave SECRET_KEY_FALLBACKS.

    sebaya reencrypt            # re-encrypt, then drop the old key from SECRET_KEY_FALLBACKS
    sebaya reencrypt --check    # only count what can and cannot be read

Two-step sign-in secrets, recovery-code seeds and counseling sessions' confidential notes: one
command rotates everything.
"""

from allauth.mfa.models import Authenticator
from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sebaya.accounts.adapter import _fernet

# (authenticator type, the key in its data that holds ciphertext)
ENCRYPTED_FIELDS = [(Authenticator.Type.TOTP, "secret"), (Authenticator.Type.RECOVERY_CODES, "seed")]


class Command(BaseCommand):
    help = "Re-encrypt stored secrets with the current SECRET_KEY (run after rotating the key)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="count only, change nothing")

    def handle(self, *args, check: bool, **options):
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
        from sebaya.counseling.services import reencrypt_notes

        notes_done, notes_unreadable = reencrypt_notes(check=check)
        verb = "readable" if check else "re-encrypted with the current key"
        self.stdout.write(f"{done} secrets {verb}; {unreadable} unreadable.")
        self.stdout.write(f"{notes_done} confidential notes {verb}; {notes_unreadable} unreadable.")
        if notes_unreadable:
            raise CommandError(
                f"{notes_unreadable} confidential notes cannot be read with SECRET_KEY or "
                "SECRET_KEY_FALLBACKS. Put the old key back in SECRET_KEY_FALLBACKS before removing it."
            )
        if unreadable:
            raise CommandError(
                f"{unreadable} secrets cannot be read with SECRET_KEY or SECRET_KEY_FALLBACKS. "
                "Put the old key back in SECRET_KEY_FALLBACKS, "
                "or have an admin reset those people's two-step sign-in."
            )
