"""Live training sessions, supervision sessions, a supporter's own page (availability, pauses,
evaluation), a supporter's evaluation for their supervisor, and the coordinator's program view."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sebaya import access
from sebaya.kernel.bars import bars
from sebaya.kernel.crypto import NoteUnreadable, note_decrypt
from sebaya.kernel.versioning import EditConflict, keep_edit
from sebaya.people.models import Membership, Role
from sebaya.programs import evaluation, supervision
from sebaya.programs import forms as program_forms
from sebaya.programs.models import LiveAttendance, LiveSession, SupervisionAttendance, SupervisionSession
from sebaya.programs.services import NotAllowedNow
from sebaya.support import services as support_services
from sebaya.support.models import SupporterProfile


def _trainees(organization):
    """Peer supporters not certified yet: the people a live session is for."""
    return (
        Membership.objects.filter(organization=organization, is_active=True, roles__role=Role.PEER_SUPPORTER)
        .exclude(supporter_profile__certified=True)
        .select_related("person")
        .order_by("person__full_name")
        .distinct()
    )


# --- Live sessions -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.org_view("program.live")
def live_sessions(request):
    form = program_forms.LiveSessionForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        supervision.live_session_schedule(by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("The live session was scheduled. Trainees see it on the module's page."))
        return redirect("live_sessions", org=request.organization.slug)
    sessions = LiveSession.objects.filter(organization=request.organization).select_related(
        "module", "facilitator"
    )
    return render(
        request,
        "programs/live_sessions.html",
        {"form": form, "sessions": sessions, "now": timezone.now()},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def live_session(request, session):
    session = access.object_or_404(
        request, "program.live", LiveSession.objects.select_related("module"), pk=session
    )
    recorded = dict(LiveAttendance.objects.filter(session=session).values_list("person_id", "present"))
    listed = {m.person_id: m for m in _trainees(request.organization)}
    for person_id in recorded:  # someone certified since still shows on the list they were on
        if person_id not in listed:
            membership = Membership.objects.filter(
                organization=request.organization, person_id=person_id
            ).first()
            if membership:
                listed[person_id] = membership
    if request.method == "POST":
        present = {m for m in listed if request.POST.get(f"present_{m}")}
        try:
            supervision.live_attendance_record(
                session=session, present=present, listed=set(listed), by=request.user, request=request
            )
            messages.success(request, _("Attendance saved."))
            return redirect("live_sessions", org=request.organization.slug)
        except NotAllowedNow:
            messages.error(request, _("Attendance can be taken once the session has started."))
    return render(
        request,
        "programs/live_session.html",
        {
            "session": session,
            "rows": [(m, recorded.get(person_id)) for person_id, m in listed.items()],
            "started": session.starts_at <= timezone.now(),
        },
    )


# --- Supervision sessions ----------------------------------------------------------------------------


def _supervised(organization):
    return (
        SupporterProfile.objects.filter(organization=organization, membership__is_active=True)
        .exclude(status=SupporterProfile.Status.RETIRED)
        .select_related("membership__person")
        .order_by("membership__person__full_name")
    )


@require_GET
@access.org_view("program.supervision")
def supervision_sessions(request):
    return _sessions_page(request)


@require_POST
@access.org_view("supervision.plan")
def supervision_plan(request):
    form = program_forms.SupervisionForm(request.POST, profiles=_supervised(request.organization))
    if not form.is_valid():
        return _sessions_page(request, form=form, status=400)
    data = form.cleaned_data
    session = supervision.supervision_schedule(
        organization=request.organization,
        kind=data["kind"],
        starts_at=data["starts_at"],
        place=data["place"],
        by=request.user,
        supporters=list(data["supporters"]),
        request=request,
    )
    messages.success(request, _("The supervision session was planned."))
    return redirect("supervision_session", org=request.organization.slug, session=session.pk)


def _sessions_page(request, *, form=None, status=200):
    profiles = _supervised(request.organization)
    may_plan = access.can(request.user, "supervision.plan", request.organization)
    if may_plan and form is None:
        form = program_forms.SupervisionForm(profiles=profiles)
    sessions = SupervisionSession.objects.filter(organization=request.organization).select_related(
        "supervisor__person"
    )
    return render(
        request,
        "programs/supervision_sessions.html",
        {
            "form": form if may_plan else None,
            "sessions": sessions[:50],
            "missed": profiles.filter(supervision_missed=True),
        },
        status=status,
    )


def _supervision_session(request, session, action: str) -> SupervisionSession:
    return access.object_or_404(
        request, action, SupervisionSession.objects.select_related("supervisor__person"), pk=session
    )


@require_GET
@access.org_view()
def supervision_session(request, session):
    return _session_page(request, _supervision_session(request, session, "supervision_session.view"))


@require_POST
@access.org_view()
def supervision_record(request, session):
    """The supervisor's record of a session: attendance, ratings and the (encrypted) notes."""
    session = _supervision_session(request, session, "supervision_session.record")
    form = program_forms.SupervisionRecordForm(request.POST, rows=_attendance_rows(session))
    if not form.is_valid():
        return _session_page(request, session, form=form, status=400)
    return _save_or_explain(
        request,
        session,
        form,
        lambda: supervision.supervision_record(
            session=session,
            version=form.cleaned_data["version"],
            present=form.present(),
            ratings=form.ratings(),
            notes=form.cleaned_data["notes"],
            by=request.user,
            request=request,
        ),
    )


