"""The follow-ups of an incident (overdue, today, the next 7 days) and doing one, on a phone."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.access.psychosocial import MANAGERS
from sebaya.kernel.versioning import EditConflict, keep_edit
from sebaya.psychosocial.forms import FollowUpForm
from sebaya.psychosocial.models import (
    FollowUp,
    FollowUpStatus,
    IncidentStatus,
    Need,
    NeedKind,
    NeedSource,
)
from sebaya.psychosocial.services import followups as services
from sebaya.psychosocial.views._shared import incident_or_404

SOON_DAYS = 7
SHOW = {"mine", "all"}


@require_http_methods(["GET"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def incident_follow_ups(request, incident):
    incident = incident_or_404(request, "followup.list", incident)
    show = request.GET.get("show")
    if show not in SHOW:  # field workers start with their own, coordinators with everyone's
        show = "all" if request.org_roles & MANAGERS else "mine"
    today = timezone.localdate()
    due = services.due_follow_ups(incident, request.organization)
    shown = due.filter(owner=request.user) if show == "mine" else due
    horizon = today + datetime.timedelta(days=SOON_DAYS)
    listed = shown.filter(due_on__lte=horizon).select_related("affected__person", "owner__person")
    groups = {"overdue": [], "today": [], "soon": []}
    for follow_up in listed:
        key = "overdue" if follow_up.due_on < today else "today" if follow_up.due_on == today else "soon"
        groups[key].append(follow_up)
    per_worker = (
        due.filter(due_on__lt=today)
        .values("owner__person__full_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__person__full_name")
    )
    return render(
        request,
        "psychosocial/followups/list.html",
        {
            "incident": incident,
            "show": show,
            "groups": groups,
            "later": shown.filter(due_on__gt=horizon).count(),
            "per_worker": per_worker,
            "closed": incident.status == IncidentStatus.CLOSED,
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def incident_follow_up(request, incident, follow_up):
    incident = incident_or_404(request, "incident.view", incident)
    follow_up = access.object_or_404(
        request,
        "followup.do",
        FollowUp.objects.select_related("affected__person", "affected__organization", "owner__person"),
        incident=incident,
        pk=follow_up,
    )
    affected = follow_up.affected
    access.record_read(request, affected)  # the page shows their screening results
    back = redirect(
        "incident_follow_up", org=request.organization.slug, incident=incident.pk, follow_up=follow_up.pk
    )
    open_now = follow_up.status == FollowUpStatus.DUE and incident.status != IncidentStatus.CLOSED
    screening = services.screening_status(follow_up, timezone.localdate())
    instrument = services.srq20() if open_now and screening == services.SCREEN else None
    form = None
    status = 200
    if open_now:
        form = FollowUpForm(
            request.POST or None, instrument=instrument, initial={"version": follow_up.version}
        )
    elif request.method == "POST":
        # The same form sent again (a slow connection), or a colleague recorded it first.
        messages.info(request, _("This follow-up was already recorded."))
        return back
    if form is not None and request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.follow_up_record(
                    follow_up=follow_up,
                    by=request.user,
                    outcome=data["outcome"],
                    note=data["note"],
                    stop_trying=data["stop_trying"],
                    srq20_answers=form.answers(),
                    version=data["version"],
                    language=translation.get_language(),
                    request=request,
                )
            except services.FollowUpError as error:
                form.add_error(None, str(error))
            except EditConflict as clash:
                keep_edit(form, clash)
                status = 409
            else:
                _tell(request, saved)
                return back
    return render(
        request,
        "psychosocial/followups/do.html",
        {
            "incident": incident,
            "follow_up": follow_up,
            "affected": affected,
            "form": form,
            "screening": screening,
            "instrument": instrument,
            "history": _history(services.srq20_history(affected)),
            "offer": _offer(follow_up),
        },
        status=status,
    )


def _tell(request, follow_up):
    if follow_up.status == FollowUpStatus.DUE:
        messages.info(request, _("The attempt is noted. The follow-up stays on your list."))
        return
    messages.success(request, _("Saved."))
    administration = follow_up.administration
    if administration is not None and administration.flags:
        messages.warning(
            request,
            _(
                "An answer shows a risk of self-harm: the on-call person has been alerted. Stay with "
                "the person and follow your organization's crisis steps."
            ),
        )


def _history(results) -> dict | None:
    """The first and the latest SRQ-20 totals as plain numbers (whether a change is reliable is
    not claimed here)."""
    if not results:
        return None
    first, latest = results[0], results[-1]
    change = latest.total - first.total
    return {
        "first": first,
        "latest": latest,
        "count": len(results),
        "up": max(change, 0),
        "down": max(-change, 0),
    }


def _offer(follow_up) -> dict | None:
    """At or above the SRQ-20 cut-off at day 30 or later: the counselor-or-partner offer, and the
    need that keeps it in sight."""
    administration = follow_up.administration
    if administration is None or follow_up.day < services.SCREENING_FROM_DAY:
        return None
    if not services.meets_cutoff(administration):
        return None
    need = (
        Need.objects.filter(
            affected_id=follow_up.affected_id, kind=NeedKind.PSYCHOSOCIAL, source=NeedSource.FOLLOW_UP
        )
        .order_by("-created_at")
        .first()
    )
    return {"total": administration.total, "need": need}
