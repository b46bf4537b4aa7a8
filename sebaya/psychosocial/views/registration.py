"""Registering a person affected, on a phone, and their page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.psychosocial.forms import RegistrationForm
from sebaya.psychosocial.models import (
    AffectedPerson,
    Concern,
    Exposure,
    IncidentStatus,
    Need,
    Vulnerability,
)
from sebaya.psychosocial.services import registration as services
from sebaya.psychosocial.views._shared import incident_or_404


@require_http_methods(["GET", "POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def affected_register(request, incident):
    incident = incident_or_404(request, "affected.register", incident)
    form = RegistrationForm(request.POST or None, incident=incident, organization=request.organization)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        confirmed = data.pop("not_a_duplicate")
        already = AffectedPerson.objects.filter(client_id=data["client_id"]).exists()
        if not confirmed and not already and not data["name_unknown"]:
            duplicates = services.likely_duplicates(
                incident=incident,
                organization=request.organization,
                name=data["full_name"],
                birth_year=data["birth_year"],
                age=data["age_years"],
                sex=data["gender"],
                village=data["village"],
            )
        if not duplicates:
            try:
                affected, made = services.affected_register(
                    incident=incident,
                    organization=request.organization,
                    by=request.user,
                    request=request,
                    **data,
                )
            except services.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s is registered.") % {"name": affected.person.full_name}
                    if made
                    else _("This registration was already saved."),
                )
                if "another" in request.POST:
                    return redirect("affected_register", org=request.organization.slug, incident=incident.pk)
                return redirect(
                    "affected_detail",
                    org=request.organization.slug,
                    incident=incident.pk,
                    affected=affected.pk,
                )
    return render(
        request,
        "psychosocial/registration/form.html",
        {"form": form, "incident": incident, "duplicates": duplicates},
        status=400 if request.method == "POST" and not duplicates else 200,
    )


@require_http_methods(["GET"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def affected_detail(request, incident, affected):
    incident = incident_or_404(request, "incident.view", incident)
    affected = access.object_or_404(
        request,
        "affected.view",
        AffectedPerson.objects.select_related("person", "household"),
        incident=incident,
        pk=affected,
    )
    return render(
        request,
        "psychosocial/registration/detail.html",
        {
            "incident": incident,
            "affected": affected,
            "vulnerabilities": [
                label for code, label in Vulnerability.choices if code in affected.vulnerabilities
            ],
            "exposures": [label for code, label in Exposure.choices if code in affected.exposures],
            # A merged registration points to the one kept; the kept one lists those merged into it.
            "kept": affected.merged_into,
            "merged_here": AffectedPerson.objects.filter(merged_into=affected).select_related("person"),
            "family": affected.household.members.current().exclude(pk=affected.pk).select_related("person")
            if affected.household
            else [],
            "may_contact": access.can(request.user, "contact.record", affected)
            and not affected.merged_into_id
            and incident.status != IncidentStatus.CLOSED,
            "contacts": _contacts(affected),
            # Later care on the same timeline: a counseling case (and, from it, a referral with
            # consent, as for anyone) for a counselor of the registering organization.
            "case": access.visible_cases(request.user, request.organization)
            .filter(person=affected.person)
            .open()
            .first(),
            "may_open_case": access.can(request.user, "case.open", request.organization)
            and not affected.merged_into_id,
            "needs": Need.objects.filter(
                Q(affected=affected) | Q(household_id=affected.household_id, household__isnull=False)
            ).select_related("owner__person"),
            "follow_ups": affected.follow_ups.all(),
        },
    )


def _contacts(affected: AffectedPerson) -> list:
    contacts = list(affected.contacts.select_related("by__person"))
    for contact in contacts:
        contact.concern_labels = [label for code, label in Concern.choices if code in contact.concerns]
    return contacts
