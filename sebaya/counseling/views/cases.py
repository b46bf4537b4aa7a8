"""The case book's cases: the case list, opening a case (for a person, from a help request or
from a screening result), the case page with the person's timeline, editing a case, its status,
closing and reopening it, breaking the glass to read the confidential notes, and stepping down
to a peer supporter."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.counseling import forms as case_forms
from sebaya.counseling import services
from sebaya.counseling.models import BreakGlass, Case
from sebaya.counseling.timeline import timeline_page
from sebaya.counseling.views._shared import _back, _case
from sebaya.counseling.views.measures_follow_ups import case_charts
from sebaya.kernel import confirm
from sebaya.kernel.versioning import edit_status, keep_edit
from sebaya.screening.instruments import all_instruments, get_instrument
from sebaya.screening.models import Administration
from sebaya.support import services as support
from sebaya.support.forms import HandOverForm
from sebaya.support.models import HelpRequest
from sebaya.support.services import NotAllowedNow as RequestTaken


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
    person = access.person_for_care_or_404(request, request.organization, person)
    access.require(request.user, "case.open", request.organization)
    form = _open_form(request, {})
    if request.method == "POST" and form.is_valid():
        case = services.case_open(
            organization=request.organization,
            person=person,
            by=request.user,
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, _("Case #%(n)s opened.") % {"n": case.number})
        return _back(request, case)
    return render(
        request,
        "counseling/case_new.html",
        {"form": form, "person": person},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view()
def case_from_request(request, help_request):
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


@require_http_methods(["GET", "POST"])
@access.org_view()
def case_from_screening(request, administration):
    """The outreach list links each result here (GET: the result and a small form, its summary the
    reason for the outreach), so the list itself carries no case form per row."""
    administration = access.object_or_404(
        request,
        "administration.outreach",
        Administration.objects.select_related("person", "screening_round", "reached_out_by__person"),
        pk=administration,
    )
    form = _open_form(request, {"summary": administration.get_outreach_reason_display()})
    if request.method == "POST" and form.is_valid():
        case = services.case_from_screening(
            administration=administration, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Case #%(n)s opened.") % {"n": case.number})
        return _back(request, case)
    return render(
        request,
        "counseling/case_from_screening.html",
        {
            "form": form,
            "person": administration.person,
            "administration": administration,
            "instrument": get_instrument(administration.instrument_code, administration.instrument_version),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@access.org_view()
def case_detail(request, case):
    case = _case(request, "case.view", case)
    # The template lists `case.referrals.all` with each referral's partner (the counselors came
    # with the case, for the policies below).
    prefetch_related_objects([case], "referrals__partner")
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
            # Until when the notes are open to someone reading them by a broken glass; an assigned
            # counselor reads them by the assignment, so has no glass to ask for.
            "active_glass": access.active_break_glass(request.user, case) if "glass" in sides else None,
            "sessions": sessions,
            "status_changes": case.status_changes.select_related("by__person"),
            # The newest entries of the person's timeline; "Show earlier" asks `case_timeline` for more.
            "timeline": timeline_page(organization=request.organization, person=case.person)
            if access.can(request.user, "case.timeline", case)
            else None,
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
    counselors = access.assignable_counselors(request.organization).select_related("person")
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
            conflict = keep_edit(
                form,
                clash,
                _(
                    "Someone else saved this case while you were editing. Your changes are kept in the form; "
                    "the saved version is shown beside it. Save again to keep yours."
                ),
            )
        else:
            messages.success(request, _("Saved."))
            return _back(request, case)
    return render(
        request,
        "counseling/case_edit.html",
        {"form": form, "case": case, "conflict": conflict},
        status=edit_status(request, conflict),
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
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Close this case?"),
            question=_(
                "The case leaves the open cases and its follow-ups stop. It can be reopened later, "
                "with a reason."
            ),
            action=_("Yes, close the case"),
            back=reverse("case_detail", kwargs={"org": request.organization.slug, "case": case.pk}),
        )
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


@require_POST
@access.org_view()
def case_step_down(request, case):
    """From the counselor back to a peer supporter, with a hand-over note: through the case's
    help request when it has an open one, else a new request routed to a peer."""
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
