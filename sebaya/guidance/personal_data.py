"""The activities' part of a person's own data: the activities they registered for (or waited
for), the name they chose to show the group, when they accepted its agreement, and their
attendance at each meeting.

Out: the meetings' notes (the facilitators' working record, confidential for group counseling and
support groups), the other participants, and the feedback answers, which are in the screening
results with the person's other answers.
"""

from django.utils.translation import gettext_lazy as _

from sebaya.guidance.models import Activity, Attendance, Registration
from sebaya.kernel.personal_data import Section, moment


def activities(*, person, organization) -> list:
    registrations = Registration.objects.filter(
        person=person, activity__organization=organization
    ).select_related("activity")
    attended = {}
    for attendance in Attendance.objects.filter(
        person=person, meeting__activity__organization=organization
    ).select_related("meeting"):
        attended.setdefault(attendance.meeting.activity_id, []).append(attendance)
    return [
        {
            "activity": r.activity.title,
            "activity_kind": r.activity.kind,
            "registration_status": r.status,
            "registered_at": moment(r.created_at),
            "agreed_at": moment(r.agreed_at),
            "shown_name": r.shown_name,
            "meetings": [
                {"starts_at": moment(a.meeting.starts_at), "present": a.present, "attendance_how": a.how}
                for a in sorted(attended.get(r.activity_id, []), key=lambda a: a.meeting.starts_at)
            ],
        }
        for r in registrations.order_by("created_at")
    ]


ACTIVITIES = Section(
    key="activities",
    title=_("Activities"),
    collect=activities,
    labels={
        "activity": _("Activity"),
        "activity_kind": _("Kind"),
        "registration_status": _("Registration"),
        "registered_at": _("Registered"),
        "agreed_at": _("Group agreement accepted"),
        "shown_name": _("The name the group sees"),
        "meetings": _("Meetings"),
        "starts_at": _("Starts"),
        "present": _("Present"),
        "attendance_how": _("How"),
    },
    choices={
        "activity_kind": Activity.Kind.choices,
        "registration_status": Registration.Status.choices,
        "attendance_how": Attendance.How.choices,
    },
)
