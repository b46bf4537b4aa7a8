import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from sebaya.accounts.services import mfa_required
from sebaya.kernel.crypto import fernet

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by an organization's admin (by hand or by roster import).
        return False

    def is_reauthentication_required(self, *, app: str = "", **kwargs) -> bool:
        # Right after signing in (when staff are sent to set up two-step sign-in) the password
        # was just given: asking for it again would only confuse.
        import time

        from allauth.account import app_settings
        from allauth.core import context

        session = getattr(context.request, "session", None)
        started = session.get("sebaya_started_at") if session is not None else None
        if started and time.time() - started < app_settings.REAUTHENTICATION_TIMEOUT:
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # Staff who must use two-factor sign-in may not switch it off.
        return not mfa_required(authenticator.user)

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        from cryptography.fernet import InvalidToken

        try:
            return _fernet().decrypt(encrypted_text.encode()).decode()
        except InvalidToken:
            # The key it was made with is gone from SECRET_KEY and SECRET_KEY_FALLBACKS. No code can
            # match, so sign-in says the code is wrong; an admin resets the person's two-step sign-in.
            logger.error(
                "A two-step sign-in secret cannot be decrypted: its key is missing from the settings."
            )
            return ""


def _fernet():
    """TOTP secrets are encrypted with a key derived from SECRET_KEY (and its fallbacks, for rotation)."""

    return fernet("mfa")
