"""Recruitment and selection of peer supporters.

A coordinator opens a round; people apply (a minor with a guardian's consent when the round asks
for it), or a counselor nominates them and only the nominee decides whether to apply. A panel of
counselors scores each applicant 1–5 on the organization's rubric; `ranking` combines the
scores with the rubric's weights. The coordinator decides, with a reason kept for the records,
and publishes the decisions: everyone hears at the same time, in kind words, and the people
selected become trainees (the peer supporter role, with a roster entry in "trainee" status).

Writes: one transaction each, audited, keyword-only arguments.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.mail.services import email_queue
from sebaya.people.models import Membership, Role
from sebaya.people.services import roles_set
from sebaya.programs.models import (
    Application,
    Nomination,
    PanelScore,
    RecruitmentRound,
    SelectionCriterion,
)
from sebaya.programs.services import NotAllowedNow, audit
from sebaya.safety.models import AlertSource
from sebaya.safety.services import text_check
from sebaya.support.models import TIME_SLOTS, SupporterProfile

# The rubric a new organization starts with; coordinators change names and weights.
DEFAULT_CRITERIA = [
    ("empathy", "Empati", "Empathy", 3),
    ("communication", "Komunikasi", "Communication", 2),
    ("reliability", "Dapat diandalkan", "Reliability", 2),
    ("interview", "Wawancara", "Interview", 3),
]
# Panel members disagree when their scores on one criterion are this far apart.
DISAGREEMENT = 2


def criteria(organization) -> list[SelectionCriterion]:
    """The organization's rubric in use; the default one is written the first time it is needed."""
    if not SelectionCriterion.objects.filter(organization=organization).exists():
        SelectionCriterion.objects.bulk_create(
            [
                SelectionCriterion(
                    organization=organization,
                    code=code,
                    name_id=name_id,
                    name_en=name_en,
                    weight=weight,
                    order=n,
                )
                for n, (code, name_id, name_en, weight) in enumerate(DEFAULT_CRITERIA, start=1)
            ],
            ignore_conflicts=True,
        )
    return list(SelectionCriterion.objects.filter(organization=organization, is_active=True))


@transaction.atomic
def criterion_save(
    *, organization, by, code: str, name_id: str, name_en: str, weight: int, is_active=True, request=None
) -> SelectionCriterion:
    criterion, _created = SelectionCriterion.objects.update_or_create(
        organization=organization,
        code=code,
        defaults={"name_id": name_id, "name_en": name_en, "weight": weight, "is_active": is_active},
    )
    if _created:
        criterion.order = SelectionCriterion.objects.filter(organization=organization).count()
        criterion.save(update_fields=["order"])
    audit(by=by, organization=organization, target=criterion, what="rubric", request=request)
    return criterion


@transaction.atomic
def round_create(
    *,
    organization,
    by,
    title: str,
    opens_on,
    closes_on,
    places: int,
    description: str = "",
    where: str = "",
    guardian_consent: bool = True,
    request=None,
) -> RecruitmentRound:
    if closes_on < opens_on:
        raise ValueError("closes_before_opens")
    criteria(organization)
    recruitment_round = RecruitmentRound.objects.create(
        organization=organization,
        title=title,
        description=description,
        where=where,
        opens_on=opens_on,
        closes_on=closes_on,
        places=places,
        guardian_consent=guardian_consent,
        created_by=by,
    )
    audit(by=by, organization=organization, target=recruitment_round, what="round_opened", request=request)
    return recruitment_round


def _open(recruitment_round: RecruitmentRound) -> None:
    if not recruitment_round.is_open_on(timezone.localdate()):
        raise NotAllowedNow("closed")


def _already_supporter(organization, person) -> bool:
    return person.memberships.filter(organization=organization, roles__role=Role.PEER_SUPPORTER).exists()


@transaction.atomic
def nominate(*, recruitment_round: RecruitmentRound, person, by, reason: str, request=None) -> Nomination:
    """Suggest someone for the round. They hear about it and decide; nothing else happens."""

    _open(recruitment_round)
    organization = recruitment_round.organization
    if not person.memberships.filter(organization=organization, is_active=True).exists():
        raise NotAllowedNow("not_member")
    if _already_supporter(organization, person):
        raise NotAllowedNow("already_supporter")
    if Nomination.objects.filter(round=recruitment_round, person=person).exists():
        raise NotAllowedNow("already_nominated")
    nomination = Nomination.objects.create(
        organization=organization, round=recruitment_round, person=person, nominated_by=by, reason=reason
    )
    email_queue(
        recipients=User.objects.filter(person=person),
        template="programs/email/nominated",
        purpose="programs.nominated",
        context={"organization": organization, "round": recruitment_round},
    )
    audit(
        by=by,
        organization=organization,
        target=nomination,
        what="nominated",
        person_id=person.pk,
        request=request,
    )
    return nomination


