"""The buddy system: proposing a batch of buddy pairs for an intake grade, then editing,
confirming or discarding it."""

from __future__ import annotations

import uuid

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
from sebaya.support import buddies as matching
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.models import BuddyBatch, SupporterProfile
from sebaya.support.services._shared import _grade


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
    pairs = list(batch.pairs.select_related("student", "buddy__membership__person"))
    members = {
        m.person_id: m
        for m in Membership.objects.filter(
            organization=request.organization,
            person_id__in=[p.student_id for p in pairs] + list(batch.unassigned),
        ).select_related("person")
    }
    buddies = (
        SupporterProfile.objects.filter(organization=request.organization)
        .buddy_eligible(intake_grade=batch.intake_grade)
        .select_related("membership__person")
        .order_by("membership__person__full_name")
    )
    loads = dict(batch.pairs.values_list("buddy_id").annotate(n=Count("pk")))
    rows = []
    for pair in pairs:
        membership = members.get(pair.student_id)
        reasons = matching.fit_reasons(_as_student(pair.student, membership), _as_buddy(pair.buddy, load=0))
        rows.append(
            {
                "pair": pair,
                "class_name": membership.class_name if membership else "",
                "fit": matching.pair_fit(pair.cost),
                "fit_label": FIT_LABELS[matching.pair_fit(pair.cost)],
                "reasons": [FIT_REASONS[code] for code in reasons],
            }
        )
    fits = {code: sum(1 for row in rows if row["fit"] == code) for code in FIT_LABELS}
    unassigned = []
    if batch.unassigned:
        # Loads as they stand: a confirmed batch is already counted in each buddy's load.
        students, buddy_list, _m, _p = services.buddy_inputs(request.organization, batch.intake_grade)
        in_batch = loads if batch.status == BuddyBatch.Status.DRAFT else {}
        by_id = {student.id: student for student in students}
        for person_id in batch.unassigned:
            membership = members.get(person_id) or members.get(_uuid(person_id))
            if membership is None:
                continue
            student = by_id.get(membership.person_id)
            if student is None:  # paired since, in another batch
                continue
            code = matching.why_unassigned(student, buddy_list, in_batch)
            unassigned.append((membership, _unassigned_text(code, student.gender)))
    # One reason and what to change, then the students it holds for: said once, not 45 times.
    groups: dict = {}
    for membership, text in unassigned:
        groups.setdefault(text, []).append(membership)
    return render(
        request,
        "support/buddy_batch.html",
        {
            "batch": batch,
            "rows": rows,
            "fits": [(code, FIT_LABELS[code], fits[code]) for code in FIT_LABELS],
            "buddies": [(b, loads.get(b.pk, 0)) for b in buddies],
            "unassigned": [(why, change, people) for (why, change), people in groups.items()],
        },
    )


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _as_student(person, membership) -> matching.Student:
    return matching.Student(
        id=person.pk,
        gender=person.gender,
        grade=_grade(membership.grade) if membership else None,
        languages=frozenset(person.languages) - {"id"},
    )


def _as_buddy(profile, *, load) -> matching.Buddy:
    person = profile.membership.person
    return matching.Buddy(
        id=profile.pk,
        gender=person.gender,
        grade=_grade(profile.membership.grade),
        capacity=profile.buddy_capacity,
        languages=frozenset(profile.languages or person.languages) - {"id"},
        load=load,
    )


FIT_LABELS = {
    matching.FIT_CLOSE: gettext_lazy("Very close fit"),
    matching.FIT_GOOD: gettext_lazy("Good fit"),
    matching.FIT_FAIR: gettext_lazy("Fair fit"),
}
FIT_REASONS = {
    "gender": gettext_lazy("another gender"),
    "language": gettext_lazy("does not speak the student's regional language"),
    "grade_gap": gettext_lazy("more than one grade apart"),
}


def _unassigned_text(code: str, gender: str) -> tuple[str, str]:
    """(why, what to change) for a student left without a buddy."""
    if code == matching.NO_BUDDIES:
        return (
            _("There is no certified buddy for this intake yet."),
            _("Certify peer supporters as buddies, then make a new proposal."),
        )
    if code == matching.CONFLICT:
        return (
            _("The only buddies with a free place have a reported conflict with this student."),
            _("Check the reported conflicts, or certify another buddy or raise a buddy's capacity."),
        )
    if code == matching.FREE_NOW:
        return (
            _("A place has come free since this proposal was made."),
            _("Make a new proposal to pair this student."),
        )
    if code == matching.SAME_GENDER_FULL:
        why = (
            _("No female buddy has a free place.")
            if gender == "female"
            else _("No male buddy has a free place.")
        )
        return (why, _("Certify more buddies of the same gender or raise their capacity."))
    return (
        _("Every suitable buddy is already full."),
        _("Raise the buddies' capacity or certify more buddies."),
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
