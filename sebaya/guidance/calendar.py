"""The organization's calendar as each user may see it: activities' meetings, screening rounds'
windows, program weeks, supervision and live training sessions, case conferences.

Each kind of entry is shown by its own policy (sebaya/access): meetings of the activities
`activity.view` allows (`visible_activities`, one query); rounds for those who see rounds; program
weeks for those who see the program; supervision sessions and live sessions as the training
policy says (a peer supporter sees live sessions on the module's page); a case conference only to
the counselors assigned to its case, and only as "Case conference": no name, no agenda. The page
and the iCalendar feed read the same entries.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.access.guidance import visible_activities
from sebaya.counseling.models import CaseConference
from sebaya.guidance.models import Meeting
from sebaya.programs.models import LiveSession, SupervisionSession
from sebaya.screening.models import ScreeningRound

# Sessions kept with a start only are shown as an hour long.
SESSION_LENGTH = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Entry:
    uid: str  # unique and stable: "<kind>-<id>"
    kind: str  # meeting, round, program, supervision, live, conference
    title: str
    url: str  # the entry's page, a path under /o/<org>/
    starts: datetime.datetime | None = None  # timed entries (aware)
    ends: datetime.datetime | None = None
    first_day: datetime.date | None = None  # all-day entries, in the organization's days
    last_day: datetime.date | None = None

    @property
    def all_day(self) -> bool:
        return self.starts is None

    def days(self, zone) -> tuple[datetime.date, datetime.date]:
        """The first and last local day the entry covers."""
        if self.all_day:
            return self.first_day, self.last_day
        return self.starts.astimezone(zone).date(), (self.ends - datetime.timedelta(seconds=1)).astimezone(
            zone
        ).date()

    def sort_key(self, zone):
        first, _last = self.days(zone)
        return (
            first,
            not self.all_day,
            self.starts or datetime.datetime.min.replace(tzinfo=zone),
            self.title,
        )


def _url(name: str, **kwargs) -> str:
    """A page of another part of Sebaya, or "" while that part has no such page."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _local_bounds(organization, start: datetime.date, end: datetime.date):
    zone = zoneinfo.ZoneInfo(organization.timezone)
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end, datetime.time.min, tzinfo=zone),
    )


def entries_between(user, organization, start: datetime.date, end: datetime.date) -> list[Entry]:
    """What `user` may see of `organization`'s calendar from `start` up to (not including) `end`,
    days in the organization's time zone."""
    zone = zoneinfo.ZoneInfo(organization.timezone)
    since, until = _local_bounds(organization, start, end)
    org = organization.slug
    entries: list[Entry] = []

    meetings = (
        Meeting.objects.filter(
            activity__in=visible_activities(user, organization),
            starts_at__lt=until,
            ends_at__gt=since,
        )
        .exclude(activity__status="cancelled")
        .select_related("activity")
    )
    for meeting in meetings:
        entries.append(
            Entry(
                uid=f"meeting-{meeting.pk}",
                kind="meeting",
                title=meeting.activity.title,
                url=_url("activity_detail", org=org, activity=meeting.activity_id),
                starts=meeting.starts_at,
                ends=max(meeting.ends_at, meeting.starts_at + datetime.timedelta(minutes=1)),
            )
        )

    if access.can(user, "rounds.view", organization):
        rounds = ScreeningRound.objects.filter(
            organization=organization, cancelled_at__isnull=True, opens_on__lt=end, closes_on__gte=start
        )
        for screening_round in rounds:
            entries.append(
                Entry(
                    uid=f"round-{screening_round.pk}",
                    kind="round",
                    title=_("Screening round: %(title)s") % {"title": screening_round.title},
                    url=_url("round_detail", org=org, screening_round=screening_round.pk),
                    first_day=screening_round.opens_on,
                    last_day=screening_round.closes_on,
                )
            )

    if access.can(user, "guidance.program", organization):
        entries.extend(_program_weeks(organization, start, end))

    if access.can(user, "program.supervision", organization):
        for session in SupervisionSession.objects.filter(
            organization=organization, starts_at__lt=until, starts_at__gt=since - SESSION_LENGTH
        ):
            entries.append(
                Entry(
                    uid=f"supervision-{session.pk}",
                    kind="supervision",
                    title=_("Supervision session"),
                    url=_url("supervision_session", org=org, session=session.pk),
                    starts=session.starts_at,
                    ends=session.starts_at + SESSION_LENGTH,
                )
            )

    staff_live = access.can(user, "program.live", organization)
    if staff_live or access.can(user, "training.self", organization):
        for session in LiveSession.objects.filter(
            organization=organization, starts_at__lt=until, starts_at__gt=since - SESSION_LENGTH
        ).select_related("module"):
            entries.append(
                Entry(
                    uid=f"live-{session.pk}",
                    kind="live",
                    title=_("Live training: %(module)s") % {"module": session.module.title},
                    url=(
                        _url("live_session", org=org, session=session.pk)
                        if staff_live
                        else _url("module_detail", org=org, code=session.module.code)
                    ),
                    starts=session.starts_at,
                    ends=session.starts_at + SESSION_LENGTH,
                )
            )

    assigned = access.visible_cases(user, organization).filter(counselors=user)
    for conference in CaseConference.objects.filter(case__in=assigned, date__gte=start, date__lt=end):
        entries.append(
            Entry(
                uid=f"conference-{conference.pk}",
                kind="conference",
                title=_("Case conference"),
                url=_url("conference_edit", org=org, case=conference.case_id, conference=conference.pk),
                first_day=conference.date,
                last_day=conference.date,
            )
        )

    return sorted(entries, key=lambda entry: entry.sort_key(zone))


def _program_weeks(organization, start, end) -> list[Entry]:
    """The program semester's weeks (`services.program.placements_between`, when it is there)."""
    try:
        from sebaya.guidance.services.program import placements_between
    except ImportError:
        return []
    entries = []
    last = end - datetime.timedelta(days=1)  # placements_between takes inclusive dates
    for week in placements_between(organization=organization, start=start, end=last):
        title = (
            _("Program: %(topic)s (%(class)s)") % {"topic": week.topic, "class": week.class_name}
            if week.class_name
            else _("Program: %(topic)s") % {"topic": week.topic}
        )
        entries.append(
            Entry(
                uid=f"program-{week.placement_id}",
                kind="program",
                title=title,
                url=_url("bk_semester", org=organization.slug, program=week.program_id),
                first_day=week.week_of,
                last_day=week.week_end,
            )
        )
    return entries
