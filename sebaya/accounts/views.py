from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sebaya import access
from sebaya.accounts import services


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
