"""The activities' part of the jurnal BK: every held meeting of an activity a counselor
facilitates is a line in that counselor's jurnal, with the number of people present.

Declared on GuidanceConfig (`journal_sources`) and read by `counseling.journal` through the
registry, so counseling never imports guidance.

Service types (jenis layanan): classroom guidance is bimbingan klasikal, group guidance and
discussion groups (a topic worked through together) are bimbingan kelompok, group counseling and
support groups (the members' own concerns, kept confidential) are konseling kelompok. A workshop
given to a class or a grade is delivered like classroom guidance (bimbingan klasikal); a workshop
for those who signed up, open or invited, works as a group (bimbingan kelompok).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from sebaya.guidance.models import Activity, Meeting

SERVICE_TYPE = {
    Activity.Kind.CLASSROOM: "bimbingan_klasikal",
    Activity.Kind.GROUP_GUIDANCE: "bimbingan_kelompok",
    Activity.Kind.DISCUSSION_GROUP: "bimbingan_kelompok",
    Activity.Kind.GROUP_COUNSELING: "konseling_kelompok",
    Activity.Kind.SUPPORT_GROUP: "konseling_kelompok",
}


def service_type(activity: Activity) -> str:
    if activity.kind == Activity.Kind.WORKSHOP:
        in_class = activity.audience in {Activity.Audience.CLASS, Activity.Audience.GRADE}
        return "bimbingan_klasikal" if in_class else "bimbingan_kelompok"
    return SERVICE_TYPE[activity.kind]


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def journal_lines(organization, counselor, start: datetime.date, end: datetime.date) -> list[dict]:
    """Lines (as dicts of `counseling.journal.Line`'s fields) for the held meetings, in the
    current (the organization's) time zone."""
    meetings = (
        Meeting.objects.filter(
            activity__organization=organization,
            activity__facilitators=counselor,
            held_at__isnull=False,
            starts_at__gte=_moment(start),
            starts_at__lt=_moment(end),
        )
        .select_related("activity")
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .distinct()
    )
    return [
        {
            "date": timezone.localdate(meeting.starts_at),
            "service_type": service_type(meeting.activity),
            "domain": meeting.activity.domain,
            "what": meeting.activity.title,
            "url": reverse(
                "activity_detail", kwargs={"org": organization.slug, "activity": meeting.activity_id}
            ),
            "people": meeting.present,
        }
        for meeting in meetings
    ]
