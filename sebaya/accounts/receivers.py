"""Receivers for Django's auth signals.

These signals are the only hook into allauth's sign-in flow, so the audit trail and the
session clock are started here. They only record; they decide nothing.
"""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record


@receiver(user_logged_in, dispatch_uid="sebaya_signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session["sebaya_started_at"] = now
        request.session["sebaya_last_seen"] = now
    record(action=AuditAction.SIGN_IN, actor=user, subject_person_id=user.person_id, request=request)


@receiver(user_logged_out, dispatch_uid="sebaya_signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(action=AuditAction.SIGN_OUT, actor=user, subject_person_id=user.person_id, request=request)


@receiver(user_login_failed, dispatch_uid="sebaya_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Record whose account it was, if any. Text that matches no account is not kept: people
    # sometimes type their password into the username field.
    from django.db.models import Q

    typed = str(credentials.get("username") or credentials.get("email") or "").strip()
    account = (
        User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).first() if typed else None
    )
    record(
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        subject_person_id=account.person_id if account else None,
        detail={"account": account.username if account else "unknown"},
    )
