"""The demo's peer supporter program: training (curriculum, certificates, trainees), recruitment
and supervision."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.programs import recruitment, services, supervision
from sebaya.programs.models import Application, Certification, Module, RecruitmentRound
from sebaya.support.models import SupporterProfile


def _demo_training(school, supporters):
    """The default curriculum, certificates for the sixteen certified supporters, and the four
    trainees at different stages (none, two, five and every module passed)."""
    if Module.objects.filter(organization=school).exists():
        return
    services.curriculum_install(organization=school)
    coordinator = User.objects.get(username="koordinator")
    today = datetime.date.today()
    for n, membership in enumerate(supporters[:16], start=1):
        # Written directly: the demo's certified supporters finished their training before Sebaya.
        Certification.objects.create(
            organization=school,
            person=membership.person,
            number=f"SEBAYA/{today.year}/{n:04d}",
            expires_on=today + datetime.timedelta(days=300 - 10 * n),
            issued_by=coordinator,
        )
    modules = list(Module.objects.filter(organization=school))
    rng = random.Random(20261205)
    for membership, passed in zip(supporters[16:], (0, 2, 5, len(modules)), strict=False):
        for module in modules[:passed]:
            attempt = services.quiz_start(person=membership.person, module=module, rng=rng)
            answers = [module.questions.get(pk=pk).correct_index for pk, _order in attempt.questions]
            services.quiz_submit(attempt=attempt, answers=answers)


def _demo_program(school, students, supporters):
    """Recruitment and supervision: last year's round with its decisions sent (the four trainees
    were selected in it), this year's open round with applications, panel scores and a
    nomination waiting for the `siswa` account; a group supervision session two weeks ago that
    one supporter missed, one coming up for the `sebaya` account, and live training sessions."""
    if RecruitmentRound.objects.filter(organization=school).exists():
        return
    coordinator = User.objects.get(username="koordinator")
    counselors = list(
        User.objects.filter(username__in=["konselor1", "konselor2", "konselor3"]).order_by("username")
    )
    today = timezone.localdate()
    now = timezone.now()
    motivations = [
        "Saya pernah dibantu teman waktu kelas 10, sekarang saya ingin membantu yang lain.",
        "Banyak teman yang curhat ke saya dan saya ingin belajar mendengarkan dengan lebih baik.",
        "Saya ingin sekolah kita jadi tempat yang lebih ramah untuk semua.",
        "Saya suka berorganisasi dan ingin belajar keterampilan konseling dasar.",
    ]

    def apply(recruitment_round, membership, n):
        return recruitment.apply(
            recruitment_round=recruitment_round,
            person=membership.person,
            motivation=motivations[n % len(motivations)],
            experience="Pengurus OSIS" if n % 3 == 0 else "",
            availability=["mon_afternoon", "wed_afternoon", "fri_morning"][: 1 + n % 3],
            guardian_name=membership.person.guardian_name or "Orang tua",
            guardian_consent=True,
        )

    def score(application, scorer, base):
        recruitment.scores_save(
            application=application,
            by=scorer,
            scores={c.pk: max(1, min(5, base + (n % 2))) for n, c in enumerate(recruitment.criteria(school))},
        )

    # Last year's round: opened and decided with the services, then moved into the past.
    past = recruitment.round_create(
        organization=school,
        by=coordinator,
        title="Rekrutmen Konselor Sebaya 2025/2026",
        description="Kami mencari siswa kelas 10 dan 11 yang senang mendengarkan dan bisa menjaga rahasia.",
        where="Ruang BK",
        opens_on=today,
        closes_on=today,
        places=4,
    )
    others = [m for m in students if m.grade == "11" and m not in supporters][:3]
    for n, membership in enumerate([*supporters[16:20], *others]):
        if n < 4:
            # The trainees already hold the role the round gave them: their applications are
            # written directly, as they were when the round ran.
            application = Application.objects.create(
                organization=school,
                round=past,
                person=membership.person,
                motivation=motivations[n],
                availability=["mon_afternoon"],
                guardian_name=membership.person.guardian_name,
                guardian_consent_at=now - datetime.timedelta(days=365),
            )
        else:
            application = apply(past, membership, n)
        for scorer in counselors[:2]:
            score(application, scorer, 4 if n < 4 else 2 + n % 2)
        status = "selected" if n < 4 else ("waitlisted" if n == 4 else "not_selected")
        recruitment.decide(
            application=application,
            status=status,
            reason={
                "selected": "Empati dan komunikasi baik; wawancara meyakinkan.",
                "waitlisted": "Cukup baik; tempat sudah penuh.",
                "not_selected": "Perlu lebih matang; dianjurkan mendaftar lagi tahun depan.",
            }[status],
            by=coordinator,
        )
    recruitment.publish(recruitment_round=past, by=coordinator)
    year_ago = today - datetime.timedelta(days=365)
    RecruitmentRound.objects.filter(pk=past.pk).update(
        opens_on=year_ago, closes_on=year_ago + datetime.timedelta(days=21)
    )

    # This year's round, open now: applications from grade 10, some scored, and nominations.
    current = recruitment.round_create(
        organization=school,
        by=coordinator,
        title="Rekrutmen Konselor Sebaya 2026/2027",
        description=(
            "Ingin belajar mendengarkan dan mendampingi teman? Kami mencari 8 konselor sebaya baru. "
            "Kamu akan dilatih dan didampingi guru BK."
        ),
        where="Ruang BK, wawancara setiap Rabu pukul 13.00",
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=14),
        places=8,
    )
    juniors = [m for m in students[1:] if m.grade == "10"][::7][:10]
    for n, membership in enumerate(juniors[:8]):
        application = apply(current, membership, n)
        for scorer in counselors[: 3 if n < 3 else (2 if n < 6 else 0)]:
            score(application, scorer, 2 + (n * 3 + scorer.pk) % 4)
    recruitment.nominate(
        recruitment_round=current,
        person=juniors[8].person,
        by=counselors[1],
        reason="Tenang dan dipercaya teman",
    )
    recruitment.nominate(
        recruitment_round=current,
        person=students[0].person,
        by=counselors[0],
        reason="Sering membantu teman sekelas",
    )

    # Supervision: Bu Sri's group two weeks ago (one supporter missed it), the next one for the
    # `sebaya` account's supervisor in a week.
    profiles = list(SupporterProfile.objects.filter(organization=school, certified=True).order_by("pk"))
    group = [p for p in profiles if p.supervisor_id == counselors[0].pk][:5]
    if group:
        session = supervision.supervision_schedule(
            organization=school,
            kind="group",
            starts_at=now - datetime.timedelta(days=14),
            place="Ruang BK",
            by=counselors[0],
            supporters=group,
        )
        supervision.supervision_record(
            session=session,
            version=session.version,
            present={p.pk for p in group[:-1]},
            ratings={p.pk: 4 + n % 2 for n, p in enumerate(group[:-1])},
            notes="Membahas batas peran dan kapan harus menghubungi guru BK. Semua kasus aman.",
            by=counselors[0],
        )
    sebaya = SupporterProfile.objects.filter(membership__person__user__username="sebaya").first()
    if sebaya is not None:
        supervision.supervision_schedule(
            organization=school,
            kind="individual",
            starts_at=now + datetime.timedelta(days=7),
            place="Ruang BK",
            by=sebaya.supervisor or counselors[0],
            supporters=[sebaya],
        )

    # Live sessions of the first module: one last week with attendance, one next week.
    module = Module.objects.filter(organization=school).first()
    if module is not None:
        trainees = [m.person_id for m in supporters[16:20]]
        held = supervision.live_session_schedule(
            module=module, starts_at=now - datetime.timedelta(days=7), place="Aula", by=coordinator
        )
        supervision.live_attendance_record(
            session=held, present=set(trainees[:3]), listed=set(trainees), by=coordinator
        )
        supervision.live_session_schedule(
            module=module, starts_at=now + datetime.timedelta(days=6), place="Aula", by=coordinator
        )
