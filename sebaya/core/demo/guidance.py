"""The demo's BK program cycle (issue 15): a grade 10 needs assessment (AKPD), the annual program
built from it and approved, its program semester, three service plans (RPL), classroom guidance
delivered to several classes, a support group led by two peer supporters, a stress-management
workshop, and an awareness campaign with its survey before and after.

Everything goes through the services the pages use. Dates are counted from today, so past
meetings stay in the past and coming ones in the future whenever the demo is loaded. Where a
service would refuse a date in the past (a round that already closed), the round is opened by the
service, answered while open, and then moved back in time, as `programs.py` does for last year's
recruitment round.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sebaya.accounts.models import User
from sebaya.core.demo.guidance_plans import PLAN_TITLES, plan_texts
from sebaya.core.demo.people import _account
from sebaya.guidance.models import Activity, AnnualProgram
from sebaya.guidance.models.choices import Component, school_year_of, semester_of
from sebaya.guidance.services import activities, attendance, campaigns, program, program_needs, program_plans
from sebaya.guidance.services import registration as registering
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration, ScreeningInvitation, ScreeningRound
from sebaya.screening.services import administration_record, round_schedule
from sebaya.support.models import SupporterProfile

# How likely a grade 10 student marks each AKPD statement: a few needs most of the grade shares,
# and in each class two or three of its own clearly on top (the results page shows both).
GRADE_NEEDS = {"b10": 0.55, "k04": 0.5, "p03": 0.45, "p06": 0.4, "k07": 0.35, "b04": 0.35}
CLASS_NEEDS = {
    "X-1": {"p03": 0.82, "b10": 0.78, "p05": 0.6},  # worry and exams
    "X-2": {"s09": 0.8, "s03": 0.72, "s04": 0.55},  # conflicts, and friends being bullied
    "X-3": {"b05": 0.8, "b02": 0.72, "b06": 0.6},  # focus and study habits
    "X-4": {"k04": 0.85, "k10": 0.72, "k02": 0.6},  # choosing a track, and what next
}
# Statements that raise an alert when marked (self-harm thoughts, low mood, being bullied) are
# left unmarked: the demo's alert queue shows the two screening alerts it was built around.
UNMARKED = {"p09", "p10", "s10"}


def _demo_guidance(school, students, supporters, rng) -> None:
    """Seed the BK program cycle for the demo school, once (the annual program is the marker:
    everything here is written in the one transaction of `load_demo`)."""
    if AnnualProgram.objects.filter(organization=school).exists():
        return
    # The program's default rows and the services' texts in the demo school's language.
    with translation.override("id"):
        _seed(school, students, supporters, rng)


def _seed(school, students, supporters, rng) -> None:
    coordinator = User.objects.get(username="koordinator")
    konselor1, konselor2, konselor3 = (
        User.objects.get(username=name) for name in ("konselor1", "konselor2", "konselor3")
    )
    clock = _Clock(school)
    grade10 = [m for m in students if m.grade == "10"]

    needs_round = _needs_assessment(school, grade10, rng, clock=clock, by=coordinator)
    annual, items = _annual_program(school, needs_round, by=coordinator, counselor=konselor1, clock=clock)
    plans = _service_plans(school, items, by=konselor1, clock=clock)

    # Classroom guidance: the stress RPL delivered in X-1 to X-3 (X-4 next week), the bullying one
    # in, the one on choosing a track coming in X-4; each class registered by its
    # counselor.
    held = []
    by_class = {name: [m for m in grade10 if m.class_name == name] for name in CLASS_NEEDS}
    for plan, class_name, weeks_ago, hour, facilitators in [
        (plans["stress"], "X-1", 2, 8, [konselor1]),
        (plans["stress"], "X-2", 1, 8, [konselor1]),
        (plans["stress"], "X-3", 0, 10, [konselor1]),
        (plans["stress"], "X-4", -1, 8, [konselor1]),
        (plans["bullying"], "X-1", 3, 10, [konselor1]),
        (plans["bullying"], "X-2", 3, 13, [konselor1, konselor2]),
        (plans["needs"], "X-4", -2, 10, [konselor1]),
    ]:
        activity = _classroom(
            school,
            plan,
            class_name,
            by_class[class_name],
            rng,
            when=clock.school_day(weeks_ago, hour),
            facilitators=facilitators,
        )
        if weeks_ago >= 0 and plan is plans["stress"]:
            held.append(activity)
    _place(annual, items, clock=clock, by=konselor1)
    program.program_approve(program=annual, by=coordinator)

    _support_group(school, students, supporters, rng, clock=clock, by=konselor1)
    workshop = _workshop(school, students, rng, clock=clock, facilitators=[konselor3, konselor1])
    _campaign(school, grade10, rng, clock=clock, by=coordinator, linked=[*held, workshop])


class _Clock:
    """Today in the school's time zone, and school days (Monday to Friday) counted from it."""

    def __init__(self, school):
        self.zone = zoneinfo.ZoneInfo(school.timezone)
        self.now = timezone.now()
        self.today = self.now.astimezone(self.zone).date()
        day = self.today - datetime.timedelta(days=1)
        while day.weekday() > 4:
            day -= datetime.timedelta(days=1)
        self.last_school_day = day  # the latest school day before today

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.zone)

    def days(self, n: int) -> datetime.date:
        return self.today + datetime.timedelta(days=n)

    def school_day(self, weeks_ago: int, hour: int) -> datetime.datetime:
        """`weeks_ago` weeks before the latest school day (in the past); a negative number is
        the next school day, or that many weeks after it less one (in the future)."""
        if weeks_ago >= 0:
            return self.at(self.last_school_day - datetime.timedelta(weeks=weeks_ago), hour)
        return self.next_school_day(1 + 7 * (-weeks_ago - 1), hour)

    def next_school_day(self, days: int, hour: int) -> datetime.datetime:
        """The first school day at least `days` days after today (days >= 1: in the future)."""
        day = self.days(days)
        while day.weekday() > 4:
            day += datetime.timedelta(days=1)
        return self.at(day, hour)


