"""The buddy system: proposing a batch of buddy pairs for an intake grade, then editing,
confirming or discarding it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.kernel import confirm
from sebaya.people.models import Membership, Role
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.models import BuddyBatch, SupporterProfile


@require_http_methods(["GET", "POST"])
@access.org_view("buddies.manage")
def buddy_home(request):
    organization = request.organization
    grades = sorted(
        set(
            Membership.objects.filter(organization=organization, roles__role=Role.MEMBER)
            .exclude(grade="")
            .values_list("grade", flat=True)
        )
    )
    form = support_forms.BuddyIntakeForm(
        request.POST or None, grades=grades, initial={"grade": services.default_intake_grade(organization)}
    )
    if request.method == "POST" and form.is_valid():
        batch = services.buddy_batch_propose(
            organization=organization,
            intake_grade=form.cleaned_data["grade"],
            by=request.user,
            request=request,
        )
        return redirect("buddy_batch", org=organization.slug, batch=batch.pk)
    batches = BuddyBatch.objects.filter(organization=organization).exclude(status=BuddyBatch.Status.DISCARDED)
    return render(
        request,
        "support/buddy_home.html",
        {"form": form, "batches": batches.annotate(pair_count=Count("pairs"))},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@access.org_view()
def buddy_batch(request, batch):
    batch = access.object_or_404(request, "buddies.manage", BuddyBatch.objects.all(), pk=batch)
    pairs = batch.pairs.select_related("student", "buddy__membership__person")
    classes = dict(
        Membership.objects.filter(
            organization=request.organization, person_id__in=[p.student_id for p in pairs]
        ).values_list("person_id", "class_name")
    )
    buddies = (
        SupporterProfile.objects.filter(organization=request.organization)
        .buddy_eligible(intake_grade=batch.intake_grade)
        .select_related("membership__person")
        .order_by("membership__person__full_name")
    )
    loads = dict(batch.pairs.values_list("buddy_id").annotate(n=Count("pk")))
    unassigned = Membership.objects.filter(
        organization=request.organization, person_id__in=batch.unassigned
    ).select_related("person")
    return render(
        request,
        "support/buddy_batch.html",
        {
            "batch": batch,
            "pairs": [(pair, classes.get(pair.student_id, "")) for pair in pairs],
            "buddies": [(b, loads.get(b.pk, 0)) for b in buddies],
            "unassigned": unassigned,
        },
    )


def _refused(request, refused: services.NotAllowedNow) -> None:
    messages.error(request, str(BUDDY_REFUSALS.get(refused.code, BUDDY_REFUSALS["not_eligible"])))


@require_POST
@access.org_view()
def buddy_batch_confirm(request, batch):
    batch = access.object_or_404(request, "buddies.manage", BuddyBatch.objects.all(), pk=batch)
    try:
        services.buddy_batch_confirm(batch=batch, by=request.user, request=request)
        messages.success(request, _("Confirmed. Students and buddies can see their pairs now."))
    except services.NotAllowedNow as refused:
        _refused(request, refused)
    return redirect("buddy_batch", org=request.organization.slug, batch=batch.pk)


@require_POST
@access.org_view()
def buddy_batch_discard(request, batch):
    batch = access.object_or_404(request, "buddies.manage", BuddyBatch.objects.all(), pk=batch)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Discard these buddy pairs?"),
            question=_("The proposed pairs are deleted and no one is told. This cannot be undone."),
            action=_("Yes, discard the pairs"),
            back=reverse("buddy_batch", kwargs={"org": request.organization.slug, "batch": batch.pk}),
        )
    try:
        services.buddy_batch_discard(batch=batch, by=request.user, request=request)
    except services.NotAllowedNow as refused:
        _refused(request, refused)
        return redirect("buddy_batch", org=request.organization.slug, batch=batch.pk)
    messages.success(request, _("Discarded."))
    return redirect("buddy_home", org=request.organization.slug)


@require_POST
@access.org_view()
def buddy_pair_edit(request, batch):
    """Another buddy for one pair of the batch (the pair is named in the form)."""
    batch = access.object_or_404(request, "buddies.manage", BuddyBatch.objects.all(), pk=batch)
    form = support_forms.BuddyEditForm(request.POST)
    pair = batch.pairs.filter(pk=form.cleaned_data["pair"]).first() if form.is_valid() else None
    if pair is None:
        messages.error(request, _("Choose a buddy for the student."))
    else:
        try:
            services.buddy_pair_edit(pair=pair, buddy_id=form.cleaned_data["buddy"], by=request.user)
            messages.success(request, _("Changed."))
        except services.NotAllowedNow as refused:
            _refused(request, refused)
    return redirect("buddy_batch", org=request.organization.slug, batch=batch.pk)


BUDDY_REFUSALS = {
    "not_draft": gettext_lazy("This batch is no longer a draft."),
    "not_eligible": gettext_lazy(
        "That buddy cannot take this student (full, in a declared conflict, or not active)."
    ),
    "capacity": gettext_lazy("Some buddies would have more students than they can take: make a new batch."),
    "already_paired": gettext_lazy(
        "Some students already have a buddy from another batch: make a new batch."
    ),
}