@require_POST
@access.org_view()
def supervision_attendance(request, session):
    """Attendance alone: the supervisor, or a coordinator for a session they did not lead."""
    session = _supervision_session(request, session, "supervision_session.attendance")
    form = program_forms.SupervisionAttendanceForm(request.POST, rows=_attendance_rows(session))
    if not form.is_valid():
        return _session_page(request, session, form=form, status=400)
    return _save_or_explain(
        request,
        session,
        form,
        lambda: supervision.supervision_attendance_record(
            session=session,
            version=form.cleaned_data["version"],
            present=form.present(),
            by=request.user,
            request=request,
        ),
    )


def _save_or_explain(request, session, form, save):
    try:
        save()
    except NotAllowedNow:
        form.add_error(None, _("Attendance can be taken once the session has started."))
        return _session_page(request, session, form=form, status=400)
    except EditConflict as clash:
        keep_edit(form, clash)
        return _session_page(request, session, form=form, status=409)
    messages.success(request, _("Attendance saved."))
    return redirect("supervision_session", org=request.organization.slug, session=session.pk)


def _attendance_rows(session):
    return list(session.attendance.select_related("supporter__membership__person"))


def _session_page(request, session, *, form=None, status=200):
    """One page for everyone who may see the session; what it offers follows their side of it."""
    rows = _attendance_rows(session)
    for row in rows:
        # A supporter's name links to their evaluation only for those it would open to.
        row.may_see_evaluation = access.can(request.user, "supporter.evaluation", row.supporter)
    may_record = access.can(request.user, "supervision_session.record", session)
    may_take_attendance = access.can(request.user, "supervision_session.attendance", session)
    notes, unreadable = "", False
    if access.can(request.user, "supervision_session.read_notes", session):
        try:
            notes = note_decrypt(session.notes)
        except NoteUnreadable:
            unreadable = True
    if form is None and (may_record or may_take_attendance):
        initial = {"version": session.version, "notes": notes}
        for row in rows:
            initial[f"present_{row.supporter_id}"] = bool(row.present)
            initial[f"rating_{row.supporter_id}"] = row.rating
        form_class = (
            program_forms.SupervisionRecordForm if may_record else program_forms.SupervisionAttendanceForm
        )
        form = form_class(rows=rows, initial=initial)
    return render(
        request,
        "programs/supervision_session.html",
        {
            "session": session,
            "rows": rows,
            "form": form,
            "form_action": "supervision_record" if may_record else "supervision_attendance",
            "unreadable": unreadable,
            "has_notes": bool(session.notes),
            "started": session.starts_at <= timezone.now(),
        },
        status=status,
    )


