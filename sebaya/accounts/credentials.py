"""The small credential steps that both ordinary accounts (`services`) and accounts that read
confidential material (`recovery`) take: a temporary password, ending every session, dropping
old addresses. Below both, so neither imports the other for them."""

import secrets

from allauth.account.models import EmailAddress
from django.utils import timezone

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed by students


def temporary_password() -> str:
    """12 random characters in three groups (about 59 bits), for a person to change at first use."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))


def end_every_session(user) -> None:
    # SessionPolicyMiddleware ends any session that started before this moment, on any device.
    user.sessions_valid_after = timezone.now()
    user.save(update_fields=["sessions_valid_after"])


def forget_other_addresses(user) -> None:
    """An account's address is `User.email` alone; allauth's copies of older ones are dropped so
    that whoever has an old address can neither sign in with it nor be sent a reset link."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email or "").delete()
