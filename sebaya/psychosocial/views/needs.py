"""Needs: the open ones of a response by field worker and by village, adding one, handling one."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.kernel.versioning import EditConflict, edit_status, keep_edit
from sebaya.psychosocial.forms import NeedForm, NeedUpdateForm
from sebaya.psychosocial.models import AffectedPerson, Need
from sebaya.psychosocial.services import needs as services
from sebaya.psychosocial.views._shared import incident_or_404


def _village(need: Need) -> str:
    holder = need.affected or need.household
    return holder.village or holder.site or ""


@require_http_methods(["GET"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def need_list(request, incident):
    incident = incident_or_404(request, "need.list", incident)
    needs = list(services.open_needs(request.organization, incident))
    by_worker = Counter(need.owner for need in needs)
    by_village = Counter(_village(need) for need in needs)
    who = request.GET.get("who", "")
    village = request.GET.get("village")
    shown = needs
    if who == "me":
        shown = [need for need in shown if need.owner_id == request.user.pk]
    elif who:
        shown = [need for need in shown if str(need.owner_id) == who]
    if village is not None:
        shown = [need for need in shown if _village(need) == village]
    today = services.local_today(request.organization)
    return render(
        request,
        "psychosocial/needs/list.html",
        {
            "incident": incident,
            "needs": [(need, _village(need)) for need in shown],
            "total": len(needs),
            "by_worker": sorted(
                by_worker.items(), key=lambda pair: (-pair[1], pair[0].username if pair[0] else "")
            ),
            "by_village": sorted(by_village.items(), key=lambda pair: (-pair[1], pair[0])),
            "who": who,
            "village": village,
            "today": today,
            "filtered": len(shown) != len(needs),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def need_new(request, incident, affected):
    incident = incident_or_404(request, "incident.view", incident)
    affected = access.object_or_404(
        request,
        "need.add",
        AffectedPerson.objects.current().select_related("person", "household"),
        incident=incident,
        pk=affected,
    )
    form = NeedForm(
        request.POST or None,
        organization=request.organization,
        household=affected.household,
        initial={"owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for_family = data.pop("for_family", False)
        try:
            services.need_add(
                organization=request.organization,
                by=request.user,
                affected=None if for_family else affected,
                household=affected.household if for_family else None,
                request=request,
                **data,
            )
        except services.NeedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The need is saved."))
            return redirect(
                "affected_detail", org=request.organization.slug, incident=incident.pk, affected=affected.pk
            )
    return render(
        request,
        "psychosocial/needs/form.html",
        {"form": form, "incident": incident, "affected": affected},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def need_edit(request, incident, need):
    incident = incident_or_404(request, "need.list", incident)
    need = access.object_or_404(
        request,
        "need.edit",
        Need.objects.select_related("affected__person", "household", "owner", "contact"),
        incident=incident,
        pk=need,
    )
    form = NeedUpdateForm(
        request.POST or None,
        organization=request.organization,
        initial={
            "status": need.status,
            "owner": need.owner_id,
            "due_on": need.due_on,
            "outcome": need.outcome,
            "version": need.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(need=need, by=request.user, request=request, **form.cleaned_data)
        except services.NeedError as error:
            form.add_error(None, str(error))
        except EditConflict as clash:
            conflict = keep_edit(form, clash)
        else:
            messages.success(request, _("Saved."))
            return redirect("need_list", org=request.organization.slug, incident=incident.pk)
    return render(
        request,
        "psychosocial/needs/edit.html",
        {"form": form, "incident": incident, "need": need, "conflict": conflict},
        status=edit_status(request, conflict),
    )
