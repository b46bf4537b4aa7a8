"""Service plans (RPL) and the program's documents: the list of RPLs, writing one (from a
program item or on its own, edited with optimistic locking), the RPL PDF, and the annual
program's PDF and XLSX."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.guidance import documents
from sebaya.guidance.models import ProgramItem, ServicePlan
from sebaya.guidance.models.choices import school_year_of, semester_of
from sebaya.guidance.services import program_plans as services
from sebaya.guidance.views._shared import submit
from sebaya.guidance.views.program import program_or_404
from sebaya.guidance.views.program_forms import PlanForm
from sebaya.kernel.versioning import edit_status


def plan_or_404(request, plan, action="guidance.program"):
    return access.object_or_404(request, action, ServicePlan.objects.select_related("item"), pk=plan)


@require_http_methods(["GET"])
@access.org_view("guidance.program")
def plan_list(request):
    plans = ServicePlan.objects.filter(organization=request.organization).select_related("item__program")
    return render(
        request,
        "guidance/program/plan_list.html",
        {"plans": plans, "may_edit": access.can(request.user, "guidance.program_edit", request.organization)},
    )


@require_http_methods(["GET", "POST"])
@access.org_view()  # 404 for another organization's RPL before 403
def plan_edit(request, plan=None):
    if plan:
        plan = plan_or_404(request, plan, "guidance.program_edit")
    else:
        access.require(request.user, "guidance.program_edit", request.organization)
    item = None
    item_id = request.GET.get("item") or request.POST.get("item")
    if plan is None and item_id:
        item = (
            ProgramItem.objects.select_related("program")
            .filter(program__organization=request.organization, pk=_uuid(item_id))
            .first()
        )
        if item is None:
            raise Http404
    today = timezone.localdate()
    if plan is not None:
        initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS if name != "steps"}
        initial.update(services.steps_split(plan.steps), version=plan.version)
    else:
        initial = {"school_year": school_year_of(today), "semester": semester_of(today), "minutes": 45}
        if item is not None:
            initial.update(services.initial_from_item(item))
    form = PlanForm(request.POST or None, initial=initial)

    def save(data):
        data = dict(data)
        data["steps"] = services.steps_join(data.pop("opening"), data.pop("core"), data.pop("closing"))
        return services.plan_save(
            organization=request.organization, by=request.user, plan=plan, item=item, request=request, **data
        )

    sent = submit(request, form, save)
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("bk_plan_edit", org=request.organization.slug, plan=sent.result.pk)
    if sent.conflict:
        sent.conflict.step_parts = services.steps_split(sent.conflict.steps)
    return render(
        request,
        "guidance/program/plan_form.html",
        {"form": form, "plan": plan, "item": item, "conflict": sent.conflict},
        status=edit_status(request, sent.conflict),
    )


def _uuid(value):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


@require_http_methods(["GET"])
@access.org_view()
def plan_pdf(request, plan):
    return documents.plan_pdf(request, plan_or_404(request, plan))


@require_http_methods(["GET"])
@access.org_view()
def program_pdf(request, program):
    return documents.program_pdf(request, program_or_404(request, program))


@require_http_methods(["GET"])
@access.org_view()
def program_xlsx(request, program):
    return documents.program_xlsx(program_or_404(request, program))
