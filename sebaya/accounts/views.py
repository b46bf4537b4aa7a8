from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sebaya import access
from sebaya.accounts import services
from sebaya.accounts.forms import AccountForm, TemporaryPasswordForm


@login_required
@require_GET
def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_totp": services.has_totp(user),
            "mfa_required": services.mfa_required(user),
            "organizations": access.organizations_for(user),
        },
    )


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
    """Create or change a person's sign-in account and set a temporary password."""
    membership = access.membership_or_404(request, "person.set_password", request.organization, person)
    account = getattr(membership.person, "user", None)
    data = request.POST if request.method == "POST" else None
    initial = {"username": account.username if account else membership.external_id.lower()}
    if account:
        initial["email"] = account.email
    account_form = AccountForm(
        data, prefix="account", organization=request.organization, user=account, initial=initial
    )
    password_form = TemporaryPasswordForm(data, prefix="password", user=account)
    if request.method == "POST" and account_form.is_valid() and password_form.is_valid():
        services.account_save(
            person=membership.person,
            username=account_form.cleaned_data["username"],
            email=account_form.cleaned_data["email"],
            temporary_password=password_form.cleaned_data["password"],
            changed_by=request.user,
            organization=request.organization,
            request=request,
        )
        messages.success(
            request, _("Account saved. The person must choose a new password the first time they sign in.")
        )
        return redirect("person_detail", org=request.organization.slug, person=membership.person_id)
    return render(
        request,
        "accounts/person_account.html",
        {
            "membership": membership,
            "account": account,
            "account_form": account_form,
            "password_form": password_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view()
def person_two_step_reset(request, person):
    """For a lost phone: the admin removes the person's two-step sign-in; they set it up again."""
    membership = access.membership_or_404(request, "person.set_password", request.organization, person)
    account = getattr(membership.person, "user", None)
    if account is not None:
        services.two_step_reset(
            user=account, reset_by=request.user, organization=request.organization, request=request
        )
        messages.success(request, _("Two-step sign-in was removed and every session of this account ended."))
    return redirect("person_detail", org=request.organization.slug, person=membership.person_id)
