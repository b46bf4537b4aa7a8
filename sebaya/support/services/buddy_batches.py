"""The buddy system: a batch of buddy pairs for the new students is proposed (solved by
`sebaya.support.buddies`), edited as a draft, then confirmed or discarded."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.people.models import Membership, Role
from sebaya.support import buddies
from sebaya.support.models import BuddyBatch, BuddyPair, SupporterConflict, SupporterProfile
from sebaya.support.services._shared import NotAllowedNow, _grade


def default_intake_grade(organization) -> str:
    """The lowest grade among the organization's members: the new students of the year."""
    grades = set(
        Membership.objects.filter(organization=organization, is_active=True, roles__role=Role.MEMBER)
        .exclude(grade="")
        .values_list("grade", flat=True)
    )
    return min(grades, key=lambda grade: (_grade(grade) is None, _grade(grade) or 0, grade)) if grades else ""


def buddy_inputs(organization, intake_grade: str):
    """(students, buddies, memberships by person id, profiles by id) for a batch."""
    paired = BuddyPair.objects.filter(
        batch__organization=organization, batch__status=BuddyBatch.Status.CONFIRMED
    )
    memberships = {
        m.person_id: m
        for m in Membership.objects.filter(
            organization=organization, is_active=True, roles__role=Role.MEMBER, grade=intake_grade
        )
        .exclude(person_id__in=paired.values("student_id"))
        .select_related("person")
        .order_by("person__full_name", "pk")
        .distinct()
    }
    profiles = {
        p.pk: p
        for p in SupporterProfile.objects.filter(organization=organization)
        .buddy_eligible(intake_grade=intake_grade)
        .select_related("membership__person")
        .order_by("membership__person__full_name", "pk")
    }
    loads = dict(paired.values_list("buddy_id").annotate(n=Count("pk")))
    conflicts: dict = {}
    for supporter_id, person_id in SupporterConflict.objects.filter(
        supporter__organization=organization
    ).values_list("supporter_id", "person_id"):
        conflicts.setdefault(person_id, set()).add(supporter_id)
    students = [
        buddies.Student(
            id=person_id,
            gender=m.person.gender,
            grade=_grade(m.grade),
            languages=frozenset(m.person.languages) - {"id"},
            conflicts=frozenset(conflicts.get(person_id, ())),
        )
        for person_id, m in memberships.items()
    ]
    buddy_list = [
        buddies.Buddy(
            id=p.pk,
            gender=p.membership.person.gender,
            grade=_grade(p.membership.grade),
            capacity=p.buddy_capacity,
            languages=frozenset(p.languages or p.membership.person.languages) - {"id"},
            load=min(loads.get(p.pk, 0), p.buddy_capacity),
        )
        for p in profiles.values()
    ]
    return students, buddy_list, memberships, profiles


@transaction.atomic
def buddy_batch_propose(*, organization, intake_grade: str, by=None, request=None) -> BuddyBatch:
    """Solve the batch and keep it as a draft to preview (earlier drafts are discarded)."""
    BuddyBatch.objects.filter(organization=organization, status=BuddyBatch.Status.DRAFT).update(
        status=BuddyBatch.Status.DISCARDED
    )
    students, buddy_list, _memberships, _profiles = buddy_inputs(organization, intake_grade)
    plan = buddies.solve(students, buddy_list)
    batch = BuddyBatch.objects.create(
        organization=organization,
        intake_grade=intake_grade,
        total_cost=plan.total_cost,
        unassigned=[str(person_id) for person_id in plan.unassigned],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    BuddyPair.objects.bulk_create(
        [BuddyPair(batch=batch, student_id=s, buddy_id=b, cost=cost) for s, b, cost in plan.pairs]
    )
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        target=batch,
        request=request,
        detail={"buddies": "proposed", "pairs": len(plan.pairs)},
    )
    return batch


def _batch_cost(batch: BuddyBatch) -> int:
    students, buddy_list, _m, _p = buddy_inputs(batch.organization, batch.intake_grade)
    pairs = [(p.student_id, p.buddy_id, p.cost) for p in batch.pairs.all()]
    paired = {student for student, _b, _c in pairs}
    known = {s.id for s in students}
    left = [s.id for s in students if s.id not in paired]
    if not paired <= known:
        return batch.total_cost
    return buddies.plan_cost(students, buddy_list, pairs, left)


@transaction.atomic
def buddy_pair_edit(*, pair: BuddyPair, buddy_id, by, request=None) -> BuddyPair:
    """A coordinator changes one student's buddy in a draft: still within capacity and no conflict."""
    batch = BuddyBatch.objects.select_for_update().get(pk=pair.batch_id)
    if batch.status != BuddyBatch.Status.DRAFT:
        raise NotAllowedNow("not_draft")
    students, buddy_list, _m, _p = buddy_inputs(batch.organization, batch.intake_grade)
    student = next((s for s in students if s.id == pair.student_id), None)
    buddy = next((b for b in buddy_list if b.id == buddy_id), None)
    if student is None or buddy is None:
        raise NotAllowedNow("not_eligible")
    cost = buddies.pair_cost(student, buddy)
    in_batch = batch.pairs.filter(buddy_id=buddy_id).exclude(pk=pair.pk).count()
    if cost is None or buddy.load + in_batch >= buddy.capacity:
        raise NotAllowedNow("not_eligible")
    BuddyPair.objects.filter(pk=pair.pk).update(buddy_id=buddy_id, cost=cost, edited_by=by)
    BuddyBatch.objects.filter(pk=batch.pk).update(total_cost=_batch_cost(batch))
    pair.refresh_from_db()
    return pair


@transaction.atomic
def buddy_batch_confirm(*, batch: BuddyBatch, by=None, request=None) -> None:
    """Confirm a draft, once. Capacities are checked again: another batch may have been confirmed."""
    locked = BuddyBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != BuddyBatch.Status.DRAFT:
        raise NotAllowedNow("not_draft")
    confirmed_loads = dict(
        BuddyPair.objects.filter(
            batch__organization=locked.organization, batch__status=BuddyBatch.Status.CONFIRMED
        )
        .values_list("buddy_id")
        .annotate(n=Count("pk"))
    )
    for buddy_id, n in locked.pairs.values_list("buddy_id").annotate(n=Count("pk")):
        capacity = SupporterProfile.objects.get(pk=buddy_id).buddy_capacity
        if confirmed_loads.get(buddy_id, 0) + n > capacity:
            raise NotAllowedNow("capacity")
    already = BuddyPair.objects.filter(
        batch__organization=locked.organization,
        batch__status=BuddyBatch.Status.CONFIRMED,
        student_id__in=locked.pairs.values("student_id"),
    )
    if already.exists():
        raise NotAllowedNow("already_paired")
    BuddyBatch.objects.filter(pk=locked.pk).update(
        status=BuddyBatch.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    batch.refresh_from_db()
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=locked.organization,
        target=locked,
        request=request,
        detail={"buddies": "confirmed", "pairs": locked.pairs.count()},
    )


@transaction.atomic
def buddy_batch_discard(*, batch: BuddyBatch, by=None, request=None) -> None:
    if not BuddyBatch.objects.filter(pk=batch.pk, status=BuddyBatch.Status.DRAFT).update(
        status=BuddyBatch.Status.DISCARDED
    ):
        raise NotAllowedNow("not_draft")
    batch.refresh_from_db()
