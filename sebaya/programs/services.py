"""Writes for the training program. One transaction each, audited."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel import errors
from sebaya.kernel.versioning import EditConflict
from sebaya.mail.services import email_queue
from sebaya.people.models import Membership
from sebaya.programs.curriculum import default_modules, practice_checklist
from sebaya.programs.models import (
    Certification,
    Module,
    ModuleProgress,
    PracticeAssessment,
    Question,
    QuizAttempt,
)
from sebaya.support.models import SupporterProfile
from sebaya.support.services import supporter_profile_save

CERTIFICATE_MONTHS = 12
REMIND_BEFORE_DAYS = 30


class NotAllowedNow(errors.NotAllowedNow):
    """A program record is in a state where this cannot happen (`code` says which)."""


def audit(*, by, organization, target, what, person_id=None, request=None, **detail):
    """The program's one audit line: `what` happened to `target` (about `person_id`)."""
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=target,
        subject_person_id=person_id,
        request=request,
        detail={"program": what, **detail},
    )


@transaction.atomic
def curriculum_install(*, organization, by=None, request=None) -> int:
    """Add the default modules the organization does not have yet (by code). Returns how many."""
    have = set(Module.objects.filter(organization=organization).values_list("code", flat=True))
    added = 0
    for default in default_modules():
        if default.code in have:
            continue
        module = Module.objects.create(
            organization=organization,
            code=default.code,
            order=default.order,
            title_id=default.title["id"],
            title_en=default.title["en"],
            summary_id=default.summary["id"],
            summary_en=default.summary["en"],
            content_id=default.content["id"],
            content_en=default.content["en"],
            live_session_id=default.live_session["id"],
            live_session_en=default.live_session["en"],
            minutes=default.minutes,
            pass_mark=default.pass_mark,
            quiz_size=default.quiz_size,
        )
        Question.objects.bulk_create(
            [
                Question(
                    module=module,
                    code=q["code"],
                    text_id=q["text"]["id"],
                    text_en=q["text"]["en"],
                    options=q["options"],
                    explanation_id=q["explanation"]["id"],
                    explanation_en=q["explanation"]["en"],
                )
                for q in default.questions
            ]
        )
        added += 1
    if added:
        record(
            action=AuditAction.ORGANIZATION_CHANGED,
            actor=by,
            organization=organization,
            request=request,
            detail={"curriculum": "installed", "modules": added},
        )
    return added


@transaction.atomic
def module_update(*, module: Module, version: int, by, request=None, **fields) -> Module:
    from django.db.models import F

    if not Module.objects.filter(pk=module.pk, version=version).update(**fields, version=F("version") + 1):
        raise EditConflict(Module.objects.get(pk=module.pk))
    module.refresh_from_db()
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=module.organization,
        target=module,
        request=request,
        detail={"curriculum": "module_changed"},
    )
    return module


def _progress(person, module) -> ModuleProgress:
    progress, _created = ModuleProgress.objects.get_or_create(
        person=person, module=module, defaults={"organization": module.organization}
    )
    return progress


@transaction.atomic
def module_mark_read(*, person, module: Module) -> None:
    ModuleProgress.objects.filter(pk=_progress(person, module).pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def quiz_start(*, person, module: Module, rng: random.Random | None = None) -> QuizAttempt:
    """Draw the quiz: `quiz_size` questions from the bank, options shuffled, fixed from now on."""
    rng = rng or random.SystemRandom()
    bank = list(module.questions.filter(is_active=True).order_by("code"))
    if len(bank) < module.quiz_size:
        raise NotAllowedNow("bank_too_small")
    drawn = rng.sample(bank, module.quiz_size)
    questions = []
    for question in drawn:
        order = list(range(len(question.options)))
        rng.shuffle(order)
        questions.append([question.pk, order])
    return QuizAttempt.objects.create(
        organization=module.organization, person=person, module=module, questions=questions
    )


@transaction.atomic
def quiz_submit(*, attempt: QuizAttempt, answers: list[int], request=None) -> QuizAttempt:
    """Score a quiz, once. `answers[i]` is the option index (in the question's own order) chosen
    for the i-th question drawn. Raises NotAllowedNow("submitted") on a second submission and
    ValueError when the answers do not fit the questions (nothing is written then)."""
    if len(answers) != len(attempt.questions):
        raise ValueError("Every question needs an answer.")
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=[pk for pk, _order in attempt.questions])}
    right = 0
    for (question_id, order), answer in zip(attempt.questions, answers, strict=True):
        if answer not in order:
            raise ValueError("An answer is not one of the options.")
        right += answer == by_id[question_id].correct_index
    score = round(100 * right / len(answers))
    passed = score >= attempt.module.pass_mark
    if not QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
        answers=answers, score=score, passed=passed, submitted_at=timezone.now()
    ):
        raise NotAllowedNow("submitted")
    attempt.refresh_from_db()
    progress = ModuleProgress.objects.select_for_update().get(pk=_progress(attempt.person, attempt.module).pk)
    progress.attempts += 1
    progress.best_score = max(progress.best_score or 0, score)
    if passed and progress.passed_at is None:
        progress.passed_at = timezone.now()
    progress.save()
    return attempt


