from allauth.account.stages import LoginStageController
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.stages import AuthenticateStage
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sebaya import access
from sebaya.accounts import demo_tour, recovery, services
from sebaya.accounts.forms import (
    AccountForm,
    DecisionForm,
    DemoSignInForm,
    LoginForm,
    ProtectedAccountForm,
    TemporaryPasswordForm,
)
from sebaya.accounts.models import CredentialRequest


@login_required
@require_GET
def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_totp": user.has_totp(),
            "mfa_required": services.mfa_required(user),
            "organizations": access.organizations_for(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_kept_by_admin(request):
    """allauth's address book (/accounts/email/) is closed: an account's address is the one its
    organization's admin set, where password-reset links go. Adding or changing one here would
    open a way around that, and its bookkeeping locked staff out of two-step set-up."""
    messages.info(
        request, _("Your email address is kept by your organization's admin. Ask them to change it.")
    )
    return redirect("account")


@login_required
@require_POST
def sign_out_everywhere(request):
    services.sign_out_everywhere(user=request.user, request=request)
    logout(request)
    messages.success(request, _("You have been signed out on every device."))
    return redirect("account_login")


@require_http_methods(["GET", "POST"])
@access.org_view()
def person_account(request, person):
    """Create or change a person's sign-in account: with a temporary password the admin gives them,
    or, for someone who reads confidential material, with a link to their own email."""
    membership = access.membership_or_404(request, "person.set_password", request.organization, person)
    account = getattr(membership.person, "user", None)
    protected = access.person_reads_confidential(membership.person)
    data = request.POST if request.method == "POST" else None
    initial = {"username": account.username if account else membership.external_id.lower()}
    if account:
        initial["email"] = account.email
    form_class = ProtectedAccountForm if protected else AccountForm
    account_form = form_class(
        data, prefix="account", organization=request.organization, user=account, initial=initial
    )
    password_form = None if protected else TemporaryPasswordForm(data, prefix="password", user=account)
    if request.method == "POST" and account_form.is_valid() and (protected or password_form.is_valid()):
        fields = {
            "person": membership.person,
            "username": account_form.cleaned_data["username"],
            "email": account_form.cleaned_data["email"],
            "by": request.user,
            "organization": request.organization,
            "request": request,
        }
        if protected:
            try:
                _user, done = recovery.protected_account_save(**fields)
            except recovery.NotAllowedNow:
                account_form.add_error(None, ALREADY_WAITING)
            else:
                messages.success(request, _protected_saved_message(done))
                return redirect("person_detail", org=request.organization.slug, person=membership.person_id)
        else:
            services.account_save(**fields, temporary_password=password_form.cleaned_data["password"])
            messages.success(
                request,
                _("Account saved. The person must choose a new password the first time they sign in."),
            )
            return redirect("person_detail", org=request.organization.slug, person=membership.person_id)
    waiting = list(recovery.waiting_requests(organization=request.organization, person=membership.person))
    return render(
        request,
        "accounts/person_account.html",
        {
            "membership": membership,
            "account": account,
            "protected": protected,
            "account_form": account_form,
            "password_form": password_form,
            "waiting": waiting,
            "password_waits": any(r.kind == CredentialRequest.Kind.PASSWORD for r in waiting),
        },
        status=400 if request.method == "POST" else 200,
    )


ALREADY_WAITING = _lazy("A change like this already waits for a second admin. Decide or withdraw it first.")


def _protected_saved_message(done: list) -> str:
    if "password_waits" in done or "email_waits" in done:
        return _(
            "Saved. The change waits for a second admin of your organization to approve it; "
            "they have been told."
        )
    if recovery.PASSWORD_LINK in done:
        return _("Saved. A link to choose a password was sent to the person's own email.")
    return _("Saved. The person was told by email.")


@require_POST
@access.org_view()
def person_password_link(request, person):
    """A forgotten password of someone who reads confidential material: a link to their own email,
    or, without an address, a temporary password that a second admin must approve."""
    membership = access.membership_or_404(request, "person.password_link", request.organization, person)
    account = getattr(membership.person, "user", None)
    if account is None:
        raise Http404
    if not account.email and not access.reads_confidential(account):
        messages.info(
            request, _("This account has no email address: set a temporary password below instead.")
        )
        return redirect("person_account", org=request.organization.slug, person=membership.person_id)
    try:
        if account.email:
            recovery.password_link_send(
                user=account, by=request.user, organization=request.organization, request=request
            )
            messages.success(
                request, _("A link to choose a new password was sent to the person's own email.")
            )
        else:
            with transaction.atomic():
                recovery.credential_request_open(
                    user=account,
                    kind=CredentialRequest.Kind.PASSWORD,
                    by=request.user,
                    organization=request.organization,
                    request=request,
                )
            messages.success(
                request,
                _(
                    "This person has no email address, so a second admin of your organization must "
                    "approve a temporary password. They have been told."
                ),
            )
    except recovery.NotAllowedNow:
        messages.error(request, str(ALREADY_WAITING))
    return redirect("person_account", org=request.organization.slug, person=membership.person_id)


def _credential_request(request, action: str, pk):
    return access.object_or_404(
        request, action, CredentialRequest.objects.select_related("user__person", "organization"), pk=pk
    )


@require_POST
@access.org_view()
def credential_request_decide(request, credential_request):
    """A second admin approves or declines; an approved password is shown to them once, to print."""
    credential_request = _credential_request(request, "credential_request.decide", credential_request)
    form = DecisionForm(request.POST)
    person_id = credential_request.user.person_id
    if not form.is_valid():
        messages.error(request, _("Choose approve or decline."))
        return redirect("person_account", org=request.organization.slug, person=person_id)
    try:
        password = recovery.credential_request_decide(
            credential_request=credential_request,
            approve=form.cleaned_data["approve"],
            by=request.user,
            request=request,
        )
    except recovery.NotAllowedNow:
        messages.info(request, _("Someone already decided this change."))
        return redirect("person_account", org=request.organization.slug, person=person_id)
    if password:
        return render(
            request,
            "accounts/temporary_password.html",
            {"account": credential_request.user, "password": password},
        )
    messages.success(request, _("Decided. The person was told by email where they have an address."))
    return redirect("person_account", org=request.organization.slug, person=person_id)


@require_POST
@access.org_view()
def credential_request_withdraw(request, credential_request):
    credential_request = _credential_request(request, "credential_request.withdraw", credential_request)
    try:
        recovery.credential_request_withdraw(credential_request=credential_request, by=request.user)
    except recovery.NotAllowedNow:
        messages.info(request, _("Someone already decided this change."))
    else:
        messages.success(request, _("The change was withdrawn."))
    return redirect("person_account", org=request.organization.slug, person=credential_request.user.person_id)


@never_cache
@require_http_methods(["GET", "POST"])
def hold_confirm(request, token):
    """The link in the email after a two-step reset: "it was me", so confidential material reopens.
    A page with a button, so that a mail scanner opening the link changes nothing."""
    user = recovery.hold_user(token)
    if user is None:
        return render(request, "accounts/hold_confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        recovery.hold_confirm(user=user, request=request)
        return render(request, "accounts/hold_confirm.html", {"confirmed": True})
    return render(request, "accounts/hold_confirm.html", {"held_until": user.notes_held_until})


@require_POST
@access.org_view()
def person_two_step_reset(request, person):
    """For a lost phone: the admin removes the person's two-step sign-in; they set it up again."""
    membership = access.membership_or_404(request, "person.set_password", request.organization, person)
    account = getattr(membership.person, "user", None)
    if account is not None:
        services.two_step_reset(
            user=account, by=request.user, organization=request.organization, request=request
        )
        messages.success(request, _("Two-step sign-in was removed and every session of this account ended."))
        if access.notes_held(account):
            messages.info(
                request,
                _(
                    "This person reads confidential material: it stays closed to their account for 24 "
                    "hours, unless they confirm from their own email that they asked for this reset."
                ),
            )
    return redirect("person_detail", org=request.organization.slug, person=membership.person_id)


@csrf_exempt  # checked in `_demo_sign_in`, once the tour exists here: elsewhere every request is 404
def demo_sign_in(request):
    """One click of the sign-in page's demo tour: signs in as a demo account, two-step step
    included. Only where `demo_tour.tour_accounts()` offers accounts (never in production), only
    for those accounts, only by POST with the CSRF token."""
    present = demo_tour.tour_accounts()
    if not present:
        raise Http404
    return _demo_sign_in(request, present)


@csrf_protect
@never_cache
@require_POST
def _demo_sign_in(request, present):
    form = DemoSignInForm(request.POST, present=present)
    if not form.is_valid():
        raise Http404
    if request.user.is_authenticated:
        logout(request)  # from one demo account straight to another
    # The sign-in page's own form and flow (rate limits, audit, session), with the demo password:
    # an account whose password is no longer the demo's is refused like any wrong password.
    sign_in = LoginForm(
        data={"login": form.cleaned_data["username"], "password": demo_tour.DEMO_PASSWORD}, request=request
    )
    if not sign_in.is_valid():
        messages.error(
            request, _("This demo account's password has been changed. Sign in with the form instead.")
        )
        return redirect("account_login")
    response = sign_in.login(request)
    # allauth now waits for the two-step code. Give it as its code page would, but only for an
    # authenticator holding the demo's public secret (whose codes `sebaya democode` prints anyway).
    stage = LoginStageController.enter(request, AuthenticateStage.key)
    if stage is not None:
        authenticator = demo_tour.demo_authenticator(stage.login.user)
        if authenticator is not None:
            post_authentication(request, authenticator)
            response = stage.exit()
    return response