def _backdate(screening_round, *, opens_on, closes_on, clock, rng) -> None:
    """Move a round answered while open back to the dates it ran on: its window, its invitation
    and reminder, and each answer to a moment inside the window. Written directly because
    `round_schedule` only invites a round when its time comes, and answers need it open."""
    opens_at = clock.at(opens_on, 0)
    closes_at = clock.at(closes_on + datetime.timedelta(days=1), 0)
    ScreeningRound.objects.filter(pk=screening_round.pk).update(
        opens_on=opens_on,
        closes_on=closes_on,
        opens_at=opens_at,
        closes_at=closes_at,
        invited_at=opens_at,
        reminder_at=opens_at + (closes_at - opens_at) / 2,
    )
    span = int((closes_at - opens_at).total_seconds()) - 3600
    for invitation in screening_round.invitations.filter(administration__isnull=False):
        moment = opens_at + datetime.timedelta(seconds=7 * 3600 + rng.randrange(span // 2))
        ScreeningInvitation.objects.filter(pk=invitation.pk).update(completed_at=moment)
        Administration.objects.filter(pk=invitation.administration_id).update(created_at=moment)


# --- Needs assessment ---------------------------------------------------------------------------------


def _needs_assessment(school, grade10, rng, *, clock, by):
    """The AKPD for grade 10 two months ago, answered by about nine in ten students, closed."""
    instrument = get_instrument("akpd")
    opens_on, closes_on = clock.days(-70), clock.days(-56)
    screening_round = round_schedule(
        organization=school,
        title="Asesmen kebutuhan peserta didik kelas 10",
        instrument=instrument,
        population="grade",
        population_value="10",
        opens_on=opens_on,
        closes_on=clock.today,  # open while the answers are recorded, then moved back (below)
        by=by,
    )
    invitations = {i.person_id: i for i in screening_round.invitations.all()}
    for membership in grade10:
        if rng.random() < 0.1 or membership.person_id not in invitations:
            continue
        chances = {**GRADE_NEEDS, **CLASS_NEEDS.get(membership.class_name, {})}
        answers = [
            0 if item.id in UNMARKED else int(rng.random() < chances.get(item.id, 0.18))
            for item in instrument.items
        ]
        administration_record(
            organization=school,
            person=membership.person,
            instrument=instrument,
            answers=answers,
            invitation=invitations[membership.person_id],
        )
    _backdate(screening_round, opens_on=opens_on, closes_on=closes_on, clock=clock, rng=rng)
    return screening_round


# --- The annual program, its semester and the RPLs ----------------------------------------------------


def _annual_program(school, needs_round, *, by, counselor, clock):
    """The grade 10 program of this school year: the default rows, the top needs of the AKPD as
    items, the chapters written, three classroom topics given to `counselor`."""
    annual = program.program_create(
        organization=school, by=by, school_year=school_year_of(clock.today), grade="10"
    )
    annual = program.program_update(
        program=annual,
        by=by,
        version=annual.version,
        needs_rounds=[needs_round],
        rationale=(
            "Peserta didik kelas 10 berada di masa peralihan dari SMP ke SMA: lingkungan baru, "
            "tuntutan belajar yang lebih tinggi, dan pilihan peminatan. Program ini membantu mereka "
            "mengenal diri, belajar dengan tenang, menjaga pertemanan yang sehat, dan mulai "
            "merencanakan masa depan."
        ),
        needs_summary=(
            "Dari asesmen kebutuhan (AKPD) kelas 10, kebutuhan yang paling banyak ditandai: "
            "mengurangi rasa tegang saat ujian, memilih peminatan yang tepat, dan mengelola rasa "
            "cemas. Tiap kelas punya kebutuhan menonjol sendiri (lihat hasil per kelas)."
        ),
        vision_mission=(
            "Visi: peserta didik yang mengenal diri, tangguh, dan peduli sesama.\n"
            "Misi: layanan dasar untuk semua kelas, layanan responsif yang cepat dan rahasia, "
            "dan kerja sama dengan wali kelas, orang tua, dan konselor sebaya."
        ),
    )
    program_needs.items_from_needs(program=annual, by=by, limit=6)
    # Two of the default rows (found by the words `default_rows` gives them) and the need for
    # choosing a track (grade 10 chooses its subjects for grade 11), else the first need found.
    basic = list(annual.items.filter(component=Component.BASIC))
    wanted = {
        "stress": next(i for i in basic if i.topic == _("Managing stress and emotions")),
        "bullying": next(i for i in basic if i.topic == _("Preventing bullying and keeping each other safe")),
        "needs": next(
            (i for i in basic if i.need == get_instrument("akpd").item("k04").text.id),
            next(i for i in basic if i.need),
        ),
    }
    items = {}
    for key, item in wanted.items():
        items[key] = program.item_save(
            program=annual,
            by=by,
            item=item,
            component=item.component,
            domain=item.domain,
            topic=item.topic,
            service_type=item.service_type,
            # The months it is planned in, with those its classroom sessions fall in (below).
            months=[*item.months, (clock.today - datetime.timedelta(days=21)).month, clock.today.month],
            need=item.need,
            need_share=item.need_share,
            responsible=counselor,
        )
    annual.refresh_from_db()
    return annual, items


def _place(annual, items, *, clock, by) -> None:
    """The program semester: each classroom meeting's topic in its week and class, and the
    topics from the needs in the coming weeks for the whole grade. Weeks outside the program's
    school year are left out (the service refuses them)."""
    weeks = []
    for activity in Activity.objects.filter(plan__item__program=annual).prefetch_related("meetings"):
        for meeting in activity.meetings.all():
            weeks.append(
                (activity.plan.item, meeting.starts_at.astimezone(clock.zone).date(), activity.audience_value)
            )
    coming = list(annual.items.filter(component=Component.BASIC).exclude(need=""))[:3]
    for n, item in enumerate(coming, start=1):
        weeks.append((item, clock.days(7 * (n + 1)), ""))
    for item, day, class_name in weeks:
        monday = day - datetime.timedelta(days=day.weekday())
        if school_year_of(monday) != annual.school_year:
            continue
        semester = semester_of(monday)
        if monday not in program.semester_mondays(annual.school_year, semester):
            continue
        program.placement_add(item=item, by=by, semester=semester, week_of=monday, class_name=class_name)


def _service_plans(school, items, *, by, clock) -> dict:
    """Three RPLs for classroom guidance, made from the program's items."""
    plans = {}
    for key, item in items.items():
        plans[key] = program_plans.plan_save(
            organization=school,
            by=by,
            item=item,
            title=PLAN_TITLES[key],
            component=item.component,
            domain=item.domain,
            service_type=item.service_type,
            school_year=item.program.school_year,
            semester=semester_of(clock.today),
            audience="Kelas 10",
            minutes=45,
            **plan_texts()[key],
        )
    return plans


# --- Activities ---------------------------------------------------------------------------------------


def _classroom(school, plan, class_name, members, rng, *, when, facilitators) -> Activity:
    """A classroom guidance session for one class from an RPL; held when `when` is past (the
    class's attendance taken, most present, the meeting noted and the activity evaluated)."""
    by = facilitators[0]
    activity = activities.activity_create(
        organization=school,
        by=by,
        kind=Activity.Kind.CLASSROOM,
        title=f"{plan.title} ({class_name})",
        description=plan.goals,
        domain=plan.domain,
        plan=plan,
        audience=Activity.Audience.CLASS,
        audience_value=class_name,
        facilitators=facilitators,
    )
    for membership in members:
        registering.register(activity=activity, person=membership.person, by=by)
    meeting = activities.meeting_add(
        activity=activity,
        starts_at=when,
        ends_at=when + datetime.timedelta(minutes=45),
        place=f"Ruang kelas {class_name}",
        by=by,
    )
    if when > timezone.now():
        return activity
    present = [m.person_id for m in members if rng.random() > 0.07]
    attendance.attendance_save(meeting=meeting, present_ids=present, by=by)
    attendance.meeting_record(
        meeting=meeting,
        note="Kelas aktif berdiskusi; beberapa siswa bertanya tentang cara menghubungi guru BK.",
        held=True,
        by=by,
    )
    activities.activity_evaluate(
        activity=activity,
        process="Siswa antusias; waktu diskusi kelompok agak kurang.",
        result="Sebagian besar siswa dapat menyebut dua cara yang akan mereka coba.",
        done=True,
        by=by,
    )
    return activity


def _support_group(school, students, supporters, rng, *, clock, by) -> Activity:
    """A support group led by the `sebaya` account and a second certified peer supporter
    (`sebaya2`), supervised by a counselor: five students registered, a meeting held last week and
    the next one this week."""
    leaders = [
        User.objects.get(username="sebaya"),
        _account(supporters[1], "sebaya2"),
    ]
    profile = SupporterProfile.objects.filter(membership=supporters[0]).select_related("supervisor").first()
    group = activities.activity_create(
        organization=school,
        by=by,
        kind=Activity.Kind.SUPPORT_GROUP,
        title="Ruang Cerita: teman saat cemas menjelang ujian",
        description=(
            "Kelompok kecil untuk berbagi rasa cemas dan saling menguatkan, dipandu konselor "
            "sebaya terlatih dan didampingi guru BK. Kamu boleh memakai nama samaran."
        ),
        domain="pribadi",
        audience=Activity.Audience.OPEN,
        capacity=8,
        facilitators=leaders,
        supervisor=(profile.supervisor if profile and profile.supervisor else by),
    )
    taken = {m.pk for m in supporters}
    members = [m for m in students[1:] if m.grade in {"10", "11"} and m.pk not in taken][5::23][:5]
    for membership, shown in zip(members, ["Bintang", "Awan", "", "Senja", "Pelangi"], strict=True):
        registering.register(activity=group, person=membership.person, agreed=True, shown_name=shown)
    last = clock.school_day(1, 14)
    held = activities.meeting_add(
        activity=group,
        starts_at=last,
        ends_at=last + datetime.timedelta(hours=1),
        place="Ruang BK (ruang kecil)",
        by=leaders[0],
    )
    attendance.attendance_save(meeting=held, present_ids=[m.person_id for m in members[:4]], by=leaders[0])
    attendance.meeting_record(
        meeting=held,
        note="Perkenalan dan kesepakatan kelompok; berbagi hal yang paling bikin cemas.",
        held=True,
        by=leaders[0],
    )
    coming = clock.next_school_day(2, 14)
    activities.meeting_add(
        activity=group,
        starts_at=coming,
        ends_at=coming + datetime.timedelta(hours=1),
        place="Ruang BK (ruang kecil)",
        by=leaders[0],
    )
    return group


def _workshop(school, students, rng, *, clock, facilitators) -> Activity:
    """A stress-management workshop open to the whole school, 28 registered, next week."""
    workshop = activities.activity_create(
        organization=school,
        by=facilitators[0],
        kind=Activity.Kind.WORKSHOP,
        title="Workshop manajemen stres: tenang menghadapi ujian",
        description=(
            "Dua jam berlatih cara mengenali stres, mengatur napas, dan menyusun jadwal belajar "
            "yang tetap menyisakan waktu istirahat. Bersama guru BK dan psikolog mitra sekolah."
        ),
        domain="pribadi",
        audience=Activity.Audience.OPEN,
        capacity=40,
        facilitators=facilitators,
    )
    for membership in rng.sample(students[1:], 28):
        registering.register(activity=workshop, person=membership.person, agreed=True)
    when = clock.next_school_day(5, 13)
    activities.meeting_add(
        activity=workshop,
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=2),
        place="Aula sekolah",
        by=facilitators[0],
    )
    return workshop


# --- The campaign -------------------------------------------------------------------------------------


def _campaign(school, grade10, rng, *, clock, by, linked) -> None:
    """Pekan Sehat Jiwa for grade 10: the survey before (closed) and after (open, most of those
    who answered before have answered again, with better knowledge and less stigma), and the
    classroom sessions and the workshop that carry it."""
    campaign = campaigns.campaign_save(
        organization=school,
        by=by,
        title="Pekan Sehat Jiwa: Berani Cerita",
        goal=(
            "Siswa kelas 10 tahu bahwa masalah kesehatan jiwa bisa dialami siapa saja dan bisa "
            "ditangani, tidak malu mencari bantuan, dan tahu ke mana harus bercerita."
        ),
        population="grade",
        population_value="10",
        starts_on=clock.days(-35),
        ends_on=clock.days(10),
    )
    for activity in linked:
        campaigns.campaign_link(campaign=campaign, activity=activity, by=by)
    instrument = get_instrument(campaigns.SURVEY_INSTRUMENT)
    pre = campaigns.campaign_survey_schedule(
        campaign=campaign, which=campaigns.PRE, opens_on=clock.days(-35), closes_on=clock.today, by=by
    )
    # Each student's starting point; after the campaign most move up by about half a point a
    # statement (agreeing more with the facts, less with the stigma).
    outlook = {m.person_id: rng.uniform(-0.6, 0.6) for m in grade10}
    answered_before = _survey(school, pre, instrument, grade10[1:], rng, outlook, lift=0.0, share=0.7)
    _backdate(pre, opens_on=clock.days(-35), closes_on=clock.days(-29), clock=clock, rng=rng)
    post = campaigns.campaign_survey_schedule(
        campaign=campaign, which=campaigns.POST, opens_on=clock.days(-3), closes_on=clock.days(10), by=by
    )
    again = [m for m in grade10[1:] if m.person_id in answered_before]
    _survey(school, post, instrument, again, rng, outlook, lift=0.6, share=0.55)


def _survey(school, screening_round, instrument, members, rng, outlook, *, lift, share) -> set:
    """Answer the knowledge-and-stigma survey for about `share` of `members`; returns who did."""
    invitations = {i.person_id: i for i in screening_round.invitations.all()}
    done = set()
    for membership in members:
        if rng.random() > share or membership.person_id not in invitations:
            continue
        answers = []
        for item in instrument.items:
            # How much the student holds the helpful view, 1 to 5, then the answer for the
            # statement's direction (a stigmatizing statement is agreed with the less).
            view = 3.1 + outlook[membership.person_id] + lift + rng.gauss(0, 0.8)
            value = max(1, min(5, round(view)))
            answers.append(6 - value if item.reverse else value)
        administration_record(
            organization=school,
            person=membership.person,
            instrument=instrument,
            answers=answers,
            invitation=invitations[membership.person_id],
        )
        done.add(membership.person_id)
    return done
