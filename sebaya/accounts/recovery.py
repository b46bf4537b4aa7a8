"""Credentials of people who read confidential material: an admin can help them back in, but can
never become them.

For an account that reads confidential material (`access.reads_confidential`: counselors and
partner professionals, in any organization):

* a password is never chosen or seen by an admin: Sebaya emails the person a link to set their
  own (`password_link_send`). Without an email address, a second admin must approve, and the
  temporary password is shown once to that second admin (`credential_request_*`);
* the address those links go to changes only with a second admin's approval, and the old
  address is told;
* after an admin resets their two-step sign-in, confidential material stays closed for 24 hours
  unless the person confirms from their own email that it was them (`hold_*`);
* the person is told by email of every change an admin makes to their credentials (everyone is,
  in fact, not only these accounts: `notice`).

Links that work as credentials are queued with `erase_body_when_sent`, so the outbox keeps no
usable link once it is sent. See docs/SECURITY.md, "Admins cannot become counselors".
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from sebaya import access
from sebaya.accounts.credentials import end_every_session, forget_other_addresses, temporary_password
from sebaya.accounts.models import CredentialRequest, User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel import errors
from sebaya.mail.services import email_queue
from sebaya.people.models import Role

HOLD = datetime.timedelta(hours=24)
HOLD_SALT = "sebaya.accounts.hold"


class NotAllowedNow(errors.NotAllowedNow):
    """The change cannot be made in the account's present state (the code says why)."""


# What an admin changed, as the person is told (codes for the notice email).
PASSWORD_SET = "password_set"
PASSWORD_LINK = "password_link"
TWO_STEP_RESET = "two_step_reset"
USERNAME_CHANGED = "username_changed"
EMAIL_CHANGE_ASKED = "email_change_asked"
EMAIL_CHANGED = "email_changed"


def notice(*, user, what: str, organization, confirm_url: str = "") -> None:
    """Tell the person, at their address, what an admin changed (inside the caller's transaction)."""
    email_queue(
        recipients=[user],
        template="accounts/email/credentials_changed",
        purpose=f"accounts.{what}",
        context={"what": what, "organization": organization, "confirm_url": confirm_url},
        erase_body_when_sent=bool(confirm_url),
    )


def _absolute(path: str) -> str:
    return f"{settings.SEBAYA_BASE_URL}{path}"


# --- A link to set one's own password ------------------------------------------------------------


