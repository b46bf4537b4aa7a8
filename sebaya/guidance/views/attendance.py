"""Running a meeting: who came (a list on the facilitator's phone, one tap per person, or the
QR code participants scan), its notes and whether it was held."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.guidance.forms import activities as forms
from sebaya.guidance.models import Meeting
from sebaya.guidance.services import attendance as attending
from sebaya.guidance.services.activities import ActivityError
from sebaya.guidance.views.activities import _activity, _meeting
from sebaya.guidance.views.qr import qr_svg


@require_http_methods(["GET", "POST"])
@access.org_view()
def meeting_detail(request, activity, meeting):
    """Running a meeting: who came (one tap per person), its notes, and whether it was held."""
    activity = _activity(request, "activity.run", activity)
    meeting = _meeting(activity, meeting)
    may_notes = not activity.notes_confidential or access.can(request.user, "activity.read_notes", activity)
    record_form = forms.MeetingRecordForm(
        request.POST if "record" in request.POST else None,
        initial={
            "note": attending.meeting_note(meeting) if may_notes else "",
            "held": meeting.held_at is not None,
        },
    )
    if not may_notes:
        del record_form.fields["note"]
    if request.method == "POST" and "attendance" in request.POST:
        try:
            count = attending.attendance_save(
                meeting=meeting, present_ids=request.POST.getlist("present"), by=request.user, request=request
            )
        except ActivityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Attendance saved: %(n)s present.") % {"n": count})
        return redirect(
            "meeting_detail", org=request.organization.slug, activity=activity.pk, meeting=meeting.pk
        )
    if request.method == "POST" and "record" in request.POST and record_form.is_valid():
        try:
            attending.meeting_record(
                meeting=meeting,
                note=record_form.cleaned_data["note"] if may_notes else None,
                held=record_form.cleaned_data["held"],
                by=request.user,
                request=request,
            )
        except ActivityError as error:
            record_form.add_error("held", str(error))
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect(
                "meeting_detail", org=request.organization.slug, activity=activity.pk, meeting=meeting.pk
            )
    present = set(meeting.attendance.filter(present=True).values_list("person_id", flat=True))
    rows = [
        (person, registered, person.pk in present)
        for person, registered in attending.attendance_people(activity)
    ]
    return render(
        request,
        "guidance/activities/meeting.html",
        {
            "activity": activity,
            "meeting": meeting,
            "rows": rows,
            "record_form": record_form,
            "may_notes": may_notes,
            "may_concern": access.can(request.user, "activity.concern", activity),
            "not_started": attending.not_started(meeting),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def meeting_qr(request, activity, meeting):
    """The QR code participants scan; opening the scanning makes a fresh code, closing it
    empties it."""
    activity = _activity(request, "activity.run", activity)
    meeting = _meeting(activity, meeting)
    if request.method == "POST":
        if request.POST.get("scanning") == "close":
            attending.scanning_close(meeting=meeting, by=request.user, request=request)
            messages.success(request, _("Scanning is closed. The code shown before no longer works."))
        else:
            attending.scanning_open(meeting=meeting, by=request.user, request=request)
        return redirect("meeting_qr", org=request.organization.slug, activity=activity.pk, meeting=meeting.pk)
    url = svg = None
    if meeting.attendance_code:
        url = request.build_absolute_uri(
            reverse(
                "activity_attend", kwargs={"org": request.organization.slug, "code": meeting.attendance_code}
            )
        )
        svg = qr_svg(url, title=_("QR code for attendance"))
    return render(
        request,
        "guidance/activities/qr.html",
        {
            "activity": activity,
            "meeting": meeting,
            "url": url,
            "svg": svg,
            "present": attending.present_count(meeting),
        },
    )


@require_http_methods(["GET"])
@access.org_view()
def activity_attend(request, code):
    """Opened from the QR code: marks the signed-in participant present."""
    meeting = (
        Meeting.objects.filter(activity__organization=request.organization, attendance_code=code)
        .exclude(attendance_code="")
        .select_related("activity")
        .first()
    )
    if meeting is None:
        raise Http404
    access.require(request.user, "activity.attend", meeting.activity)
    outcome = attending.attend_by_code(meeting=meeting, person=request.user.person, request=request)
    return render(
        request,
        "guidance/activities/attend.html",
        {"activity": meeting.activity, "meeting": meeting, "outcome": outcome.value},
    )