@transaction.atomic
def practice_assess(
    *, organization, person, by, checklist: dict, note: str = "", request=None
) -> PracticeAssessment:
    """A counselor's assessment of a role-play. Passed when every checklist item is met."""
    codes = [item["code"] for item in practice_checklist()]
    if set(checklist) != set(codes):
        raise ValueError("The checklist must cover every item.")
    assessment = PracticeAssessment.objects.create(
        organization=organization,
        person=person,
        assessor=by,
        checklist={code: bool(checklist[code]) for code in codes},
        passed=all(checklist[code] for code in codes),
        note=note,
    )
    audit(
        by=by,
        organization=organization,
        target=assessment,
        what="practice_assessed",
        person_id=person.pk,
        request=request,
    )
    return assessment


def trainee_status(*, organization, person) -> dict:
    """Where a trainee stands. Renewing a certificate needs every module passed again since the
    last one was issued (the refresher); the supervised practice counts once."""
    modules = list(Module.objects.filter(organization=organization, is_active=True))
    progress = {p.module_id: p for p in ModuleProgress.objects.filter(person=person, module__in=modules)}
    last = Certification.objects.filter(organization=organization, person=person).first()
    passes = QuizAttempt.objects.filter(person=person, module__in=modules, passed=True)
    if last is not None:
        passes = passes.filter(submitted_at__gte=last.issued_at)
    passed_ids = set(passes.values_list("module_id", flat=True))
    passed_modules = [m for m in modules if m.pk in passed_ids]
    practice = PracticeAssessment.objects.filter(organization=organization, person=person).first()
    today = timezone.localdate()
    current = Certification.objects.filter(
        organization=organization, person=person, expired_at__isnull=True, expires_on__gte=today
    ).first()
    # What the current certificate rests on stays visible after it is issued ("8 of 8 passed"),
    # even while the refresher count for the next renewal starts again from nought.
    certified_ids: set = set()
    if current is not None:
        certified_ids = set(
            QuizAttempt.objects.filter(
                person=person, module__in=modules, passed=True, submitted_at__lte=current.issued_at
            ).values_list("module_id", flat=True)
        )
    return {
        "modules": modules,
        "progress": progress,
        "modules_passed": len(passed_modules),
        "all_modules_passed": bool(modules) and len(passed_modules) == len(modules),
        "practice": practice,
        "practice_passed": bool(practice and practice.passed),
        "certification": current,
        "certified_modules_passed": len(certified_ids),
        # Modules shown as passed: in this round of training, or for the certificate held now.
        "shown_passed_ids": passed_ids | certified_ids,
        "eligible": bool(modules)
        and len(passed_modules) == len(modules)
        and bool(practice and practice.passed),
        "renewal": last is not None,
        "passed_ids": passed_ids,
    }


@transaction.atomic
def certify(*, organization, person, by, request=None) -> Certification:
    """Certify a trainee who passed every module and the practice; they become matchable."""

    if not trainee_status(organization=organization, person=person)["eligible"]:
        raise NotAllowedNow("not_eligible")
    membership = Membership.objects.get(organization=organization, person=person)
    year = timezone.localdate().year
    # A readable number per organization and year: SEBAYA/2026/0007.
    last = Certification.objects.filter(
        organization=organization, number__startswith=f"SEBAYA/{year}/"
    ).aggregate(n=Max("number"))["n"]
    sequence = int(last.rsplit("/", 1)[1]) + 1 if last else 1
    certification = Certification.objects.create(
        organization=organization,
        person=person,
        number=f"SEBAYA/{year}/{sequence:04d}",
        expires_on=_months_later(timezone.localdate(), CERTIFICATE_MONTHS),
        issued_by=by,
    )

    profile = SupporterProfile.objects.filter(membership=membership).first()
    fields = {"certified": True}
    if profile is None or profile.status == SupporterProfile.Status.TRAINEE:
        fields["status"] = SupporterProfile.Status.ACTIVE  # a trainee goes live; a pause stays
    supporter_profile_save(membership=membership, by=by, request=request, **fields)
    audit(
        by=by,
        organization=organization,
        target=certification,
        what="certified",
        person_id=person.pk,
        request=request,
    )
    return certification


def _months_later(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def certifications_tick(*, now=None) -> int:
    """The worker's job: remind a month before a certificate expires (re-certification), and on
    expiry stop new matches (the supporter is no longer certified)."""

    now = now or timezone.now()
    today = now.date()
    done = 0
    soon = Certification.objects.filter(
        expired_at__isnull=True,
        reminded_at__isnull=True,
        expires_on__lte=today + datetime.timedelta(days=REMIND_BEFORE_DAYS),
    ).select_related("organization")
    for certification in soon[:200]:
        with transaction.atomic():
            if Certification.objects.filter(pk=certification.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                email_queue(
                    recipients=User.objects.filter(person_id=certification.person_id),
                    template="programs/email/recertify",
                    purpose="programs.recertify",
                    context={
                        "organization": certification.organization,
                        "expires_on": certification.expires_on,
                    },
                )
                done += 1
    for certification in Certification.objects.filter(expired_at__isnull=True, expires_on__lt=today)[:200]:
        with transaction.atomic():
            if not Certification.objects.filter(pk=certification.pk, expired_at__isnull=True).update(
                expired_at=now
            ):
                continue
            still_valid = Certification.objects.filter(
                organization_id=certification.organization_id,
                person_id=certification.person_id,
                expired_at__isnull=True,
                expires_on__gte=today,
            ).exists()
            if not still_valid:
                membership = Membership.objects.filter(
                    organization_id=certification.organization_id, person_id=certification.person_id
                ).first()
                SupporterProfile.objects.filter(membership=membership).update(certified=False)
            done += 1
    return done