@transaction.atomic
def nomination_answer(*, nomination: Nomination, accept: bool, request=None) -> Nomination:
    """The nominee's answer, once. Accepting leads to the application form; declining is final and
    needs no reason."""
    status = Nomination.Status.ACCEPTED if accept else Nomination.Status.DECLINED
    if accept:
        _open(nomination.round)
    if not Nomination.objects.filter(pk=nomination.pk, status=Nomination.Status.PENDING).update(
        status=status, answered_at=timezone.now()
    ):
        raise NotAllowedNow("answered")
    nomination.refresh_from_db()
    audit(
        by=request.user if request else None,
        organization=nomination.organization,
        target=nomination,
        what=f"nomination_{status}",
        person_id=nomination.person_id,
        request=request,
    )
    return nomination


def needs_guardian_consent(recruitment_round: RecruitmentRound, person) -> bool:
    return recruitment_round.guardian_consent and person.is_minor


@transaction.atomic
def apply(
    *,
    recruitment_round: RecruitmentRound,
    person,
    motivation: str,
    availability: list[str],
    experience: str = "",
    guardian_name: str = "",
    guardian_consent: bool = False,
    request=None,
) -> Application:
    """Apply to the round (or apply again after withdrawing). A minor needs a guardian's consent
    when the round asks for it. Words that carry risk raise an alert, as anywhere else."""

    _open(recruitment_round)
    organization = recruitment_round.organization

    if not motivation.strip():
        raise ValueError("motivation")
    if not set(availability) <= set(TIME_SLOTS):
        raise ValueError("availability")
    if needs_guardian_consent(recruitment_round, person) and not (guardian_consent and guardian_name.strip()):
        raise ValueError("guardian_consent")
    if _already_supporter(organization, person):
        raise NotAllowedNow("already_supporter")
    nomination = Nomination.objects.filter(round=recruitment_round, person=person).first()
    if nomination is not None and nomination.status == Nomination.Status.PENDING:
        nomination.status, nomination.answered_at = Nomination.Status.ACCEPTED, timezone.now()
        nomination.save(update_fields=["status", "answered_at"])
    fields = {
        "organization": organization,
        "motivation": motivation,
        "availability": list(availability),
        "experience": experience,
        "guardian_name": guardian_name.strip() if guardian_consent else "",
        "guardian_consent_at": timezone.now() if guardian_consent and guardian_name.strip() else None,
        "status": Application.Status.SUBMITTED,
        "nomination": nomination if nomination and nomination.status == Nomination.Status.ACCEPTED else None,
    }
    application = (
        Application.objects.select_for_update().filter(round=recruitment_round, person=person).first()
    )
    if application is not None and application.status != Application.Status.WITHDRAWN:
        raise NotAllowedNow("already_applied")
    if application is None:
        application = Application.objects.create(round=recruitment_round, person=person, **fields)
    else:
        for name, value in fields.items():
            setattr(application, name, value)
        application.save()
    text_check(
        organization=organization,
        text=f"{motivation}\n{experience}",
        source=AlertSource.TEXT,
        source_ref=f"application:{application.pk}",
        person=person,
    )
    audit(
        by=request.user if request else None,
        organization=organization,
        target=application,
        what="applied",
        person_id=person.pk,
        request=request,
    )
    return application


@transaction.atomic
def withdraw(*, application: Application, request=None) -> None:
    if application.round.published_at is not None or not Application.objects.filter(
        pk=application.pk, status=Application.Status.SUBMITTED
    ).update(status=Application.Status.WITHDRAWN):
        raise NotAllowedNow("decided")
    PanelScore.objects.filter(application=application).delete()
    audit(
        by=request.user if request else None,
        organization=application.organization,
        target=application,
        what="withdrawn",
        person_id=application.person_id,
        request=request,
    )


@transaction.atomic
def scores_save(*, application: Application, by, scores: dict, request=None) -> None:
    """One panel member's scores for one applicant: every criterion of the rubric, 1–5. Saving
    again replaces that member's earlier scores."""
    if application.round.published_at is not None:
        raise NotAllowedNow("published")
    if application.status == Application.Status.WITHDRAWN:
        raise NotAllowedNow("withdrawn")
    if by.person_id == application.person_id:
        raise NotAllowedNow("own")
    rubric = {str(c.pk): c for c in criteria(application.organization)}
    wanted = {str(key): value for key, value in scores.items()}
    if set(wanted) != set(rubric) or any(not isinstance(v, int) or not 1 <= v <= 5 for v in wanted.values()):
        raise ValueError("scores")
    for key, value in wanted.items():
        PanelScore.objects.update_or_create(
            application=application, scorer=by, criterion=rubric[key], defaults={"score": value}
        )
    audit(
        by=by,
        organization=application.organization,
        target=application,
        what="scored",
        person_id=application.person_id,
        request=request,
    )


@dataclass(frozen=True)
class Ranked:
    application: Application
    combined: float | None  # 0–100; None until every criterion has a score
    means: dict  # criterion id -> mean score (1–5)
    panel: int  # how many panel members scored
    disagreement: bool  # some criterion's scores are DISAGREEMENT or more apart


