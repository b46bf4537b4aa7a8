"""Account writes: every change to passwords and sessions goes through these functions.

Accounts that read confidential material have stricter rules for admins: see `recovery.py`."""

from allauth.mfa.models import Authenticator
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from sebaya import access
from sebaya.accounts import recovery
from sebaya.accounts.credentials import end_every_session, forget_other_addresses
from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.people.models import MFA_REQUIRED_ROLES, STAFF_ROLES


def mfa_required(user) -> bool:
    return bool(access.all_roles(user) & MFA_REQUIRED_ROLES)


def is_staff_session(user) -> bool:
    """Staff sessions end after 30 idle minutes; members (students) keep the 12-hour limit only."""
    return bool(access.all_roles(user) & STAFF_ROLES) or bool(access.viewer_network_ids(user))


@transaction.atomic
def set_temporary_password(*, user, password: str, by, organization, request=None) -> None:
    """An admin sets a password; the person must choose their own at their next sign-in.

    Never for an account that reads confidential material (see `recovery.py`)."""

    if access.reads_confidential(user):
        raise recovery.NotAllowedNow("protected")
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record(
        action=AuditAction.PASSWORD_SET,
        actor=by,
        organization=organization,
        target=user.person,
        request=request,
    )


@transaction.atomic
def password_changed_by_owner(*, user, request=None) -> None:
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    record(action=AuditAction.PASSWORD_CHANGED, actor=user, subject_person_id=user.person_id, request=request)


@transaction.atomic
def sign_out_everywhere(*, user, request=None) -> None:
    """End every session of this user, on every device, including the current one."""
    end_every_session(user)
    record(
        action=AuditAction.SIGN_OUT_EVERYWHERE, actor=user, subject_person_id=user.person_id, request=request
    )


def set_language(*, user, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def account_save(
    *, person, username: str, email: str, temporary_password: str, by, organization, request=None
):
    """Create or update the sign-in account of a person and give it a temporary password.

    Not for people who read confidential material (`recovery.protected_account_save`)."""

    if access.person_reads_confidential(person):
        raise recovery.NotAllowedNow("protected")
    user = User.objects.filter(person=person).first()
    if user is None:
        user = User(person=person, username=username, email=email)
        user.set_unusable_password()
        user.save()
    else:
        if email.lower() != (user.email or "").lower():
            recovery.notice(
                user=user, what=recovery.EMAIL_CHANGED, organization=organization
            )  # the old address
        user.username, user.email = username, email
        user.save(update_fields=["username", "email"])
        recovery.notice(user=user, what=recovery.PASSWORD_SET, organization=organization)
    forget_other_addresses(user)
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=person,
        request=request,
        detail={"account": True},
    )
    set_temporary_password(
        user=user, password=temporary_password, by=by, organization=organization, request=request
    )
    return user


@transaction.atomic
def two_step_reset(*, user, by, organization, request=None) -> None:
    """A lost phone: remove the person's authenticators and recovery codes and end their sessions.

    Staff who must use two-step sign-in set it up again at their next sign-in. The person is told
    by email; for an account that reads confidential material, that material stays closed for
    24 hours unless they confirm from that email that it was them (`recovery.hold_start`).
    """

    Authenticator.objects.filter(user=user).delete()
    end_every_session(user)
    if access.reads_confidential(user):
        recovery.hold_start(user=user, organization=organization)
    else:
        recovery.notice(user=user, what=recovery.TWO_STEP_RESET, organization=organization)
    record(
        action=AuditAction.TWO_STEP_RESET,
        actor=by,
        organization=organization,
        target=user.person,
        request=request,
    )
