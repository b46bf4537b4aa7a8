"""The peer supporter program's part of a person's own data: recruitment, and training as a supporter.

In: nominations (that they were nominated, for which round, their answer); applications (their
own words, their availability, their guardian's consent, and the decision once it has been
announced); their roster entry as a peer supporter (status, capacity, times, topics, languages,
their own pause note) with how many people they accompanied and sessions they logged, as counts;
module progress, quiz scores, the supervised practice checklist, certificates, attendance at live
training and supervision sessions.

Out: who nominated them and why, the panel's scores and the decision reason (the panel's working
record), a decision not yet announced (the applicant learns it with everyone else), the assessor's
note on the practice, the supervisor's ratings one by one and supervision notes (the supervisor's
record), and the people they accompany (their data, not the supporter's).
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.personal_data import Section, day, moment
from sebaya.people.models import LANGUAGE_CHOICES
from sebaya.programs.curriculum import practice_checklist
from sebaya.programs.models import (
    Application,
    Certification,
    LiveAttendance,
    ModuleProgress,
    Nomination,
    PracticeAssessment,
    QuizAttempt,
    SupervisionAttendance,
    SupervisionSession,
)
from sebaya.support.models import TIME_SLOTS, PeerSession, SupporterProfile, Topic
from sebaya.support.personal_data import TIMES


def recruitment(*, person, organization) -> dict:
    nominations = Nomination.objects.filter(organization=organization, person=person).select_related("round")
    applications = Application.objects.filter(organization=organization, person=person).select_related(
        "round"
    )
    return {
        "nominations": [
            {
                "round": n.round.title,
                "nominated_at": moment(n.created_at),
                "nomination_status": n.status,
                "answered_at": moment(n.answered_at),
            }
            for n in nominations.order_by("created_at")
        ],
        "applications": [_application(a) for a in applications.order_by("created_at")],
    }


def _application(application: Application) -> dict:
    return {
        "round": application.round.title,
        "applied_at": moment(application.created_at),
        "motivation": application.motivation,
        "availability": list(application.availability),
        "experience": application.experience,
        "guardian_name": application.guardian_name,
        "guardian_consent_at": moment(application.guardian_consent_at),
        # As the applicant sees it: a decision only once it has been announced to everyone.
        "application_status": application.status
        if application.notified_at or application.status == Application.Status.WITHDRAWN
        else Application.Status.SUBMITTED,
        "announced_at": moment(application.notified_at),
    }


def training(*, person, organization) -> dict:
    profile = (
        SupporterProfile.objects.filter(organization=organization, membership__person=person)
        .select_related("membership")
        .first()
    )
    return {
        "supporter": _supporter(profile),
        "modules": [
            {
                "module": p.module.title,
                "read_at": moment(p.read_at),
                "attempts": p.attempts,
                "best_score": p.best_score,
                "passed_at": moment(p.passed_at),
            }
            for p in ModuleProgress.objects.filter(organization=organization, person=person)
            .select_related("module")
            .order_by("module__order", "module__code")
        ],
        "quizzes": [
            {
                "module": q.module.title,
                "started_at": moment(q.started_at),
                "submitted_at": moment(q.submitted_at),
                "score": q.score,
                "passed": q.passed,
            }
            for q in QuizAttempt.objects.filter(organization=organization, person=person)
            .select_related("module")
            .order_by("started_at")
        ],
        "practice": [
            {"assessed_at": moment(p.created_at), "passed": p.passed, "checklist": _checklist(p.checklist)}
            for p in PracticeAssessment.objects.filter(organization=organization, person=person).order_by(
                "created_at"
            )
        ],
        "certificates": [
            {
                "number": c.number,
                "issued_at": moment(c.issued_at),
                "expires_on": day(c.expires_on),
                "expired_at": moment(c.expired_at),
            }
            for c in Certification.objects.filter(organization=organization, person=person).order_by(
                "issued_at"
            )
        ],
        "live_sessions": [
            {"module": a.session.module.title, "starts_at": moment(a.session.starts_at), "present": a.present}
            for a in LiveAttendance.objects.filter(session__organization=organization, person=person)
            .select_related("session__module")
            .order_by("session__starts_at")
        ],
        "supervision": [
            {
                "starts_at": moment(a.session.starts_at),
                "supervision_kind": a.session.kind,
                "present": a.present,
            }
            for a in SupervisionAttendance.objects.filter(supporter=profile)
            .select_related("session")
            .order_by("session__starts_at")
        ]
        if profile
        else [],
    }


def _supporter(profile: SupporterProfile | None) -> dict | None:
    if profile is None:
        return None
    return {
        "supporter_status": profile.status,
        "certified": profile.certified,
        "capacity": profile.capacity,
        "buddy_capacity": profile.buddy_capacity,
        "availability": [slot for slot in profile.availability if slot in TIME_SLOTS],
        "topics": list(profile.topics),
        "languages": list(profile.languages),
        "pause_note": profile.pause_note,
        # Counts only: the people accompanied and what they said are their own data.
        "people_accompanied": profile.relationships.count(),
        "sessions_logged": PeerSession.objects.filter(relationship__supporter=profile).count(),
    }


def _checklist(answers: dict) -> list[dict]:
    english = (get_language() or "id").startswith("en")
    texts = {item["code"]: item["en" if english else "id"] for item in practice_checklist()}
    return [{"item": texts.get(code, code), "met": bool(met)} for code, met in answers.items()]


RECRUITMENT = Section(
    key="peer_supporter_recruitment",
    title=_("Becoming a peer supporter"),
    collect=recruitment,
    labels={
        "nominations": _("Nominations"),
        "round": _("Recruitment round"),
        "nominated_at": _("Nominated"),
        "nomination_status": _("Your answer"),
        "answered_at": _("Answered on"),
        "applications": _("Applications"),
        "applied_at": _("Applied on"),
        "motivation": _("Why you want to be a peer supporter"),
        "availability": _("When you are available"),
        "experience": _("Experience"),
        "guardian_name": _("Guardian's name"),
        "guardian_consent_at": _("Guardian's consent given"),
        "application_status": _("Status"),
        "announced_at": _("Decision announced"),
    },
    choices={
        "nomination_status": Nomination.Status.choices,
        "application_status": Application.Status.choices,
        "availability": TIMES,
    },
)

TRAINING = Section(
    key="peer_supporter_training",
    title=_("Peer supporter training and work"),
    collect=training,
    labels={
        "supporter": _("Your peer supporter profile"),
        "supporter_status": _("Status"),
        "certified": _("Certified"),
        "capacity": _("How many people at once"),
        "buddy_capacity": _("New students as a buddy"),
        "availability": _("When available"),
        "topics": _("Topics"),
        "languages": _("Languages"),
        "pause_note": _("Note on the pause"),
        "people_accompanied": _("People accompanied"),
        "sessions_logged": _("Sessions logged"),
        "modules": _("Training modules"),
        "module": _("Module"),
        "read_at": _("Read"),
        "attempts": _("Quiz attempts"),
        "best_score": _("Best score (%)"),
        "passed_at": _("Passed"),
        "quizzes": _("Quizzes"),
        "started_at": _("Started"),
        "submitted_at": _("Submitted"),
        "score": _("Score (%)"),
        "passed": _("Passed"),
        "practice": _("Supervised practice"),
        "assessed_at": _("Assessed"),
        "checklist": _("Checklist"),
        "item": _("Item"),
        "met": _("Met"),
        "certificates": _("Certificates"),
        "number": _("Number"),
        "issued_at": _("Issued"),
        "expires_on": _("Valid until"),
        "expired_at": _("Expired"),
        "live_sessions": _("Live training sessions"),
        "starts_at": _("Starts"),
        "present": _("Present"),
        "supervision": _("Supervision sessions"),
        "supervision_kind": _("Kind"),
    },
    choices={
        "supporter_status": SupporterProfile.Status.choices,
        "availability": TIMES,
        "topics": Topic.choices,
        "languages": LANGUAGE_CHOICES,
        "supervision_kind": SupervisionSession.Kind.choices,
    },
)
