"""The guidance policy: the BK program cycle (needs assessment results, annual and semester
programs, service plans), activities (classroom and group guidance, group counseling, support and
discussion groups, workshops), campaigns and the calendar.

The program and the needs results are the counselors' and the coordinator's working documents.
A student's own answers to a needs questionnaire are screening results (the screening policy:
counselors only). An activity is seen by the user's relation to it:

- **staff**: counselors and coordinators of the organization;
- **facilitator**: named on the activity (a counselor, or a trained peer supporter for a support
  or discussion group); **supervisor**: the counselor supervising a peer-led group;
- **participant**: registered (or on the waiting list);
- **audience**: a member the activity is offered to (its class, its grade, everyone when open).

Confidential meeting notes (group counseling, support groups) are read and written only by the
supervisor and by facilitators who are counselors (`counselor_facilitator`), like case notes.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from sebaya.access.roles import EVERY_ROLE, R, roles_in
from sebaya.guidance.models import Activity, Registration
from sebaya.people.models import Membership

STAFF = frozenset({R.COUNSELOR, R.COORDINATOR})

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "guidance.needs": STAFF,  # results of needs assessments, by class, grade and bidang
    "guidance.needs_edit": frozenset({R.COORDINATOR}),  # the organization's needs questionnaires
    "guidance.program": STAFF,  # annual and semester programs, service plans (RPL), progress
    "guidance.program_edit": STAFF,
    "activity.list": EVERY_ROLE,  # what is offered to me, what I joined
    "activity.manage": STAFF,  # create activities, name facilitators
    "campaign.view": STAFF,
    "campaign.manage": STAFF,
    "calendar.view": EVERY_ROLE,  # filtered by what each entry's own policy lets the user see
}

ACTIVITY_ACTIONS: dict[str, frozenset[str]] = {
    "activity.view": frozenset({"staff", "facilitator", "supervisor", "participant", "audience"}),
    "activity.register": frozenset({"audience", "participant"}),
    "activity.edit": frozenset({"staff"}),
    "activity.run": frozenset({"staff", "facilitator", "supervisor"}),  # meetings, attendance, QR
    "activity.roster": frozenset({"staff", "facilitator", "supervisor"}),  # the participants' names
    "activity.read_notes": frozenset({"counselor_facilitator", "supervisor"}),
    "activity.concern": frozenset({"facilitator", "supervisor", "counselor_facilitator"}),
    "activity.withdraw": frozenset({"participant"}),
    "activity.attend": frozenset({"participant", "class_member"}),  # the meeting's QR code, scanned
    "activity.feedback": frozenset({"participant"}),  # the satisfaction form after a held meeting
}


def activity_sides(user, activity) -> frozenset[str]:
    roles = roles_in(user, activity.organization)
    if not roles:
        return frozenset()
    sides = set()
    if roles & STAFF:
        sides.add("staff")
    facilitator_ids = {u.pk for u in activity.facilitators.all()}
    if user.pk in facilitator_ids:
        sides.add("facilitator")
        if R.COUNSELOR in roles:
            sides.add("counselor_facilitator")
    if activity.supervisor_id == user.pk and R.COUNSELOR in roles:
        sides.add("supervisor")
    if user.person_id is not None:
        if activity.registrations.filter(person_id=user.person_id).exclude(status="withdrawn").exists():
            sides.add("participant")
        if R.MEMBER in roles or R.PEER_SUPPORTER in roles:
            membership = (
                Membership.objects.filter(organization=activity.organization, person_id=user.person_id)
                .only("grade", "class_name")
                .first()
            )
            # Those who lead or supervise it are not offered a place in it.
            leads = sides & {"facilitator", "supervisor"}
            if membership is not None and not leads and offered_to(activity, membership):
                sides.add("audience")
                if activity.for_whole_audience:
                    sides.add("class_member")  # given to the whole class: they attend without registering
    return frozenset(sides)


def offered_to(activity, membership) -> bool:
    """Is the activity offered to this member (by its audience)? Invited-only activities are
    offered to nobody: staff register the invited."""
    audience = activity.audience
    if audience == "open":
        return True
    if audience == "grade":
        return bool(membership.grade) and membership.grade == activity.audience_value
    if audience == "class":
        return bool(membership.class_name) and membership.class_name == activity.audience_value
    return False


def visible_activities(user, organization):
    """The activities `activity.view` allows this user, as one query (the calendar, the feed):
    the same sides as `activity_sides`, written as a filter."""
    activities = Activity.objects.filter(organization=organization)
    roles = roles_in(user, organization)
    if not roles:
        return activities.none()
    if roles & STAFF:
        return activities
    seen = Q(
        Exists(Activity.facilitators.through.objects.filter(activity_id=OuterRef("pk"), user_id=user.pk))
    )
    if R.COUNSELOR in roles:
        seen |= Q(supervisor_id=user.pk)
    if user.person_id is not None:
        seen |= Q(
            Exists(
                Registration.objects.filter(activity_id=OuterRef("pk"), person_id=user.person_id).exclude(
                    status=Registration.Status.WITHDRAWN
                )
            )
        )
        if R.MEMBER in roles or R.PEER_SUPPORTER in roles:
            membership = (
                Membership.objects.filter(organization=organization, person_id=user.person_id)
                .only("grade", "class_name")
                .first()
            )
            if membership is not None:
                seen |= Q(audience="open")
                if membership.grade:
                    seen |= Q(audience="grade", audience_value=membership.grade)
                if membership.class_name:
                    seen |= Q(audience="class", audience_value=membership.class_name)
    return activities.filter(seen)
