"""The training record policy: the peer supporter training program (curriculum, trainees,
quizzes, certificates), recruitment, live training and supervision sessions.

A supervision session is seen by the user's relation to it: its **supervisor** (while a counselor),
any **counselor**, a **coordinator**. Its notes and the supervisor's ratings are the supervisor's
professional record, like case notes: only they read and write them. Attendance decides who gets
new matches, so the coordinator may take it too."""

from __future__ import annotations

from sebaya.access.roles import EVERY_ROLE, R, roles_in

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "training.self": frozenset({R.PEER_SUPPORTER}),
    "quiz.take": frozenset(),  # only one's own attempt (SELF_ACTIONS)
    "certificate.view": frozenset({R.COORDINATOR}),  # and one's own (SELF_ACTIONS)
    "program.curriculum": frozenset({R.COORDINATOR}),
    "program.trainees": frozenset({R.COORDINATOR, R.COUNSELOR}),
    "program.practice": frozenset({R.COUNSELOR}),
    "program.certify": frozenset({R.COORDINATOR}),
    # Recruitment: anyone may apply; counselors and coordinators nominate; a panel of counselors
    # scores; the coordinator keeps the rubric, decides and publishes the decisions.
    "program.join": EVERY_ROLE,
    "nomination.answer": frozenset(),  # only the nominee (SELF_ACTIONS)
    "application.withdraw": frozenset(),  # only the applicant (SELF_ACTIONS)
    "program.recruitment": frozenset({R.COORDINATOR, R.COUNSELOR}),
    "program.recruit": frozenset({R.COORDINATOR}),
    "program.nominate": frozenset({R.COORDINATOR, R.COUNSELOR}),
    "program.score": frozenset({R.COUNSELOR}),
    # Live training sessions, supervision sessions, and the coordinator's program view.
    "program.live": frozenset({R.COORDINATOR, R.COUNSELOR}),
    # Supervision sessions: counselors plan them; coordinators see them to take attendance.
    "program.supervision": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "supervision.plan": frozenset({R.COUNSELOR}),
    "program.overview": frozenset({R.COORDINATOR}),
}

SUPERVISION_SESSION_ACTIONS: dict[str, frozenset[str]] = {
    "supervision_session.view": frozenset({"supervisor", "counselor", "coordinator"}),
    "supervision_session.attendance": frozenset({"supervisor", "coordinator"}),
    "supervision_session.record": frozenset({"supervisor"}),  # notes and ratings
    "supervision_session.read_notes": frozenset({"supervisor"}),
}


def supervision_session_sides(user, session) -> frozenset[str]:
    roles = roles_in(user, session.organization)
    sides = set()
    if R.COUNSELOR in roles:
        sides.add("counselor")
        if session.supervisor_id == user.pk:
            sides.add("supervisor")
    if R.COORDINATOR in roles:
        sides.add("coordinator")
    return frozenset(sides)
