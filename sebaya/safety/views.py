from django.contrib import messages
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.safety import feedback, services
from sebaya.safety.forms import AlertActionForm, RaiseAlertForm, RotaForm
from sebaya.safety.models import Alert, AlertAction, Notification, OnCallSlot, RiskLevel


def _queue(organization):
    """Open alerts first, then the highest risk, then the oldest."""
    return (
        Alert.objects.filter(organization=organization)
        .exclude(state=Alert.State.CLOSED)
        .select_related("person", "acknowledged_by", "acknowledged_by__person")
        .annotate(
            open_first=Case(
                When(state=Alert.State.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            risk=Case(
                When(level=RiskLevel.CRISIS, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            # The first signal and every one added while it was open (see services.alert_raise).
            signal_count=Count("actions", filter=Q(actions__kind=AlertAction.Kind.SIGNAL_ADDED)) + 1,
        )
        .order_by("open_first", "risk", "created_at")
    )


@require_http_methods(["GET"])
@access.org_view("alerts.queue")
def alert_queue(request):
    organization = request.organization
    primary, backup = services.on_call(organization)
    recent = (
        Alert.objects.filter(organization=organization, state=Alert.State.CLOSED)
        .select_related("person")
        .order_by("-closed_at")[:20]
    )
    return render(
        request,
        "safety/queue.html",
        {
            "alerts": _queue(organization),
            "recent": recent,
            "primary": primary,
            "backup": backup,
            "detector": feedback.monthly_counts(organization),
        },
    )


@require_http_methods(["GET"])
@access.org_view()
def alert_detail(request, alert):
    alert = access.object_or_404(request, "alert.view", Alert.objects.select_related("person"), pk=alert)
    Notification.objects.filter(alert=alert, recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(
        request,
        "safety/detail.html",
        {
            "alert": alert,
            "actions": alert.actions.select_related("actor", "actor__person"),
            "action_form": AlertActionForm(),
            "may_act": access.can(request.user, "alert.act", alert),
        },
    )


@require_POST
@access.org_view()
def alert_acknowledge(request, alert):
    alert = access.object_or_404(request, "alert.act", Alert.objects.all(), pk=alert)
    try:
        services.alert_acknowledge(alert=alert, by=request.user, request=request)
    except services.AlertAlreadyTaken as taken:
        who = taken.alert.acknowledged_by
        name = who.person.display_name if who and who.person_id else (who.get_username() if who else "")
        messages.info(
            request, _("%(name)s already acknowledged this alert.") % {"name": name or _("Someone")}
        )
    else:
        messages.success(request, _("Acknowledged. The escalation has stopped; please follow up now."))
    return redirect("alert_detail", org=request.organization.slug, alert=alert.pk)


@require_POST
@access.org_view()
def alert_act(request, alert):
    alert = access.object_or_404(request, "alert.act", Alert.objects.all(), pk=alert)
    form = AlertActionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "safety/detail.html",
            {"alert": alert, "actions": alert.actions.all(), "action_form": form, "may_act": True},
            status=400,
        )
    try:
        services.alert_record_action(
            alert=alert,
            by=request.user,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            request=request,
        )
    except services.AlertAlreadyTaken:
        messages.info(request, _("This alert is already closed."))
    else:
        messages.success(request, _("Recorded."))
    return redirect("alert_detail", org=request.organization.slug, alert=alert.pk)


@require_http_methods(["GET", "POST"])
@access.org_view()
def raise_alert(request, person):
    """A counselor's own judgement raises an alert about a person."""
    membership = access.membership_or_404(request, "person.raise_alert", request.organization, person)
    form = RaiseAlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        alert = services.alert_mark(
            organization=request.organization,
            person=membership.person,
            level=form.cleaned_data["level"],
            note=form.cleaned_data["note"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("Alert raised. The on-call counselor has been told."))
        return redirect("alert_detail", org=request.organization.slug, alert=alert.pk)
    return render(
        request,
        "safety/raise.html",
        {"membership": membership, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view("oncall.view")
def on_call_rota(request):
    organization = request.organization
    counselors = access.on_call_candidates(organization).select_related("person")
    initial = {}
    for slot in OnCallSlot.objects.filter(organization=organization):
        initial[f"primary_{slot.weekday}"] = slot.primary_id
        initial[f"backup_{slot.weekday}"] = slot.backup_id
    may_change = access.can(request.user, "oncall.change", organization)
    if request.method == "POST":
        access.require(request.user, "oncall.change", organization)
    form = RotaForm(request.POST or None, initial=initial, counselors=counselors)
    if request.method == "POST" and form.is_valid():
        services.rota_save(organization=organization, slots=form.slots(), by=request.user, request=request)
        messages.success(request, _("The on-call rota is saved."))
        return redirect("on_call_rota", org=organization.slug)
    if not may_change:
        for field in form.fields.values():
            field.disabled = True
    primary, backup = services.on_call(organization)
    return render(
        request,
        "safety/rota.html",
        {"form": form, "may_change": may_change, "primary": primary, "backup": backup},
        status=400 if request.method == "POST" else 200,
    )