# --- The supporter's own page and evaluations ----------------------------------------------------------


def _my_profile(request) -> SupporterProfile:
    membership = Membership.objects.get(organization=request.organization, person_id=request.user.person_id)
    profile, _created = SupporterProfile.objects.get_or_create(
        membership=membership,
        defaults={"organization": request.organization, "status": SupporterProfile.Status.TRAINEE},
    )
    return profile


@require_http_methods(["GET", "POST"])
@access.org_view("supporter.self")
def supporter_me(request):
    profile = _my_profile(request)
    form = program_forms.MyAvailabilityForm(
        request.POST or None,
        initial={
            "availability": profile.availability,
            "topics": profile.topics,
            "languages": profile.languages,
        },
    )
    if request.method == "POST" and form.is_valid():
        support_services.supporter_profile_save(
            membership=profile.membership, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Saved. New matches follow your new times."))
        return redirect("supporter_me", org=request.organization.slug)
    upcoming = (
        SupervisionAttendance.objects.filter(supporter=profile, session__starts_at__gte=timezone.now())
        .select_related("session")
        .order_by("session__starts_at")
    )
    return render(
        request,
        "programs/supporter_me.html",
        {
            "profile": profile,
            "form": form,
            "pause_form": program_forms.PauseForm(),
            "upcoming": upcoming,
            "evaluation": evaluation.supporter_evaluation(profile),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view("supporter.self")
def supporter_pause(request):
    profile = _my_profile(request)
    pausing = request.POST.get("pause") == "1"
    form = program_forms.PauseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        support_services.supporter_pause_set(
            profile=profile, by=request.user, paused=pausing, note=note, request=request
        )
    except support_services.NotAllowedNow:
        messages.error(request, _("That cannot be changed now. Your coordinator can help."))
    else:
        if pausing:
            messages.success(
                request,
                _(
                    "You are on a break: no new people will be matched with you. The people you "
                    "accompany stay with you; talk with your counselor if you need them handed over."
                ),
            )
        else:
            messages.success(request, _("Welcome back. You can be matched again."))
    return redirect("supporter_me", org=request.organization.slug)


@require_http_methods(["GET"])
@access.org_view()
def supporter_evaluation(request, person):
    profile = (
        SupporterProfile.objects.filter(organization=request.organization, membership__person_id=person)
        .select_related("membership__person")
        .first()
    )
    if profile is None:
        raise Http404
    access.require(request.user, "supporter.evaluation", profile)
    return render(
        request,
        "programs/evaluation.html",
        {"profile": profile, "evaluation": evaluation.supporter_evaluation(profile)},
    )


@require_http_methods(["GET"])
@access.org_view("program.overview")
def program_overview(request):
    overview = evaluation.program_overview(request.organization)
    # The funnels as bars: each stage against the widest one (recruitment) or against everyone
    # in the program (training), so the drop from stage to stage is seen at a glance.
    funnels = [
        (
            recruitment_round,
            f,
            bars(
                [
                    (_("Nominated"), f["nominated"]),
                    (_("Applied"), f["applied"]),
                    (_("Scored"), f["scored"]),
                    (_("Selected"), f["selected"]),
                    (_("Waiting list"), f["waitlisted"]),
                ]
            ),
        )
        for recruitment_round, f in overview["rounds"]
    ]
    training = bars(
        [
            (_("Peer supporters and trainees"), overview["supporters"]),
            (_("Started the training"), overview["training_started"]),
            (_("Passed every module"), overview["all_modules_passed"]),
            (_("Passed the supervised practice"), overview["practice_passed"]),
            (_("Certified now"), overview["certified"]),
        ],
        total=overview["supporters"],
    )
    modules = bars([(module.title, n) for module, n in overview["modules"]], total=overview["supporters"])
    return render(
        request,
        "programs/overview.html",
        {"overview": overview, "funnels": funnels, "training_bars": training, "module_bars": modules},
    )
