"""The incidents an organization responds to: the list, recording one, its page, changing it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.kernel.versioning import EditConflict, keep_edit
from sebaya.psychosocial.forms import IncidentEditForm, IncidentForm
from sebaya.psychosocial.models import (
    AffectedPerson,
    Incident,
    IncidentStatus,
    MemberStatus,
    Need,
    ResponseMember,
    Vulnerability,
)
from sebaya.psychosocial.services import followups as follow_ups
from sebaya.psychosocial.services import incidents as services
from sebaya.psychosocial.services import merging
from sebaya.psychosocial.views._shared import incident_or_404
from sebaya.safety.services import alert_recipients


@require_http_methods(["GET"])
@access.org_view("incident.list")
def incident_list(request):
    incidents = Incident.objects.responded_by(request.organization).order_by("status", "-started_on")
    return render(
        request,
        "psychosocial/incidents/list.html",
        {
            "active": [i for i in incidents if i.status != IncidentStatus.CLOSED],
            "closed": [i for i in incidents if i.status == IncidentStatus.CLOSED],
            "may_create": access.can(request.user, "incident.create", request.organization),
            "invitations": ResponseMember.objects.filter(
                organization=request.organization, status=MemberStatus.INVITED
            ).select_related("incident", "incident__organization")
            if access.can(request.user, "response.answer", request.organization)
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view("incident.create")
def incident_new(request):
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_create(
                organization=request.organization, by=request.user, request=request, **form.cleaned_data
            )
        except services.IncidentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The incident is recorded. Register the people affected from its page.")
            )
            return redirect("incident_detail", org=request.organization.slug, incident=incident.pk)
    return render(request, "psychosocial/incidents/form.html", {"form": form, "incident": None})


@require_http_methods(["GET"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def incident_detail(request, incident):
    incident = incident_or_404(request, "incident.view", incident)
    ours = access.visible_affected(request.organization, incident).select_related("person", "household")
    counts = ours.aggregate(people=Count("pk"), households=Count("household", distinct=True))
    open_needs = Need.objects.open().filter(incident=incident, organization=request.organization)
    first = [
        (a, [label for code, label in Vulnerability.choices if code in a.vulnerabilities])
        for a in ours
        if a.vulnerabilities
    ]
    return render(
        request,
        "psychosocial/incidents/detail.html",
        {
            "incident": incident,
            "registered": list(ours[:50]),
            "counts": counts,
            "first": first,
            "all_registered": AffectedPerson.objects.current().filter(incident=incident).count(),
            "may_register": access.can(request.user, "affected.register", incident)
            and incident.status != IncidentStatus.CLOSED,
            "may_edit": access.can(request.user, "incident.edit", incident),
            "leads": incident.organization_id == request.organization.pk,
            "open_needs": open_needs.count(),
            "urgent_needs": open_needs.filter(urgent=True).count(),
            "nobody_on_call": not alert_recipients(request.organization),
            "likely_pairs": len(merging.likely_pairs(incident=incident, organization=request.organization))
            if access.can(request.user, "affected.review", incident)
            else 0,
            "follow_ups_overdue": follow_ups.overdue_count(incident, request.organization),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def incident_edit(request, incident):
    incident = incident_or_404(request, "incident.edit", incident)
    initial = {
        name: getattr(incident, name)
        for name in (
            "kind",
            "title",
            "started_on",
            "ended_on",
            "own_site",
            "province",
            "district",
            "subdistrict",
            "villages",
            "description",
            "exposures",
            "status",
            "closing_summary",
            "version",
        )
    }
    form = IncidentEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_update(incident=incident, by=request.user, request=request, **form.cleaned_data)
        except services.IncidentError as error:
            form.add_error(None, str(error))
        except EditConflict as clash:
            keep_edit(form, clash)
            status = 409
        else:
            messages.success(request, _("Saved."))
            return redirect("incident_detail", org=request.organization.slug, incident=incident.pk)
    return render(
        request, "psychosocial/incidents/form.html", {"form": form, "incident": incident}, status=status
    )