def combine(means: dict, weights: dict) -> float | None:
    """The weighted mean of the criteria's mean scores, on 0–100 (1 → 0, 5 → 100). None when a
    criterion has no score yet: a partial score must not rank above a complete one."""
    if not weights or any(key not in means for key in weights):
        return None
    total = sum(weights.values())
    weighted = sum(means[key] * weight for key, weight in weights.items()) / total
    return round((weighted - 1) / 4 * 100, 1)


def ranking(recruitment_round: RecruitmentRound) -> list[Ranked]:
    """Applicants (not withdrawn) from the highest combined score down; unscored ones last, in
    the order they applied."""
    rubric = criteria(recruitment_round.organization)
    weights = {c.pk: c.weight for c in rubric}
    applications = list(
        recruitment_round.applications.exclude(status=Application.Status.WITHDRAWN).select_related("person")
    )
    by_application: dict = {}
    for score in PanelScore.objects.filter(application__in=applications, criterion__in=rubric):
        by_application.setdefault(score.application_id, []).append(score)
    rows = []
    for application in applications:
        scores = by_application.get(application.pk, [])
        per_criterion: dict = {}
        for score in scores:
            per_criterion.setdefault(score.criterion_id, []).append(score.score)
        means = {key: statistics.fmean(values) for key, values in per_criterion.items()}
        rows.append(
            Ranked(
                application=application,
                combined=combine(means, weights),
                means=means,
                panel=len({score.scorer_id for score in scores}),
                disagreement=any(max(v) - min(v) >= DISAGREEMENT for v in per_criterion.values()),
            )
        )
    rows.sort(key=lambda row: (row.combined is None, -(row.combined or 0), row.application.created_at))
    return rows


@transaction.atomic
def decide(*, application: Application, status: str, reason: str, by, request=None) -> Application:
    """Record a decision and its reason (for the records; the applicant receives a kind message,
    not the reason). Decisions can change until they are published."""
    if status not in Application.DECISIONS:
        raise ValueError("status")
    if not reason.strip():
        raise ValueError("reason")
    if application.round.published_at is not None:
        raise NotAllowedNow("published")
    if (
        not Application.objects.filter(pk=application.pk)
        .exclude(status=Application.Status.WITHDRAWN)
        .update(status=status, decision_reason=reason.strip(), decided_by=by, decided_at=timezone.now())
    ):
        raise NotAllowedNow("withdrawn")
    application.refresh_from_db()
    audit(
        by=by,
        organization=application.organization,
        target=application,
        what="decided",
        person_id=application.person_id,
        request=request,
        status=status,
    )
    return application


@transaction.atomic
def publish(*, recruitment_round: RecruitmentRound, by, request=None) -> int:
    """Send every decision at once; the people selected become trainees. Refused while an
    application is undecided, or a second time. Returns how many people were told."""

    if recruitment_round.applications.filter(status=Application.Status.SUBMITTED).exists():
        raise NotAllowedNow("undecided")
    now = timezone.now()
    if not RecruitmentRound.objects.filter(pk=recruitment_round.pk, published_at__isnull=True).update(
        published_at=now
    ):
        raise NotAllowedNow("published")
    organization = recruitment_round.organization
    decided = list(recruitment_round.applications.filter(status__in=Application.DECISIONS))
    for application in decided:
        if application.status == Application.Status.SELECTED:
            membership = Membership.objects.get(organization=organization, person_id=application.person_id)
            roles = set(membership.roles.values_list("role", flat=True)) | {Role.PEER_SUPPORTER}
            roles_set(membership=membership, roles=roles, by=by, request=request)
            SupporterProfile.objects.get_or_create(
                membership=membership,
                defaults={
                    "organization": organization,
                    "status": SupporterProfile.Status.TRAINEE,
                    "availability": application.availability,
                },
            )
        email_queue(
            recipients=User.objects.filter(person_id=application.person_id),
            template=f"programs/email/decision_{application.status}",
            purpose="programs.decision",
            context={"organization": organization, "round": recruitment_round},
        )
    Application.objects.filter(pk__in=[a.pk for a in decided]).update(notified_at=now)
    audit(
        by=by,
        organization=organization,
        target=recruitment_round,
        what="published",
        request=request,
        told=len(decided),
    )
    return len(decided)


def funnel(recruitment_round: RecruitmentRound) -> dict:
    """Counts for the program view: from nominations to selection (one query for each side)."""
    nominations = recruitment_round.nominations.aggregate(
        nominated=Count("pk"),
        nominations_accepted=Count("pk", filter=Q(status=Nomination.Status.ACCEPTED)),
        nominations_declined=Count("pk", filter=Q(status=Nomination.Status.DECLINED)),
    )
    # Distinct: the join to the scores gives an application once per score.
    applications = recruitment_round.applications.exclude(status=Application.Status.WITHDRAWN).aggregate(
        applied=Count("pk", distinct=True),
        scored=Count("pk", filter=Q(scores__isnull=False), distinct=True),
        selected=Count("pk", filter=Q(status=Application.Status.SELECTED), distinct=True),
        waitlisted=Count("pk", filter=Q(status=Application.Status.WAITLISTED), distinct=True),
        not_selected=Count("pk", filter=Q(status=Application.Status.NOT_SELECTED), distinct=True),
    )
    return {**nominations, **applications}
