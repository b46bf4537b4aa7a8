"""Home visits and case conferences within a case: writing and editing them (optimistic locking:
an edit on an old version answers 409), and their records as PDFs (the berita acara of a home
visit, the minutes of a case conference)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sebaya import access
from sebaya.counseling import forms as case_forms
from sebaya.counseling import services
from sebaya.counseling.models import CaseConference, HomeVisit
from sebaya.counseling.views._shared import _back, _case
from sebaya.kernel import tanggal
from sebaya.kernel.versioning import edit_status, keep_edit
from sebaya.organizations import documents


def _save_versioned(request, form, case, save):
    """POST: run `save` (False when the forms are invalid). (a redirect once saved, or None; the
    record saved meanwhile when the edit was made on an old version)."""
    if request.method != "POST":
        return None, None
    try:
        if not save():
            return None, None
    except services.EditConflict as clash:
        return None, keep_edit(form, clash)
    except services.NotAllowedNow:
        messages.info(request, _("This case is closed: reopen it first."))
        return _back(request, case), None
    messages.success(request, _("Saved."))
    return _back(request, case), None


def _case_record(request, case, model, pk, action="case.change"):
    case = _case(request, action, case)
    if not pk:
        return case, None
    return case, access.case_record_or_404(request, action, model.objects.filter(case=case), pk=pk)


@require_http_methods(["GET", "POST"])
@access.org_view()
def visit_edit(request, case, visit=None):
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
        status=edit_status(request, conflict),
    )


@require_http_methods(["GET"])
@access.org_view()
def visit_pdf(request, case, visit):
    case, visit = _case_record(request, case, HomeVisit, visit, action="case.view")
    on = visit.done_on or visit.planned_on
    with translation.override(documents.DOCUMENT_LANGUAGE):
        # Signed by both sides: the school's visitor and the family member met.
        signatures = [
            [
                {"before": _("The family,"), "title": _("Parent or guardian"), "name": visit.met_with},
                documents.signer(visit.created_by, request.organization, _("Guidance counselor")),
            ],
            [
                documents.principal(
                    documents.letterhead_for(request.organization),
                    _("Principal"),
                    before=_("Acknowledged by,"),
                )
            ],
        ]
    return documents.document_pdf(
        request,
        "counseling/visit_pdf.html",
        {
            "case": case,
            "visit": visit,
            "class_name": _class_name(case),
            "day_in_words": tanggal.date_in_words(on),
            "signatures": signatures,
        },
        f"berita-acara-kunjungan-rumah-{case.number}.pdf",
        on=on,
        kind="home_visit",
        ref=f"counseling.homevisit:{visit.pk}",
    )


def _class_name(case) -> str:
    membership = case.person.memberships.filter(organization=case.organization).first()
    return membership.class_name if membership else ""


@require_http_methods(["GET", "POST"])
@access.org_view()
def conference_edit(request, case, conference=None):
    case, conference = _case_record(request, case, CaseConference, conference)
    form = case_forms.ConferenceForm(
        request.POST or None,
        instance=conference,
        initial={"version": conference.version if conference else 0, "date": timezone.localdate()},
    )
    people = _participant_choices(request)
    label_of_person = {m.person_id: label for label, m in people.items()}
    participants_initial = (
        [
            {"name": label_of_person.get(p.person_id, p.name), "role": p.role, "attended": p.attended}
            for p in conference.participants.all()
        ]
        if conference
        else []
    )
    actions_initial = (
        [{"what": a.what, "who": a.who, "due_on": a.due_on, "done": a.done} for a in conference.actions.all()]
        if conference
        else []
    )
    adding = request.POST.get("add_row") if request.method == "POST" else None
    if adding in ROWS:
        # "Add a participant" without JavaScript: the same page again with one row more and
        # everything typed so far; nothing is saved until "Save".
        form = case_forms.ConferenceForm(
            instance=conference, initial={name: request.POST.get(name) for name in form.fields}
        )
        rows = {
            kind: ROWS[kind](
                _with_one_more(request.POST, kind) if kind == adding else request.POST,
                prefix=kind,
                **_row_options(kind, people),
            )
            for kind in ROWS
        }
        return render(
            request,
            "counseling/conference_form.html",
            {"form": form, "participants": rows["participants"], "actions": rows["actions"], "case": case,
             "conference": conference, "conflict": None, "people": people,
             "people_list": case_forms.PARTICIPANT_NAMES},
        )  # fmt: skip
    participants = case_forms.ParticipantFormSet(
        request.POST or None,
        prefix="participants",
        initial=participants_initial,
        form_kwargs={"people": people},
    )
    actions = case_forms.ActionFormSet(request.POST or None, prefix="actions", initial=actions_initial)
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
            "people": people,
            "people_list": case_forms.PARTICIPANT_NAMES,
        },
        status=edit_status(request, conflict),
    )


@require_http_methods(["GET"])
@access.org_view()
def conference_pdf(request, case, conference):
    case, conference = _case_record(request, case, CaseConference, conference, action="case.view")
    with translation.override(documents.DOCUMENT_LANGUAGE):
        signatures = [
            [
                {"before": "", "title": _("Chair"), "name": conference.chair},
                {"before": "", "title": _("Minutes taken by"), "name": conference.notulis},
            ],
        ]
    return documents.document_pdf(
        request,
        "counseling/conference_pdf.html",
        {
            "case": case,
            "conference": conference,
            "class_name": _class_name(case),
            "weekday": tanggal.weekday(conference.date),
            "signatures": signatures,
        },
        f"notulen-konferensi-kasus-{case.number}.pdf",
        on=conference.date,
        kind="conference",
        ref=f"counseling.caseconference:{conference.pk}",
    )


# The row tables of a case conference, by their formset prefix.
ROWS = {"participants": case_forms.ParticipantFormSet, "actions": case_forms.ActionFormSet}


def _participant_choices(request) -> dict:
    """The people of the organization a participant may be picked from (those the user may see)."""
    memberships = (
        access.visible_memberships(request.user, request.organization)
        .filter(is_active=True)
        .select_related("person")
        .order_by("person__full_name", "class_name")
    )
    return case_forms.participant_choices(memberships)


def _row_options(kind, people) -> dict:
    return {"form_kwargs": {"people": people}} if kind == "participants" else {}


def _with_one_more(data, prefix):
    """The posted data with room for one more (empty) row in the `prefix` formset."""
    data = data.copy()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, case_forms.ROWS_MAX))
    return data


@require_GET
@access.org_view()
def conference_row(request, case, kind):
    """One more empty row of participants or actions (htmx): "Add a participant" in place."""
    case = _case(request, "case.change", case)
    if kind not in ROWS:
        raise Http404
    count = case_forms.RowCountForm(request.GET, prefix=kind)
    if not count.is_valid():
        return HttpResponseBadRequest(_("There is no room for another row."))
    index = count.cleaned_data["TOTAL_FORMS"] or 0  # not sent: the table's first row
    row = ROWS[kind].form(prefix=f"{kind}-{index}", use_required_attribute=False, empty_permitted=True)
    return render(
        request,
        "counseling/_row_added.html",
        {"f": row, "total": index + 1, "prefix": kind, "row_template": f"counseling/_{kind[:-1]}_row.html"},
    )