@transaction.atomic
def password_link_send(*, user, by, organization, request=None) -> None:
    """Email the person a link to choose their own password. The admin never sees it."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    if not user.email:
        raise NotAllowedNow("no_email")
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    email_queue(
        recipients=[user],
        template="accounts/email/set_password",
        purpose="accounts.password_link",
        context={"url": _absolute(path.replace("UID-KEY", key)), "organization": organization},
        erase_body_when_sent=True,
    )
    record(
        action=AuditAction.PASSWORD_LINK_SENT,
        actor=by,
        organization=organization,
        target=user.person,
        request=request,
    )


# --- Accounts of people who read confidential material, on the person page ---------------------


@transaction.atomic
def protected_account_save(*, person, username: str, email: str, by, organization, request=None):
    """Create or change the account of a person who reads confidential material, without any
    password the admin could know. Returns (user, what happened: a list of codes)."""
    user = User.objects.select_for_update().filter(person=person).first()
    done = []
    if user is None:
        user = User(person=person, username=username, email=email)
        user.set_unusable_password()
        user.save()
        done.append("created")
        if email:
            password_link_send(user=user, by=by, organization=organization, request=request)
            done.append(PASSWORD_LINK)
        else:
            credential_request_open(
                user=user, kind=CredentialRequest.Kind.PASSWORD, by=by, organization=organization
            )
            done.append("password_waits")
    else:
        if username != user.username:
            user.username = username
            user.save(update_fields=["username"])
            notice(user=user, what=USERNAME_CHANGED, organization=organization)
            done.append(USERNAME_CHANGED)
        if email.lower() != (user.email or "").lower():
            if user.email or user.has_usable_password():
                credential_request_open(
                    user=user,
                    kind=CredentialRequest.Kind.EMAIL,
                    new_email=email,
                    by=by,
                    organization=organization,
                )
                notice(user=user, what=EMAIL_CHANGE_ASKED, organization=organization)
                done.append("email_waits")
            else:
                # An account nobody has used yet, with no address: the first one is simply set.
                user.email = email
                user.save(update_fields=["email"])
                forget_other_addresses(user)
                password_link_send(user=user, by=by, organization=organization, request=request)
                done.append(PASSWORD_LINK)
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=person,
        request=request,
        detail={"account": True, "done": done},
    )
    return user, done


# --- Changes a second admin decides ------------------------------------------------------------------


def credential_request_open(
    *, user, kind: str, by, organization, new_email: str = "", request=None
) -> CredentialRequest:
    """Ask a second admin (inside the caller's transaction); the other admins are told by email."""
    try:
        with transaction.atomic():
            credential_request = CredentialRequest.objects.create(
                organization=organization, user=user, kind=kind, new_email=new_email, requested_by=by
            )
    except IntegrityError:
        raise NotAllowedNow("waiting") from None
    record(
        action=AuditAction.CREDENTIAL_REQUESTED,
        actor=by,
        organization=organization,
        target=user.person,
        request=request,
        detail={"kind": kind},
    )
    admins = User.objects.filter(
        person__memberships__organization=organization,
        person__memberships__is_active=True,
        person__memberships__roles__role=Role.ORG_ADMIN,
    ).exclude(pk=by.pk)
    email_queue(
        recipients=admins.distinct(),
        template="accounts/email/credential_request",
        purpose="accounts.credential_request",
        context={"organization": organization, "person_id": user.person_id},
    )
    return credential_request


@transaction.atomic
def credential_request_decide(*, credential_request, approve: bool, by, request=None) -> str | None:
    """A second admin approves or declines. Approving a password returns the temporary password,
    to be shown once to that admin and handed to the person in private."""
    state = CredentialRequest.State.APPROVED if approve else CredentialRequest.State.DECLINED
    # One decision, even when two admins press at once.
    if not CredentialRequest.objects.filter(
        pk=credential_request.pk, state=CredentialRequest.State.WAITING
    ).update(state=state, decided_by=by, decided_at=timezone.now()):
        raise NotAllowedNow("decided")
    user = User.objects.select_for_update().get(pk=credential_request.user_id)
    organization = credential_request.organization
    password = None
    if approve and credential_request.kind == CredentialRequest.Kind.PASSWORD:
        password = temporary_password()
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        end_every_session(user)
        notice(user=user, what=PASSWORD_SET, organization=organization)
    elif approve and credential_request.kind == CredentialRequest.Kind.EMAIL:
        notice(user=user, what=EMAIL_CHANGED, organization=organization)  # to the old address
        user.email = credential_request.new_email
        user.save(update_fields=["email"])
        forget_other_addresses(user)
        notice(user=user, what=EMAIL_CHANGED, organization=organization)  # and to the new one
    record(
        action=AuditAction.CREDENTIAL_DECIDED,
        actor=by,
        organization=organization,
        target=user.person,
        request=request,
        detail={"kind": credential_request.kind, "approved": approve},
    )
    return password


@transaction.atomic
def credential_request_withdraw(*, credential_request, by, request=None) -> None:
    if not CredentialRequest.objects.filter(
        pk=credential_request.pk, state=CredentialRequest.State.WAITING
    ).update(state=CredentialRequest.State.WITHDRAWN, decided_by=by, decided_at=timezone.now()):
        raise NotAllowedNow("decided")


def waiting_requests(*, organization, person=None):
    requests = CredentialRequest.objects.filter(
        organization=organization, state=CredentialRequest.State.WAITING
    ).select_related("requested_by__person", "user__person")
    return requests.filter(user__person=person) if person is not None else requests


# --- The hold on confidential material after a two-step reset ---------------------------------------


def hold_start(*, user, organization) -> None:
    """Close confidential material for 24 hours and email the person a link that reopens it
    (inside the caller's transaction). Called for accounts that read it."""
    user.notes_held_until = timezone.now() + HOLD
    user.save(update_fields=["notes_held_until"])
    token = signing.dumps({"u": user.pk, "h": int(user.notes_held_until.timestamp())}, salt=HOLD_SALT)
    confirm_url = _absolute(reverse("hold_confirm", kwargs={"token": token}))
    notice(user=user, what=TWO_STEP_RESET, organization=organization, confirm_url=confirm_url)


def hold_user(token: str):
    """The account a confirmation link is for, while its hold is the one the link was sent for."""
    try:
        data = signing.loads(token, salt=HOLD_SALT, max_age=HOLD)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None or not access.notes_held(user):
        return None
    return user if int(user.notes_held_until.timestamp()) == data.get("h") else None


@transaction.atomic
def hold_confirm(*, user, request=None) -> None:
    """The person confirmed from their email that the reset was theirs: reopen at once."""
    User.objects.filter(pk=user.pk).update(notes_held_until=None)
    record(action=AuditAction.HOLD_CONFIRMED, actor=None, subject_person_id=user.person_id, request=request)
