"""The BK program pages (counselors and coordinators): the annual programs, a program with its
items by component, its texts, approval, items from the needs found, the program semester and
the progress page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.guidance.documents import month_names
from sebaya.guidance.models import AnnualProgram, ProgramItem, SemesterPlacement
from sebaya.guidance.models.choices import Component, Semester, school_year_of, semester_of
from sebaya.guidance.services import program as services
from sebaya.guidance.services import program_needs as needs
from sebaya.guidance.views import program_forms as forms
from sebaya.guidance.views._shared import submit
from sebaya.kernel import bars, confirm
from sebaya.kernel.versioning import edit_status


def program_or_404(request, program, action="guidance.program"):
    return access.object_or_404(request, action, AnnualProgram.objects.all(), pk=program)


def item_or_404(request, program, item):
    found = (
        ProgramItem.objects.select_related("program")
        .filter(program=program, program__organization=request.organization, pk=item)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _to_program(program, anchor=""):
    return redirect(
        f"{_url('bk_program_detail', program)}{anchor}",
    )


def _url(name, program):
    from django.urls import reverse

    return reverse(name, kwargs={"org": program.organization.slug, "program": program.pk})


@require_http_methods(["GET"])
@access.org_view("guidance.program")
def program_list(request):
    programs = AnnualProgram.objects.filter(organization=request.organization).annotate(n=Count("items"))
    return render(
        request,
        "guidance/program/program_list.html",
        {
            "programs": programs,
            "may_edit": access.can(request.user, "guidance.program_edit", request.organization),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view("guidance.program_edit")
def program_new(request):
    form = forms.ProgramNewForm(
        request.POST or None,
        grades=services.roster_grades(request.organization),
        initial={"school_year": school_year_of(timezone.localdate()), "with_defaults": True},
    )
    sent = submit(
        request,
        form,
        lambda data: services.program_create(
            organization=request.organization, by=request.user, request=request, **data
        ),
    )
    if sent.saved:
        messages.success(request, _("The program is made. Fill in its items, then approve it."))
        return _to_program(sent.result)
    return render(
        request, "guidance/program/program_new.html", {"form": form}, status=edit_status(request, None)
    )


@require_http_methods(["GET"])
@access.org_view()  # 404 for another organization's program before 403
def program_detail(request, program):
    program = program_or_404(request, program)
    items = list(program.items.select_related("responsible__person").annotate(n_plans=Count("plans")))
    for item in items:
        item.month_names = month_names(item.months)
    groups = [(label, [i for i in items if i.component == code]) for code, label in Component.choices]
    needs_ready = needs.needs_module() is not None
    rounds = list(needs.needs_rounds_for(request.organization)) if needs_ready else []
    return render(
        request,
        "guidance/program/program_detail.html",
        {
            "program": program,
            "groups": groups,
            "may_edit": access.can(request.user, "guidance.program_edit", request.organization),
            "needs_ready": needs_ready,
            "needs_rounds": rounds,
            "needs_round": needs.newest_round(program, rounds),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()  # 404 for another organization's program before 403
def program_edit(request, program):
    program = program_or_404(request, program, "guidance.program_edit")
    rounds = needs.needs_rounds_for(request.organization)
    form = forms.ProgramTextForm(
        request.POST or None,
        rounds=rounds,
        initial={
            "version": program.version,
            "needs_rounds": list(program.needs_rounds.all()),
            **{name: getattr(program, name) for name in services.PROGRAM_TEXT_FIELDS},
        },
    )
    sent = submit(
        request,
        form,
        lambda data: services.program_update(
            program=program,
            by=request.user,
            version=data["version"],
            needs_rounds=data.get("needs_rounds"),
            request=request,
            **{name: data[name] for name in services.PROGRAM_TEXT_FIELDS},
        ),
    )
    if sent.saved:
        messages.success(request, _("Saved."))
        return _to_program(program)
    return render(
        request,
        "guidance/program/program_edit.html",
        {"form": form, "program": program, "conflict": sent.conflict},
        status=edit_status(request, sent.conflict),
    )


@require_POST
@access.org_view()  # 404 for another organization's program before 403
def program_approve(request, program):
    program = program_or_404(request, program, "guidance.program_edit")
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Approve the program"),
            question=_(
                "Approve %(title)s? It prints with the principal's signature block. "
                "A later change returns it to draft."
            )
            % {"title": program.title},
            action=_("Approve"),
            back=_url("bk_program_detail", program),
            danger=False,
        )
    try:
        services.program_approve(program=program, by=request.user, request=request)
    except services.NotAllowedNow as refusal:
        messages.info(
            request,
            _("Add at least one item first.")
            if refusal.code == "empty"
            else _("The program is already approved."),
        )
    else:
        messages.success(request, _("The program is approved."))
    return _to_program(program)


@require_http_methods(["GET", "POST"])
@access.org_view()  # 404 for another organization's program before 403
def item_edit(request, program, item=None):
    program = program_or_404(request, program, "guidance.program_edit")
    item = item_or_404(request, program, item) if item else None
    initial = {}
    if item is not None:
        initial = {
            name: getattr(item, name)
            for name in ("component", "domain", "topic", "need", "service_type", "months")
        }
        initial["responsible"] = item.responsible_id
    else:
        initial = {
            "component": request.GET.get("component", Component.BASIC),
            "service_type": "bimbingan_klasikal",
        }
    form = forms.ItemForm(request.POST or None, organization=request.organization, initial=initial)
    sent = submit(
        request,
        form,
        lambda data: services.item_save(
            program=program,
            by=request.user,
            item=item,
            request=request,
            need_share=item.need_share if item and data["need"] == item.need else None,
            **data,
        ),
    )
    if sent.saved:
        messages.success(request, _("Saved."))
        return _to_program(program)
    return render(
        request,
        "guidance/program/item_form.html",
        {"form": form, "program": program, "item": item},
        status=edit_status(request, None),
    )


@require_POST
@access.org_view()  # 404 for another organization's program before 403
def item_remove(request, program, item):
    program = program_or_404(request, program, "guidance.program_edit")
    item = item_or_404(request, program, item)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Remove the item"),
            question=_("Remove %(topic)s from the program? Its weeks in the program semester go with it.")
            % {"topic": item.topic},
            action=_("Remove"),
            back=_url("bk_program_detail", program),
        )
    services.item_remove(item=item, by=request.user, request=request)
    messages.success(request, _("The item is removed."))
    return _to_program(program)


@require_POST
@access.org_view()  # 404 for another organization's program before 403
def program_from_needs(request, program):
    """Items from the needs found in the round chosen on the program's page (remembered on the
    program), or in the rounds chosen on its texts page."""
    program = program_or_404(request, program, "guidance.program_edit")
    needs_round = None
    if request.POST.get("needs_round"):
        rounds = needs.needs_rounds_for(request.organization)
        needs_round = next((r for r in rounds if str(r.pk) == request.POST["needs_round"]), None)
        if needs_round is None:
            messages.error(request, _("Choose one of the needs assessments offered."))
            return _to_program(program)
    try:
        added = needs.items_from_needs(
            program=program, by=request.user, needs_round=needs_round, request=request
        )
    except services.NotAllowedNow as refusal:
        if refusal.code == "no_rounds":
            messages.info(
                request,
                _(
                    "No needs assessment has been given yet: schedule one first (Needs assessment "
                    "results page)."
                ),
            )
        elif refusal.code == "no_answers" and program.grade:
            messages.info(
                request,
                _(
                    "No needs assessment results for grade %(grade)s to make items from: results "
                    "show only from 10 students' answers, and not when they would reveal a smaller "
                    "group's."
                )
                % {"grade": program.grade},
            )
        elif refusal.code == "no_answers":
            messages.info(
                request,
                _(
                    "No needs assessment results to make items from: results show only from 10 "
                    "students' answers."
                ),
            )
        else:
            messages.info(request, _("The needs assessment's results are not available yet."))
    else:
        messages.success(request, _("%(n)s items added from the needs found.") % {"n": added})
    return _to_program(program)


@require_http_methods(["GET", "POST"])
@access.org_view()  # 404 for another organization's program before 403
def semester(request, program):
    program = program_or_404(request, program)
    today = timezone.localdate()
    default = semester_of(today) if school_year_of(today) == program.school_year else Semester.ODD
    try:
        number = int(request.GET.get("semester") or request.POST.get("semester") or default)
    except ValueError:
        number = default
    if number not in Semester.values:
        number = default
    may_edit = access.can(request.user, "guidance.program_edit", request.organization)
    form = forms.PlacementForm(request.POST or None, program=program)
    if request.method == "POST":
        access.require(request.user, "guidance.program_edit", request.organization)
        sent = submit(
            request,
            form,
            lambda data: services.placement_add(
                item=data["item"],
                by=request.user,
                semester=number,
                week_of=data["week_of"],
                class_name=data["class_name"],
                request=request,
            ),
        )
        if sent.saved:
            messages.success(request, _("Placed in the program semester."))
            return redirect(f"{_url('bk_semester', program)}?semester={number}")
    placements = list(
        SemesterPlacement.objects.filter(item__program=program, semester=number).select_related("item")
    )
    months = []
    for monday in services.semester_mondays(program.school_year, number):
        if not months or months[-1]["month"] != monday.month:
            months.append({"month": monday.month, "weeks": []})
        months[-1]["weeks"].append({"monday": monday, "rows": [p for p in placements if p.week_of == monday]})
    return render(
        request,
        "guidance/program/semester.html",
        {
            "program": program,
            "semester": number,
            "semesters": Semester.choices,
            "months": months,
            "form": form,
            "may_edit": may_edit,
        },
        status=edit_status(request, None),
    )


@require_POST
@access.org_view()  # 404 for another organization's program before 403
def placement_remove(request, program, placement):
    program = program_or_404(request, program, "guidance.program_edit")
    found = (
        SemesterPlacement.objects.filter(item__program=program, pk=placement).select_related("item").first()
    )
    if found is None:
        raise Http404
    number = found.semester
    back = f"{_url('bk_semester', program)}?semester={number}"
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Remove from the program semester"),
            question=_("Remove %(topic)s from the week of %(day)s?")
            % {"topic": found.item.topic, "day": date_format(found.week_of, "DATE_FORMAT")},
            action=_("Remove"),
            back=back,
        )
    services.placement_remove(placement=found, by=request.user, request=request)
    messages.success(request, _("Removed from the program semester."))
    return redirect(back)


@require_http_methods(["GET"])
@access.org_view()  # 404 for another organization's program before 403
def progress(request, program):
    program = program_or_404(request, program)
    rows = services.program_progress(program)

    def with_text(kind):
        return [
            bars.Bar(
                label=row.label,
                value=row.delivered,
                total=row.planned or 1,
                text=_("%(done)s of %(planned)s topics · %(n)s activities done")
                % {"done": row.delivered, "planned": row.planned, "n": row.activities},
            )
            for row in rows[kind]
        ]

    return render(
        request,
        "guidance/program/progress.html",
        {
            "program": program,
            "components": with_text("component"),
            "domains": with_text("domain"),
            "planned": sum(row.planned for row in rows["component"]),
            "delivered": sum(row.delivered for row in rows["component"]),
        },
    )
