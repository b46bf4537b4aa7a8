"""Session limits and the gates a signed-in user passes before using Sebaya."""

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from sebaya.accounts import services
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record

# Paths a user may always reach, even before changing a password or setting up MFA.
ALWAYS_OPEN_PREFIXES = ("/static/", "/bantuan/", "/language/", "/accounts/logout/")
MFA_SETUP_PREFIXES = ("/accounts/2fa/", "/accounts/reauthenticate/")
LAST_SEEN_WRITE_INTERVAL = 60  # seconds; avoids writing the session on every request


class SessionPolicyMiddleware:
    """12 hours at most for everyone; 30 minutes idle for staff; "sign out everywhere"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        user = request.user
        if user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault("sebaya_started_at", now)
            last_seen = session.get("sebaya_last_seen", started)
            reason = None
            if user.sessions_valid_after and started < user.sessions_valid_after.timestamp():
                reason = "everywhere"
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                reason = "absolute"
            elif now - last_seen > settings.SESSION_STAFF_IDLE_SECONDS and services.is_staff_session(user):
                reason = "idle"
            if reason:
                if reason != "everywhere":
                    record(
                        action=AuditAction.SESSION_EXPIRED,
                        actor=user,
                        request=request,
                        detail={"why": reason},
                    )
                logout(request)
                messages.info(
                    request, _("You were signed out to keep your information safe. Please sign in again.")
                )
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - last_seen >= LAST_SEEN_WRITE_INTERVAL or "sebaya_last_seen" not in session:
                session["sebaya_last_seen"] = now
        return self.get_response(request)


class AccountGateMiddleware:
    """Forced password change at first sign-in, then two-factor set-up for staff who need it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(ALWAYS_OPEN_PREFIXES):
            if user.must_change_password:
                target = reverse("account_change_password")
                if request.path != target:
                    return redirect(target)
            elif (
                not request.path.startswith(MFA_SETUP_PREFIXES)
                and services.mfa_required(user)
                and not user.has_totp()
            ):
                messages.info(
                    request, _("Your role needs two-step sign-in. Set up an authenticator app to continue.")
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
