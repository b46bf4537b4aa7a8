"""The case book (buku kasus): cases, sessions with confidential notes, and the person's timeline.
Counselors only; access is decided in `sebaya.access` (CASE_ACTIONS)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.core.pdf import render_pdf
from sebaya.core.versioning import SAVED_MEANWHILE
from sebaya.counseling import forms as case_forms
from sebaya.counseling import services
from sebaya.counseling.models import BreakGlass, Case, CounselingSession
from sebaya.counseling.timeline import person_timeline
from sebaya.people.models import Role
from sebaya.safety.services import users_with_role
from sebaya.screening.instruments import all_instruments


def _case(request, action, case):
    return access.object_or_404(
        request, action, Case.objects.select_related("person", "help_request", "administration"), pk=case
    )


def _back(request, case):
    return redirect("case_detail", org=request.organization.slug, case=case.pk)


@require_http_methods(["GET"])
@access.org_view("cases.list")
def case_list(request):
    cases = (
        access.visible_cases(request.user, request.organization)
        .select_related("person")
        .prefetch_related("counselors__person")
    )
    show = request.GET.get("show", "open")
    if show not in {"open", "closed", "all"}:
        show = "open"
    if show == "open":
        cases = cases.exclude(status=Case.Status.CLOSED)
    elif show == "closed":
        cases = cases.filter(status=Case.Status.CLOSED)
    mine = [c for c in cases if request.user in c.counselors.all()]
    others = [c for c in cases if request.user not in c.counselors.all()]
    return render(request, "counseling/case_list.html", {"mine": mine, "others": others, "show": show})


def _open_form(request, initial):
    return case_forms.CaseOpenForm(request.POST or None, initial=initial)


@require_http_methods(["GET", "POST"])
@access.org_view()
def case_new(request, person):
    membership = access.membership_or_404(request, "person.view", request.organization, person)
    access.require(request.user, "case.open", request.organization)
    form = _open_form(request, {})
    if request.method == "POST" and form.is_valid():
        case = services.case_open(
            organization=request.organization,
            person=membership.person,
            opened_by=request.user,
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, _("Case #%(n)s opened.") % {"n": case.number})
        return _back(request, case)
    return render(
        request,
        "counseling/case_new.html",
        {"form": form, "person": membership.person},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view()
def case_from_request(request, help_request):
    from sebaya.support.models import HelpRequest
    from sebaya.support.services import NotAllowedNow as RequestTaken

    help_request = access.object_or_404(
        request, "help_request.take", HelpRequest.objects.all(), pk=help_request
    )
    form = _open_form(request, {})
    back = redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk)
    if not form.is_valid():
        messages.error(request, _("Please write what the case is about and choose its domain."))
        return back
    try:
        case = services.case_from_help_request(
            help_request=help_request, by=request.user, request=request, **form.cleaned_data
        )
    except services.NotAllowedNow:
        messages.info(
            request,
            _("An anonymous request cannot become a case until you know who it is. Reply to them first."),
        )
        return back
    except RequestTaken:
        messages.info(request, _("Someone has already taken this request on, or it is closed."))
        return back
    messages.success(request, _("Case #%(n)s opened.") % {"n": case.number})
    return _back(request, case)


@require_POST
@access.org_view()
def case_from_screening(request, administration):
    from sebaya.screening.models import Administration

    administration = access.object_or_404(
        request, "administration.follow_up", Administration.objects.all(), pk=administration
    )
    form = _open_form(request, {})
    if not form.is_valid():
        messages.error(request, _("Please write what the case is about and choose its domain."))
        return redirect("follow_up_queue", org=request.organization.slug)
    case = services.case_from_screening(
        administration=administration, by=request.user, request=request, **form.cleaned_data
    )
    messages.success(request, _("Case #%(n)s opened.") % {"n": case.number})
    return _back(request, case)


@require_http_methods(["GET"])
@access.org_view()
def case_detail(request, case):
    case = _case(request, "case.view", case)
    sides = access.case_sides(request.user, case)
    may_read = access.can(request.user, "case.read_notes", case)
    sessions = list(case.sessions.select_related("recorded_by__person"))
    if may_read:
        for session in sessions:
            try:
                session.note_text = services.note_decrypt(session.confidential_note)
            except services.NoteUnreadable:
                session.note_text = None
    return render(
        request,
        "counseling/case_detail.html",
        {
            "case": case,
            "sides": sides,
            "is_assigned": "assigned" in sides,
            "may_read_notes": may_read,
            "glass": BreakGlass.objects.filter(case=case).select_related("user__person"),
            "active_glass": BreakGlass.objects.filter(
                case=case, user=request.user, expires_at__gt=timezone.now()
            ).first(),
            "sessions": sessions,
            "status_changes": case.status_changes.select_related("by__person"),
            "timeline": person_timeline(organization=request.organization, person=case.person),
            "status_form": case_forms.StatusForm(initial={"status": case.status}),
            "close_form": case_forms.CloseForm(),
            "reopen_form": case_forms.ReopenForm(),
            "glass_form": case_forms.BreakGlassForm(),
            "charts": case_charts(case),
            "instruments": [i for i in all_instruments() if i.kind == "screening"],
            "follow_ups": case.follow_ups.select_related("assigned_to__person", "done_by__person"),
            "follow_up_form": case_forms.FollowUpForm(),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def case_edit(request, case):
    case = _case(request, "case.change", case)
    counselors = users_with_role(request.organization, Role.COUNSELOR).select_related("person")
    form = case_forms.CaseEditForm(
        request.POST or None,
        instance=case,
        counselors=counselors,
        initial={"version": case.version, "counselors": list(case.counselors.all())},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_update(
                case=case,
                version=data["version"],
                by=request.user,
                counselors=list(data["counselors"]),
                request=request,
                **{name: data[name] for name in services.CASE_FIELDS},
            )
        except services.EditConflict as clash:
            conflict = clash.current
            form.add_error(
                None,
                _(
                    "Someone else saved this case while you were editing. Your changes are kept in the form; "
                    "the saved version is shown beside it. Save again to keep yours."
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        else:
            messages.success(request, _("Saved."))
            return _back(request, case)
    return render(
        request,
        "counseling/case_edit.html",
        {"form": form, "case": case, "conflict": conflict},
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


@require_POST
@access.org_view()
def case_status(request, case):
    case = _case(request, "case.change", case)
    form = case_forms.StatusForm(request.POST)
    if form.is_valid():
        try:
            services.case_set_status(
                case=case,
                to_status=form.cleaned_data["status"],
                by=request.user,
                note=form.cleaned_data["note"],
                request=request,
            )
            messages.success(request, _("Saved."))
        except services.NotAllowedNow:
            messages.info(request, _("This case is closed: reopen it first."))
    else:
        messages.error(request, _("Choose a status."))
    return _back(request, case)


@require_POST
@access.org_view()
def case_close(request, case):
    case = _case(request, "case.change", case)
    form = case_forms.CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose the outcome and write a closing summary."))
        return _back(request, case)
    try:
        services.case_close(
            case=case,
            by=request.user,
            summary=form.cleaned_data["summary"],
            outcome=form.cleaned_data["outcome"],
            request=request,
        )
        messages.success(request, _("The case is closed."))
    except services.NotAllowedNow:
        messages.info(request, _("This case was already closed."))
    return _back(request, case)


@require_POST
@access.org_view()
def case_reopen(request, case):
    case = _case(request, "case.change", case)
    form = case_forms.ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please say why the case is reopened."))
        return _back(request, case)
    try:
        services.case_reopen(case=case, by=request.user, note=form.cleaned_data["note"], request=request)
        messages.success(request, _("The case is open again."))
    except services.NotAllowedNow:
        messages.info(request, _("This case is already open."))
    return _back(request, case)


@require_http_methods(["GET", "POST"])
@access.org_view()
def session_new(request, case):
    case = _case(request, "case.change", case)
    if not case.is_open:
        messages.info(request, _("This case is closed: reopen it first."))
        return _back(request, case)
    form = case_forms.SessionForm(
        request.POST or None, may_read_notes=True, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        services.session_record(
            case=case,
            by=request.user,
            confidential_note=form.cleaned_data.get("confidential_note", ""),
            request=request,
            **form.session_fields(),
        )
        messages.success(request, _("Session saved."))
        return _back(request, case)
    return render(
        request,
        "counseling/session_form.html",
        {"form": form, "case": case, "session": None},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def session_edit(request, case, session):
    case = _case(request, "case.change", case)
    session = CounselingSession.objects.filter(case=case, pk=session).first()
    if session is None:
        raise Http404
    may_read = access.can(request.user, "case.read_notes", case)
    initial = {"version": session.version}
    if may_read:
        initial["confidential_note"] = services.note_decrypt(session.confidential_note)
    form = case_forms.SessionForm(
        request.POST or None, instance=session, may_read_notes=may_read, initial=initial
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(
                session=session,
                version=form.cleaned_data["version"] or 0,
                by=request.user,
                confidential_note=form.cleaned_data.get("confidential_note") if may_read else None,
                request=request,
                **form.session_fields(),
            )
        except services.EditConflict as clash:
            conflict = clash.current
            conflict.note_text = services.note_decrypt(conflict.confidential_note) if may_read else ""
            form.add_error(
                None,
                _(
                    "Someone else saved this session while you were editing. Your text is kept in the form; "
                    "the saved version is shown beside it. Save again to keep yours."
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        else:
            messages.success(request, _("Saved."))
            return _back(request, case)
    return render(
        request,
        "counseling/session_form.html",
        {"form": form, "case": case, "session": session, "conflict": conflict},
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


@require_POST
@access.org_view()
def case_break_glass(request, case):
    case = _case(request, "case.break_glass", case)
    if "assigned" in access.case_sides(request.user, case):
        return _back(request, case)  # they may read the notes already
    form = case_forms.BreakGlassForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write why you need to read the notes."))
        return _back(request, case)
    services.break_glass(case=case, by=request.user, reason=form.cleaned_data["reason"], request=request)
    messages.warning(request, _("You can read the confidential notes for one hour. This is recorded."))
    return _back(request, case)


# --- Measurement and follow-ups ------------------------------------------------------------------------


def case_charts(case):
    """Each instrument given within the case: scores over time and the change from first to last."""
    from sebaya.screening.charts import trend_svg
    from sebaya.screening.instruments import get_instrument

    measures = list(case.measures.select_related("administration"))
    charts = []
    for code in sorted({m.administration.instrument_code for m in measures}):
        series = [m.administration for m in measures if m.administration.instrument_code == code]
        instrument = get_instrument(code, series[-1].instrument_version)
        charts.append(
            {
                "instrument": instrument,
                "series": series,
                "change": series[-1].total - series[0].total,
                "svg": trend_svg(
                    instrument=instrument,
                    administrations=series,
                    title=_("%(name)s scores over time") % {"name": instrument.short_name},
                ),
            }
        )
    return charts


@require_http_methods(["GET", "POST"])
@access.org_view()
def case_measure(request, case, code):
    from django.utils import translation

    from sebaya.screening.forms import InstrumentForm
    from sebaya.screening.instruments import UnknownInstrument, get_instrument
    from sebaya.screening.scoring import ScoringError

    case = _case(request, "case.change", case)
    try:
        instrument = get_instrument(code)
    except UnknownInstrument as error:
        raise Http404 from error
    form = InstrumentForm(request.POST or None, instrument=instrument)
    moment_form = case_forms.MomentForm(request.POST or None, initial={"moment": "review"})
    if request.method == "POST" and form.is_valid() and moment_form.is_valid():
        try:
            services.case_measure_record(
                case=case,
                instrument=instrument,
                answers=form.answers(),
                moment=moment_form.cleaned_data["moment"],
                by=request.user,
                language=translation.get_language(),
                request=request,
            )
        except ScoringError:
            form.add_error(None, _("Some answers could not be read. Please check them and send again."))
        except services.NotAllowedNow:
            messages.info(request, _("This case is closed: reopen it first."))
            return _back(request, case)
        else:
            messages.success(request, _("Saved."))
            return _back(request, case)
    return render(
        request,
        "counseling/measure.html",
        {"form": form, "moment_form": moment_form, "instrument": instrument, "case": case},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view()
def follow_up_add(request, case):
    case = _case(request, "case.change", case)
    form = case_forms.FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write what to do and by when."))
        return _back(request, case)
    try:
        services.follow_up_add(case=case, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Follow-up added."))
    except services.NotAllowedNow:
        messages.info(request, _("This case is closed: reopen it first."))
    return _back(request, case)


@require_POST
@access.org_view()
def follow_up_done(request, follow_up):
    from sebaya.counseling.models import FollowUp

    follow_up = (
        FollowUp.objects.filter(case__organization=request.organization, pk=follow_up)
        .select_related("case")
        .first()
    )
    if follow_up is None:
        raise Http404
    access.require(request.user, "case.change", follow_up.case)
    if services.follow_up_done(follow_up=follow_up, by=request.user, request=request):
        messages.success(request, _("Done."))
    else:
        messages.info(request, _("This was already done."))
    if request.POST.get("next") == "list":
        return redirect("follow_up_list", org=request.organization.slug)
    return _back(request, follow_up.case)


@require_http_methods(["GET"])
@access.org_view("cases.list")
def follow_up_list(request):
    from sebaya.counseling.models import FollowUp

    mine = (
        FollowUp.objects.filter(
            case__organization=request.organization, assigned_to=request.user, done_at__isnull=True
        )
        .select_related("case__person")
        .order_by("due_on")
    )
    return render(
        request, "counseling/follow_up_list.html", {"follow_ups": mine, "today": timezone.localdate()}
    )


# --- Partners and referrals ----------------------------------------------------------------------------


def _partner_users(organization):
    return users_with_role(organization, Role.PARTNER).select_related("person")


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
    from sebaya.counseling.models import Partner

    # Only the organization's own partners are edited here (a network partner is read-only), and
    # another organization's partner is a 404 before anyone's role is considered.
    instance = Partner.objects.filter(organization=request.organization, pk=partner).first()
    if instance is None:
        raise Http404
    access.require(request.user, "partners.manage", request.organization)
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
    from sebaya.privacy import consent as consents
    from sebaya.privacy.consent_forms import CONSENT_ERRORS

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
    from sebaya.counseling.models import Referral

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
    is_partner = Role.PARTNER in request.org_roles and Role.COUNSELOR not in request.org_roles
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
            "may_update": bool(access.REFERRAL_ACTIONS["referral.update"] & sides),
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
    return render_pdf(
        request,
        "counseling/referral_letter.html",
        {
            "referral": referral,
            "shown": services.referral_shared(referral),
            "organization": request.organization,
        },
        f"surat-rujukan-{referral.case.number}.pdf",
    )


# --- Home visits and case conferences ------------------------------------------------------------------


def _save_versioned(request, form, case, save):
    """POST: run `save` (False when the forms are invalid). (a redirect once saved, or None; the
    record saved meanwhile when the edit was made on an old version)."""
    if request.method != "POST":
        return None, None
    try:
        if not save():
            return None, None
    except services.EditConflict as clash:
        form.add_error(None, SAVED_MEANWHILE)
        form.data = form.data.copy()
        form.data["version"] = clash.current.version
        return None, clash.current
    except services.NotAllowedNow:
        messages.info(request, _("This case is closed: reopen it first."))
        return _back(request, case), None
    messages.success(request, _("Saved."))
    return _back(request, case), None


def _case_record(request, case, model, pk, action="case.change"):
    case = _case(request, action, case)
    record = model.objects.filter(case=case, pk=pk).first() if pk else None
    if pk and record is None:
        raise Http404
    return case, record


@require_http_methods(["GET", "POST"])
@access.org_view()
def visit_edit(request, case, visit=None):
    from sebaya.counseling.models import HomeVisit

    case, visit = _case_record(request, case, HomeVisit, visit)
    form = case_forms.HomeVisitForm(
        request.POST or None,
        instance=visit,
        initial={"version": visit.version if visit else 0, "planned_on": timezone.localdate()},
    )
    saved, conflict = _save_versioned(
        request,
        form,
        case,
        lambda: (
            form.is_valid()
            and services.visit_save(
                case=case,
                by=request.user,
                visit=visit,
                version=form.cleaned_data["version"],
                request=request,
                **{name: form.cleaned_data[name] for name in services.VISIT_FIELDS},
            )
        ),
    )
    if saved:
        return saved
    return render(
        request,
        "counseling/visit_form.html",
        {"form": form, "case": case, "visit": visit, "conflict": conflict},
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


@require_http_methods(["GET"])
@access.org_view()
def visit_pdf(request, case, visit):
    from sebaya.counseling.models import HomeVisit

    case, visit = _case_record(request, case, HomeVisit, visit, action="case.view")
    return render_pdf(
        request,
        "counseling/visit_pdf.html",
        {"case": case, "visit": visit, "organization": request.organization},
        f"berita-acara-kunjungan-rumah-{case.number}.pdf",
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def conference_edit(request, case, conference=None):
    from sebaya.counseling.models import CaseConference

    case, conference = _case_record(request, case, CaseConference, conference)
    form = case_forms.ConferenceForm(
        request.POST or None,
        instance=conference,
        initial={"version": conference.version if conference else 0, "date": timezone.localdate()},
    )
    participants = case_forms.ParticipantFormSet(
        request.POST or None,
        prefix="participants",
        initial=[
            {"name": p.name, "role": p.role, "attended": p.attended} for p in conference.participants.all()
        ]
        if conference
        else [],
    )
    actions = case_forms.ActionFormSet(
        request.POST or None,
        prefix="actions",
        initial=[
            {"what": a.what, "who": a.who, "due_on": a.due_on, "done": a.done}
            for a in conference.actions.all()
        ]
        if conference
        else [],
    )
    saved, conflict = _save_versioned(
        request,
        form,
        case,
        lambda: (
            all([form.is_valid(), participants.is_valid(), actions.is_valid()])
            and services.conference_save(
                case=case,
                by=request.user,
                conference=conference,
                version=form.cleaned_data["version"],
                participants=case_forms.filled(participants),
                actions=case_forms.filled(actions),
                request=request,
                **{name: form.cleaned_data[name] for name in services.CONFERENCE_FIELDS},
            )
        ),
    )
    if saved:
        return saved
    return render(
        request,
        "counseling/conference_form.html",
        {
            "form": form,
            "participants": participants,
            "actions": actions,
            "case": case,
            "conference": conference,
            "conflict": conflict,
        },
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


@require_http_methods(["GET"])
@access.org_view()
def conference_pdf(request, case, conference):
    from sebaya.counseling.models import CaseConference

    case, conference = _case_record(request, case, CaseConference, conference, action="case.view")
    return render_pdf(
        request,
        "counseling/conference_pdf.html",
        {"case": case, "conference": conference, "organization": request.organization},
        f"notulen-konferensi-kasus-{case.number}.pdf",
    )


# --- The jurnal BK and its reports ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.org_view("journal.own")
def journal(request):
    from sebaya.counseling.journal import journal_lines, period_bounds

    today = timezone.localdate()
    month = request.GET.get("month") or today.strftime("%Y-%m")
    try:
        start, end, label = period_bounds("month", month)
    except ValueError:
        start, end, label = period_bounds("month", today.strftime("%Y-%m"))
        month = today.strftime("%Y-%m")
    form = case_forms.JournalEntryForm(request.POST or None, initial={"date": today})
    if request.method == "POST" and form.is_valid():
        services.journal_entry_add(
            organization=request.organization, counselor=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect(f"{request.path}?month={form.cleaned_data['date']:%Y-%m}")
    lines = journal_lines(organization=request.organization, counselor=request.user, start=start, end=end)
    previous = (start - datetime.timedelta(days=1)).strftime("%Y-%m")
    following = end.strftime("%Y-%m")
    return render(
        request,
        "counseling/journal.html",
        {
            "lines": lines,
            "label": label,
            "month": month,
            "previous": previous,
            "following": following,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@access.org_view("journal.reports")
def journal_report(request):
    from sebaya.accounts.models import User
    from sebaya.counseling.journal import journal_lines, report_table

    today = timezone.localdate()
    form = case_forms.PeriodForm(request.GET or {"kind": "month", "value": today.strftime("%Y-%m")})
    counselors = users_with_role(request.organization, Role.COUNSELOR).select_related("person")
    if not form.is_valid():
        return render(
            request, "counseling/journal_report.html", {"form": form, "counselors": counselors}, status=400
        )
    is_counselor = Role.COUNSELOR in request.org_roles
    counselor = request.user if is_counselor else None
    if form.cleaned_data.get("counselor") and Role.COORDINATOR in request.org_roles:
        counselor = counselors.filter(pk=form.cleaned_data["counselor"]).first()
        if counselor is None:
            raise Http404
    if counselor is None:  # a coordinator who has not chosen yet
        counselor = counselors.first() or User(username="-")
    start, end, label = form.cleaned_data["bounds"]
    lines = (
        journal_lines(organization=request.organization, counselor=counselor, start=start, end=end)
        if counselor.pk
        else []
    )
    # Their own report whole; someone else's with small counts hidden.
    table, domain_labels = report_table(lines, hide_small=counselor != request.user)
    context = {
        "form": form,
        "counselors": counselors,
        "counselor": counselor,
        "label": label,
        "table": table,
        "domain_labels": domain_labels,
        "total": len(lines),
        "organization": request.organization,
        "query": request.GET.urlencode(),
    }
    name = f"jurnal-bk-{form.cleaned_data['value']}"
    if form.cleaned_data.get("format") == "pdf":
        return render_pdf(request, "counseling/journal_report_pdf.html", context, f"{name}.pdf")
    if form.cleaned_data.get("format") == "xlsx":
        return _xlsx(
            table,
            domain_labels,
            title=f"{counselor.person.full_name if counselor.person_id else ''} · {label}",
            filename=f"{name}.xlsx",
        )
    return render(request, "counseling/journal_report.html", context)


def _xlsx(table, domain_labels, *, title: str, filename: str):
    from sebaya.core.spreadsheets import xlsx_response

    def shown(n):
        return "*" if n is None else n

    rows = [
        [title],
        [_("Service"), *domain_labels, _("Total")],
        *([row, *map(shown, numbers), shown(total)] for row, numbers, total in table.grid()),
        [_("Total"), *map(shown, table.column_line()), shown(table.total)],
    ]
    return xlsx_response(filename=filename, sheets={"Jurnal BK": rows})


@require_POST
@access.org_view()
def case_step_down(request, case):
    """From the counselor back to a peer supporter, with a hand-over note: through the case's
    help request when it has an open one, else a new request routed to a peer."""
    from sebaya.support import services as support
    from sebaya.support.forms import HandOverForm

    case = _case(request, "case.change", case)
    form = HandOverForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write a hand-over note for the peer supporter."))
        return _back(request, case)
    note = form.cleaned_data["note"]
    if case.help_request_id and case.help_request.is_open:
        support.step_down(help_request=case.help_request, by=request.user, note=note, request=request)
        help_request = case.help_request
    else:
        help_request = support.help_request_for_step_down(
            organization=request.organization,
            person=case.person,
            topic=case.help_request.topic if case.help_request_id else "other",
            by=request.user,
            note=note,
            request=request,
        )
    messages.success(request, _("Stepped down: choose a peer supporter now."))
    return redirect("help_request_match", org=request.organization.slug, help_request=help_request.pk)
