from dataclasses import replace

from django.apps import apps
from django.contrib import messages
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.people.models import Membership
from sebaya.safety import feedback, services, sources
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


# The person's timeline is counseling's (it reads every app's records); named by dotted path so
# that safety imports none of the apps above it (see docs/ARCHITECTURE.md, "Import rules").
PERSON_TIMELINE = "sebaya.counseling.timeline.person_timeline"
TIMELINE_ENTRIES = 10


@require_http_methods(["GET"])
@access.org_view()
def alert_detail(request, alert):
    alert = access.object_or_404(request, "alert.view", Alert.objects.select_related("person"), pk=alert)
    Notification.objects.filter(alert=alert, recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(request, "safety/detail.html", _detail_context(request, alert, AlertActionForm()))


def _detail_context(request, alert, action_form) -> dict:
    user, organization = request.user, request.organization
    may_see_source = access.may_see_alert_source(user, alert)
    actions = list(alert.actions.select_related("actor", "actor__person"))
    source = added = timeline = None
    if may_see_source:
        source = sources.shown(alert.source_ref, user=user, organization=organization)
        # A signal added from another record (a later message, another reply) is shown too.
        added = []
        for action in actions:
            ref = action.detail.get("source_ref", "") if action.kind == AlertAction.Kind.SIGNAL_ADDED else ""
            if ref and ref != alert.source_ref and ref not in {r for r, _s in added}:
                added.append((ref, sources.shown(ref, user=user, organization=organization)))
        added = [shown for _ref, shown in added if shown is not None]
        if source is not None:
            source, added = _merge_same_page(source, added)
        # Reading what someone wrote or answered, here as on its own page, is in the audit trail.
        for shown in [source, *added]:
            if shown is not None:
                access.record_read(request, shown.record)
        if alert.person_id:
            entries = import_string(PERSON_TIMELINE)(
                organization=organization, person=alert.person, limit=TIMELINE_ENTRIES
            )  # only the newest: each source reads as many rows, however long the history
            timeline = list(reversed(entries))
    return {
        "alert": alert,
        "actions": actions,
        "action_form": action_form,
        "may_act": access.can(user, "alert.act", alert),
        "may_see_source": may_see_source,
        "source_held": access.alert_source_held(user, alert),
        "source": source,
        "added_sources": added,
        "timeline": timeline,
        "links": _links_to_act(request, alert),
    }


def _merge_same_page(source, added):
    """A later signal from the same thread or request is marked where it stands in the context
    already shown, not shown as that context a second time."""
    kept = []
    for shown in added:
        if shown.url != source.url:
            kept.append(shown)
            continue
        raised = {(e.text, e.at) for e in shown.excerpts if e.is_source}
        context = {(e.text, e.at) for e in source.excerpts}
        if not raised <= context:
            kept.append(shown)
            continue
        source = replace(
            source,
            excerpts=[replace(e, is_source=True) if (e.text, e.at) in raised else e for e in source.excerpts],
        )
    return source, kept


def _links_to_act(request, alert) -> dict:
    """Where to act from the alert, each offered only to who may open it: the request with its
    reply box (the only way to reach someone who asked anonymously), the person's page, their open
    case (or a new one), and their peer support relationship. The records are found through the
    app registry, like the sources (safety imports none of these apps)."""
    user, organization = request.user, request.organization
    org = organization.slug
    links: dict = {}
    HelpRequest = apps.get_model("support", "HelpRequest")  # noqa: N806 (a model class)
    SupportRelationship = apps.get_model("support", "SupportRelationship")  # noqa: N806
    request_pk = sources.request_of(alert.source_ref)
    help_request = None
    if request_pk:
        help_request = HelpRequest.objects.filter(organization=organization, pk=request_pk).first()
    elif alert.person_id:
        help_request = (
            HelpRequest.objects.filter(organization=organization, person=alert.person).open().first()
        )
    if help_request is not None and access.can(user, "help_request.view", help_request):
        links["request"] = help_request
        links["request_url"] = (
            reverse("help_request_detail", kwargs={"org": org, "help_request": help_request.pk})
            + "#reply-form"
        )
    relationships = SupportRelationship.objects.filter(organization=organization).ongoing()
    if alert.person_id:
        relationship = relationships.filter(person=alert.person).first()
    elif help_request is not None:
        relationship = relationships.filter(help_request=help_request).first()
    else:
        relationship = None
    if relationship is not None and access.can(user, "relationship.view", relationship):
        links["relationship_url"] = reverse(
            "relationship_detail", kwargs={"org": org, "relationship": relationship.pk}
        )
    if alert.person_id:
        membership = Membership.objects.filter(organization=organization, person=alert.person).first()
        if membership is not None and access.can(user, "person.view", membership):
            links["person_url"] = reverse("person_detail", kwargs={"org": org, "person": alert.person_id})
        elif membership is None:
            # Someone without a membership here (a person affected by an incident, registered in
            # the field): their page is the one the alert's source names.
            links["person_url"] = (
                sources.page_of(alert.source_ref, organization) if alert.source_ref else None
            )
        case = access.visible_cases(user, organization).filter(person=alert.person).open().first()
        if case is not None:
            links["case"] = case
            links["case_url"] = reverse("case_detail", kwargs={"org": org, "case": case.pk})
        elif access.can(user, "case.open", organization):
            links["new_case_url"] = reverse("case_new", kwargs={"org": org, "person": alert.person_id})
    return links


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
        return render(request, "safety/detail.html", _detail_context(request, alert, form), status=400)
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
