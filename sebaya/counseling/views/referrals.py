"""Partners and referrals: the partner directory (list, new, edit), referring a case to a partner
(with the person's consent), the referral list and page, status updates and the partner's
feedback, and the referral letter (surat rujukan) as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.counseling import forms as case_forms
from sebaya.counseling import services
from sebaya.counseling.models import Partner, Referral
from sebaya.counseling.views._shared import _back, _case
from sebaya.organizations import documents
from sebaya.privacy import consent as consents
from sebaya.privacy.consent_forms import CONSENT_ERRORS


def _partner_users(organization):
    return access.assignable_partners(organization).select_related("person")


@require_http_methods(["GET"])
@access.org_view("partners.view")
def partner_list(request):
    partners = services.visible_partners(request.organization).select_related("organization")
    return render(
        request,
        "counseling/partner_list.html",
        {
            "partners": partners,
            "may_manage": access.can(request.user, "partners.manage", request.organization),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view("partners.manage")
def partner_new(request):
    return _partner_form(request, None)


@require_http_methods(["GET", "POST"])
@access.org_view()
def partner_edit(request, partner):
    # Only the organization's own partners are edited here (a network partner is read-only), and
    # another organization's partner is a 404 before anyone's role is considered.
    instance = access.object_or_404(request, "partners.manage", Partner.objects.all(), pk=partner)
    return _partner_form(request, instance)


def _partner_form(request, instance):
    form = case_forms.PartnerForm(
        request.POST or None, instance=instance, partner_users=_partner_users(request.organization)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        users = data.pop("users")
        services.partner_save(
            organization=request.organization,
            by=request.user,
            partner=instance,
            users=users,
            request=request,
            **data,
        )
        messages.success(request, _("Saved."))
        return redirect("partner_list", org=request.organization.slug)
    return render(
        request,
        "counseling/partner_edit.html",
        {"form": form, "partner": instance},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def referral_new(request, case):
    case = _case(request, "case.change", case)
    partners = services.visible_partners(request.organization)
    on_file = consents.consent_in_force(
        person=case.person, organization=request.organization, purpose="referral"
    )
    form = case_forms.ReferralForm(
        request.POST or None,
        partners=partners,
        on_file=on_file,
        guardian_needed=consents.guardian_needed(person=case.person, organization=request.organization),
        initial={"shared": ["identity", "summary"], "consent": "on_file" if on_file else "person"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_create(
                case=case,
                partner=data["partner"],
                by=request.user,
                reason=data["reason"],
                shared=data["shared"],
                consent=data["consent"],
                consent_by_name=data["consent_by_name"],
                consent_relationship=data["consent_relationship"],
                consent_method=data["consent_method"],
                override_reason=data["override_reason"],
                letter_note=data["letter_note"],
                request=request,
            )
        except services.NotAllowedNow:
            messages.info(request, _("This case is closed: reopen it first."))
            return _back(request, case)
        except consents.ConsentError as error:
            # For example the consent on file was withdrawn while the form was open.
            form.add_error("consent", CONSENT_ERRORS.get(error.code, _("Please check the consent.")))
        else:
            messages.success(request, _("Referral sent. Print the letter to give or send to the partner."))
            return redirect("referral_detail", org=request.organization.slug, referral=referral.pk)
    return render(
        request,
        "counseling/referral_new.html",
        {"form": form, "case": case, "no_partners": not partners.exists()},
        status=400 if request.method == "POST" else 200,
    )


def _referral(request, action, referral):
    return access.object_or_404(
        request,
        action,
        Referral.objects.select_related("case__person", "partner", "created_by__person"),
        pk=referral,
    )


@require_http_methods(["GET"])
@access.org_view("referrals.list")
def referral_list(request):
    referrals = access.visible_referrals(request.user, request.organization).select_related(
        "case__person", "partner"
    )
    is_partner = access.sees_as_partner(request.user, request.organization)
    stalled = {
        r.pk
        for r in referrals
        if r.status in services.STALLED_AFTER
        and r.status_at <= timezone.now() - services.STALLED_AFTER[r.status]
    }
    return render(
        request,
        "counseling/referral_list.html",
        {"referrals": referrals, "is_partner": is_partner, "stalled": stalled},
    )


@require_http_methods(["GET"])
@access.org_view()
def referral_detail(request, referral):
    referral = _referral(request, "referral.view", referral)
    sides = access.referral_sides(request.user, referral)
    return render(
        request,
        "counseling/referral_detail.html",
        {
            "referral": referral,
            "is_partner_view": "counselor" not in sides,
            "shown": services.referral_shared(referral),
            "updates": referral.updates.select_related("by__person"),
            "may_update": access.can(request.user, "referral.update", referral),
            "form": case_forms.ReferralUpdateForm(
                initial={"feedback": referral.partner_feedback},
                next_statuses=services.REFERRAL_NEXT[referral.status],
            ),
        },
    )


@require_POST
@access.org_view()
def referral_update(request, referral):
    referral = _referral(request, "referral.update", referral)
    form = case_forms.ReferralUpdateForm(request.POST, next_statuses=services.REFERRAL_NEXT[referral.status])
    back = redirect("referral_detail", org=request.organization.slug, referral=referral.pk)
    if not form.is_valid():
        messages.error(request, _("That status does not follow from the current one."))
        return back
    sides = access.referral_sides(request.user, referral)
    try:
        services.referral_update(
            referral=referral,
            by=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            # Feedback is the partner's to write; a counselor's form does not touch it.
            feedback=form.cleaned_data["feedback"] if "partner" in sides else None,
            request=request,
        )
        messages.success(request, _("Saved."))
    except services.NotAllowedNow:
        messages.error(request, _("That status does not follow from the current one."))
    return back


@require_http_methods(["GET"])
@access.org_view()
def referral_letter(request, referral):
    """The referral letter (surat rujukan) as a PDF, with only what the referral shares."""
    referral = _referral(request, "referral.letter", referral)
    organization = request.organization
    letterhead = documents.letterhead_for(organization)
    with translation.override(documents.DOCUMENT_LANGUAGE):
        signatures = [
            [
                documents.principal(letterhead, _("Principal"), before=_("Acknowledged by,")),
                documents.signer(referral.created_by, organization, _("Guidance counselor")),
            ]
        ]
    return documents.document_pdf(
        request,
        "counseling/referral_letter.html",
        {"referral": referral, "shown": services.referral_shared(referral), "signatures": signatures},
        f"surat-alih-tangan-kasus-{referral.case.number}.pdf",
        on=timezone.localdate(referral.created_at),
        kind="referral",
        ref=f"counseling.referral:{referral.pk}",
    )
