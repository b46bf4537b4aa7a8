"""Counseling sessions within a case: recording a new session and editing one, with its
confidential note (encrypted; shown only to those who may read the notes)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.counseling import forms as case_forms
from sebaya.counseling import services
from sebaya.counseling.models import CounselingSession
from sebaya.counseling.views._shared import _back, _case
from sebaya.kernel.versioning import edit_status, keep_edit


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
    session = access.case_record_or_404(
        request, "case.change", CounselingSession.objects.filter(case=case), pk=session
    )
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
            conflict = keep_edit(
                form,
                clash,
                _(
                    "Someone else saved this session while you were editing. Your text is kept in the form; "
                    "the saved version is shown beside it. Save again to keep yours."
                ),
            )
            conflict.note_text = services.note_decrypt(conflict.confidential_note) if may_read else ""
        else:
            messages.success(request, _("Saved."))
            return _back(request, case)
    return render(
        request,
        "counseling/session_form.html",
        {"form": form, "case": case, "session": session, "conflict": conflict},
        status=edit_status(request, conflict),
    )
