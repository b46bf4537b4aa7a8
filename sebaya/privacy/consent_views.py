"""Pages for consent records (on a person's page) and the organization's privacy settings."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.kernel import confirm
from sebaya.privacy import consent as consents
from sebaya.privacy.consent_forms import CONSENT_ERRORS, ConsentForm, PrivacySettingsForm, WithdrawForm
from sebaya.privacy.models import Consent
from sebaya.privacy.models.consent import RETENTION_LIMITS


@require_http_methods(["GET", "POST"])
@access.org_view()
def consent_new(request, person):
    """Record a consent for a person (counselors and admins)."""
    membership = access.membership_or_404(request, "consent.record", request.organization, person)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consents.consent_record(
                organization=request.organization,
                person=membership.person,
                by=request.user,
                request=request,
                **data,
            )
        except consents.ConsentError as error:
            form.add_error(None, CONSENT_ERRORS.get(error.code, _("Please check the form.")))
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("person_detail", org=request.organization.slug, person=membership.person_id)
    return render(
        request,
        "privacy/consent_new.html",
        {
            "form": form,
            "membership": membership,
            "guardian_needed": consents.guardian_needed(
                person=membership.person, organization=request.organization
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view()
def consent_withdraw(request, consent):
    """Withdraw a consent: staff any, the person only one they gave themselves."""
    found = access.object_or_404(
        request, "consent.withdraw", Consent.objects.select_related("person"), pk=consent
    )
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/consent_withdraw.html", {"form": form, "consent": found}, status=400)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Withdraw this consent?"),
            question=_(
                "From now on nothing may be shared or done on the strength of it. It stays on record "
                "as withdrawn and cannot be given back: a new consent would have to be recorded."
            ),
            action=_("Yes, withdraw the consent"),
            back=reverse(
                "person_detail", kwargs={"org": request.organization.slug, "person": found.person_id}
            ),
        )
    try:
        consents.consent_withdraw(
            consent=found, by=request.user, reason=form.cleaned_data["reason"], request=request
        )
    except consents.ConsentError:
        messages.info(request, CONSENT_ERRORS["withdrawn"])
    else:
        messages.success(request, _("Consent withdrawn. It stays on record as withdrawn."))
    return redirect("person_detail", org=request.organization.slug, person=found.person_id)


@require_http_methods(["GET", "POST"])
@access.org_view("privacy.settings")
def privacy_settings(request):
    """Guardian consent for minors, and how long each kind of record is kept (admins)."""
    current = consents.privacy_settings(request.organization)
    form = PrivacySettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        consents.privacy_settings_save(
            organization=request.organization, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect("privacy_settings", org=request.organization.slug)
    if request.method == "POST":
        current.refresh_from_db()  # the invalid form changed the instance it holds
    return render(
        request,
        "privacy/settings.html",
        {"form": form, "defaults": {name: limits[0] for name, limits in RETENTION_LIMITS.items()}},
        status=400 if request.method == "POST" else 200,
    )
