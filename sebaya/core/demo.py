"""Deterministic demo data: one senior high school, one community organization, one network.

Running it twice changes nothing: everything is looked up by slug or identifier first.
"""

from __future__ import annotations

import datetime
import random

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from sebaya.accounts.models import User
from sebaya.organizations.models import CrisisContact, Network, Organization
from sebaya.people.models import AgeBand, Gender, Membership, MembershipRole, NetworkViewer, Person, Role
from sebaya.safety.models import OnCallSlot

DEMO_PASSWORD = "sebaya-demo-2026"
# A fixed TOTP secret for the demo's staff accounts: add it to any authenticator app, or run
# `sebaya democode` to print the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPSEBAYADEMO234567"

FEMALE = (
    "Siti Putri Dewi Ayu Nur Rina Anisa Fitri Indah Aulia Nabila Salsabila Zahra Kirana "
    "Larasati Wulan Intan Citra Dinda Maharani Tiara Amelia Aisyah Nadia Ratna Sekar Melati "
    "Novi Yuliana Khairunnisa "
).split()
MALE = (
    "Budi Agus Rizky Dimas Fajar Ahmad Muhammad Bayu Aditya Reza Yoga Andi Ilham Farhan Hendra "
    "Wahyu Arif Gilang Rafi Daffa Bagus Eko Galih Hafiz Joko Kevin Lukman Naufal Putra Satria "
).split()
FAMILY = (
    "Pratama Saputra Wijaya Santoso Hidayat Nugroho Lestari Kurniawan Setiawan Siregar Nasution "
    "Simanjuntak Harahap Sihombing Wibowo Susanto Rahmawati Purnomo Hasibuan Ramadhan Maulana "
    "Permata Utami Suryani Gunawan Fauzi Halim Sembiring Tanjung Anggraini "
).split()
CLASSES = {
    "10": ["X-1", "X-2", "X-3", "X-4"],
    "11": ["XI-1", "XI-2", "XI-3"],
    "12": ["XII-1", "XII-2", "XII-3"],
}
STUDENTS_PER_CLASS = 30  # 10 classes -> 300 students


def _name(rng: random.Random, gender: str) -> tuple[str, str]:
    first = rng.choice(FEMALE if gender == Gender.FEMALE else MALE)
    return f"{first} {rng.choice(FAMILY)}", first


def _person(*, organization, identifier, full_name, preferred="", gender=Gender.UNSTATED, roles, **extra):
    membership = Membership.objects.filter(organization=organization, external_id=identifier).first()
    if membership is None:
        person_fields = {
            k: extra.pop(k)
            for k in list(extra)
            if k in {"birth_date", "age_band", "languages", "guardian_name", "guardian_phone"}
        }
        person = Person.objects.create(
            full_name=full_name, preferred_name=preferred, gender=gender, **person_fields
        )
        membership = Membership.objects.create(
            person=person, organization=organization, external_id=identifier, **extra
        )
    for role in roles:
        MembershipRole.objects.get_or_create(membership=membership, role=role)
    return membership


def _account(membership, username, *, email="", totp=False):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, person=membership.person, language="")
        user.set_password(DEMO_PASSWORD)
        user.save()
    if totp and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


@transaction.atomic
def load_demo() -> list[dict]:
    rng = random.Random(20260101)  # deterministic names and classes
    network, _ = Network.objects.get_or_create(
        slug="disdik-jabar", defaults={"name": "Dinas Pendidikan Provinsi Jawa Barat (Demo)"}
    )
    school, created = Organization.objects.get_or_create(
        slug="sman-1-harapan",
        defaults={
            "name": "SMA Negeri 1 Harapan",
            "kind": Organization.Kind.SCHOOL,
            "region": "Kota Bandung, Jawa Barat",
            "network": network,
        },
    )
    if created:
        CrisisContact.objects.create(
            organization=school,
            name="Ruang BK SMAN 1 Harapan",
            phone="022-555-0101",
            description="Guru BK piket",
            available_hours="Senin–Jumat 07.00–15.00",
            position=1,
        )
        CrisisContact.objects.create(
            organization=school,
            name="Puskesmas Harapan",
            phone="022-555-0199",
            description="Layanan kesehatan jiwa",
            available_hours="24 jam",
            position=2,
        )
    community, created = Organization.objects.get_or_create(
        slug="komunitas-peduli-sesama",
        defaults={
            "name": "Komunitas Peduli Sesama",
            "kind": Organization.Kind.COMMUNITY,
            "region": "Kabupaten Garut, Jawa Barat",
            "network": network,
        },
    )
    if created:
        CrisisContact.objects.create(
            organization=community,
            name="Posko Komunitas",
            phone="0262-555-0123",
            available_hours="24 jam",
            position=1,
        )

    # Students: grades 10–12, born so that they are 15–18 today.
    today = datetime.date(2026, 7, 13)  # first day of the school year, fixed so data never drifts
    students = []
    number = 0
    for grade, classes in CLASSES.items():
        for class_name in classes:
            for _i in range(STUDENTS_PER_CLASS):
                number += 1
                gender = Gender.FEMALE if rng.random() < 0.52 else Gender.MALE
                full_name, first = _name(rng, gender)
                birth = datetime.date(today.year - 6 - int(grade), 1, 1) + datetime.timedelta(
                    days=rng.randrange(365)
                )
                guardian_first = rng.choice(MALE + FEMALE)
                students.append(
                    _person(
                        organization=school,
                        identifier=f"2026{number:04d}",
                        full_name=full_name,
                        preferred=first,
                        gender=gender,
                        roles=[Role.MEMBER],
                        grade=grade,
                        class_name=class_name,
                        birth_date=birth,
                        languages=["id"] if rng.random() < 0.7 else ["id", "su"],
                        guardian_name=f"{guardian_first} {full_name.split()[-1]}",
                        guardian_phone=f"08{rng.randrange(10**9, 10**10)}",
                    )
                )
    # 20 peer supporters from grades 11 and 12, spread over classes.
    seniors = [m for m in students if m.grade in {"11", "12"}]
    for membership in seniors[::9][:20]:
        MembershipRole.objects.get_or_create(membership=membership, role=Role.PEER_SUPPORTER)

    staff = [
        ("G-001", "Dra. Sri Wahyuni, M.Pd.", "Bu Sri", Gender.FEMALE, [Role.COUNSELOR], "konselor1", True),
        ("G-002", "Andri Firmansyah, S.Pd.", "Pak Andri", Gender.MALE, [Role.COUNSELOR], "konselor2", True),
        ("G-003", "Maya Kusumawati, S.Psi.", "Bu Maya", Gender.FEMALE, [Role.COUNSELOR], "konselor3", True),
        ("G-010", "Drs. Hadi Sutrisno", "Pak Hadi", Gender.MALE, [Role.COORDINATOR], "koordinator", True),
        ("G-020", "Rini Marlina, S.Kom.", "Bu Rini", Gender.FEMALE, [Role.ORG_ADMIN], "admin", True),
        (
            "M-001",
            "Dr. Laras Pertiwi, M.Psi., Psikolog",
            "Bu Laras",
            Gender.FEMALE,
            [Role.PARTNER],
            "psikolog",
            False,
        ),
    ]
    accounts = []
    for identifier, full_name, preferred, gender, roles, username, totp in staff:
        membership = _person(
            organization=school,
            identifier=identifier,
            full_name=full_name,
            preferred=preferred,
            gender=gender,
            roles=roles,
            unit="Bimbingan dan Konseling",
            age_band=AgeBand.AGE_25_PLUS,
        )
        _account(membership, username, email=f"{username}@sman1harapan.sch.id", totp=totp)
        accounts.append({"username": username, "role": roles[0], "organization": school.name, "totp": totp})

    # The on-call rota: Bu Sri on weekdays with Pak Andri as backup; Bu Maya at weekends.
    by_name = {
        u.username: u for u in User.objects.filter(username__in=["konselor1", "konselor2", "konselor3"])
    }
    for weekday in range(7):
        primary, backup = ("konselor1", "konselor2") if weekday < 5 else ("konselor3", "konselor1")
        OnCallSlot.objects.get_or_create(
            organization=school,
            weekday=weekday,
            defaults={"primary": by_name[primary], "backup": by_name[backup]},
        )

    student = students[0]
    # Its own random source, so the names made after it stay the same as before it existed.
    _demo_screening(
        school, students, random.Random(20261203), coordinator=User.objects.get(username="koordinator")
    )
    _account(student, "siswa")
    accounts.append({"username": "siswa", "role": Role.MEMBER, "organization": school.name, "totp": False})
    peer = next(m for m in seniors[::9][:20])
    _account(peer, "sebaya")
    _demo_peer_support(school, students, seniors[::9][:20], random.Random(20261204))
    _demo_cases(school)
    _demo_training(school, seniors[::9][:20])
    _demo_program(school, students, seniors[::9][:20])
    accounts.append(
        {"username": "sebaya", "role": Role.PEER_SUPPORTER, "organization": school.name, "totp": False}
    )

    # The community organization: a few members, a field worker, a coordinator and an admin.
    for number in range(1, 26):
        gender = Gender.FEMALE if number % 2 else Gender.MALE
        full_name, first = _name(rng, gender)
        _person(
            organization=community,
            identifier=f"KPS-{number:03d}",
            full_name=full_name,
            preferred=first,
            gender=gender,
            roles=[Role.MEMBER],
            age_band=AgeBand.AGE_18_24 if number % 3 else AgeBand.AGE_25_PLUS,
        )
    worker = _person(
        organization=community,
        identifier="KPS-R01",
        full_name="Yusuf Ardiansyah",
        preferred="Yusuf",
        gender=Gender.MALE,
        roles=[Role.FIELD_WORKER],
        age_band=AgeBand.AGE_25_PLUS,
    )
    _account(worker, "relawan")
    accounts.append(
        {"username": "relawan", "role": Role.FIELD_WORKER, "organization": community.name, "totp": False}
    )
    community_admin = _person(
        organization=community,
        identifier="KPS-A01",
        full_name="Lina Marlina",
        preferred="Lina",
        gender=Gender.FEMALE,
        roles=[Role.ORG_ADMIN, Role.COORDINATOR],
        age_band=AgeBand.AGE_25_PLUS,
    )
    _account(community_admin, "admin.komunitas", totp=True)
    accounts.append(
        {"username": "admin.komunitas", "role": Role.ORG_ADMIN, "organization": community.name, "totp": True}
    )

    # The network viewer belongs to no organization's roster: a person with a network role only.
    viewer_person = Person.objects.filter(user__username="dinas").first()
    if viewer_person is None:
        viewer_person = Person.objects.create(
            full_name="Ir. Bambang Suryadi",
            preferred_name="Pak Bambang",
            gender=Gender.MALE,
            age_band=AgeBand.AGE_25_PLUS,
        )
        viewer = User(username="dinas", email="dinas@disdik.example", person=viewer_person)
        viewer.set_password(DEMO_PASSWORD)
        viewer.save()
    NetworkViewer.objects.get_or_create(person=viewer_person, network=network)
    accounts.append(
        {"username": "dinas", "role": "network_viewer", "organization": network.name, "totp": False}
    )
    return accounts


def _demo_screening(school, students, rng, *, coordinator):
    """An open whole-school PHQ-A round, about two in three students answered, so the tracker,
    the suppressed aggregates, the counselors' follow-up list and two alerts show at once.
    The first student (the `siswa` account) has not answered yet: their invitation waits."""
    from sebaya.screening.instruments import get_instrument
    from sebaya.screening.models import ScreeningRound
    from sebaya.screening.services import administration_record, round_schedule

    if ScreeningRound.objects.filter(organization=school).exists():
        return
    instrument = get_instrument("phqa")
    today = datetime.date.today()
    screening_round = round_schedule(
        organization=school,
        title="Cek kesejahteraan semester ganjil",
        instrument=instrument,
        population="organization",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
        created_by=coordinator,
    )
    invitations = {i.person_id: i for i in screening_round.invitations.all()}
    risky = {students[17].person_id, students[203].person_id}
    for membership in students[1:]:
        if rng.random() > 0.68 and membership.person_id not in risky:
            continue
        # How heavy the last two weeks were: most students fine, a few struggling.
        weight = rng.choices([0.1, 0.35, 0.55, 0.8], weights=[60, 25, 11, 4])[0]
        answers = []
        for item in instrument.items:
            if not item.required:
                answers.append(None)
            elif item.id == "q9":
                answers.append(1 if membership.person_id in risky else 0)
            else:
                answers.append(min(3, sum(rng.random() < weight for _ in range(3))))
        administration_record(
            organization=school,
            person=membership.person,
            instrument=instrument,
            answers=answers,
            invitation=invitations[membership.person_id],
        )


DEMO_REQUESTS = [
    # (student index, topic, words, PHQ-4 answers, safety answer)
    (
        0,
        "academic",
        "Aku takut banget nggak lulus ujian matematika, tiap malam susah tidur.",
        [1, 1, 1, 1],
        False,
    ),
    (42, "relationships", "Lagi berantem sama sahabatku, rasanya sendirian di kelas.", [1, 1, 0, 1], False),
    (77, "adjustment", "Aku murid pindahan, belum punya teman di sini.", [1, 0, 1, 0], False),
    (120, "family", "Orang tuaku sering bertengkar, aku jadi males pulang.", [2, 1, 1, 1], False),
    (151, "bullying", "Ada yang terus ngejek aku di grup kelas.", [2, 2, 1, 1], False),
    (None, "low_mood", "Udah lama ngerasa kosong, ga semangat ngapa-ngapain.", [2, 2, 2, 2], False),
    (233, "grief", "Kakekku meninggal bulan lalu, aku masih sering nangis.", [1, 1, 2, 1], False),
]


def _demo_peer_support(school, students, supporters, rng):
    """Peer supporters on the roster (most certified), and help requests at every step: waiting
    for triage, matched with sessions and messages, stepped up, closed with feedback. The `siswa`
    account talks with the `sebaya` account."""
    from sebaya.support import services
    from sebaya.support.models import TIME_SLOTS, HelpRequest, SupporterProfile, Topic

    if HelpRequest.objects.filter(organization=school).exists():
        return
    counselors = list(
        User.objects.filter(username__in=["konselor1", "konselor2", "konselor3"]).order_by("username")
    )
    coordinator = User.objects.get(username="koordinator")
    topics = [t.value for t in Topic if t != Topic.OTHER]
    profiles = []
    for n, membership in enumerate(supporters):
        profiles.append(
            services.supporter_profile_save(
                membership=membership,
                by=coordinator,
                certified=n < 16,  # the last four are still in training
                status=SupporterProfile.Status.ACTIVE if n < 16 else SupporterProfile.Status.TRAINEE,
                capacity=3,
                supervisor=counselors[n % 3],
                availability=sorted(rng.sample(TIME_SLOTS[:15], 6)),
                topics=sorted(rng.sample(topics, 3)),
            )
        )
    requests = []
    for index, topic, words, check, safety in DEMO_REQUESTS:
        person = students[index].person if index is not None else None
        help_request, _code, _pin = services.help_request_submit(
            organization=school,
            person=person,
            topic=topic,
            details=words,
            check_answers=check,
            safety_answer=safety,
            by=None,
        )
        requests.append(help_request)
    counselor = counselors[0]
    # siswa (students[0]) with sebaya (supporters[0]): two sessions and a conversation.
    first = services.relationship_start(help_request=requests[0], supporter_id=profiles[0].pk, by=counselor)
    sebaya_user = User.objects.get(username="sebaya")
    siswa_user = User.objects.get(username="siswa")
    for sender, from_supporter, body in [
        (sebaya_user, True, "Hai, aku dari tim konselor sebaya. Mau cerita soal ujiannya?"),
        (siswa_user, False, "Iya kak, aku panik tiap lihat soal matematika."),
        (sebaya_user, True, "Wajar kok panik. Kita bikin jadwal belajar kecil-kecilan yuk?"),
        (siswa_user, False, "Boleh kak, makasih ya."),
    ]:
        services.message_send(relationship=first, body=body, from_supporter=from_supporter, sender=sender)
    today = datetime.date.today()
    for days_ago, before, after, note in [
        (6, 2, 3, "Cerita soal cemas menjelang ujian; latihan napas bersama."),
        (2, 3, 4, "Sudah mulai pakai jadwal belajar; tidur lebih baik."),
    ]:
        services.peer_session_log(
            relationship=first,
            by=sebaya_user,
            date=today - datetime.timedelta(days=days_ago),
            mode="in_person",
            duration_minutes=30,
            topics=["academic"],
            mood_before=before,
            mood_after=after,
            note=note,
            concern=False,
        )
    # Two more matched; one of them stepped up to a counselor.
    second = services.relationship_start(help_request=requests[1], supporter_id=profiles[4].pk, by=counselor)
    services.relationship_start(help_request=requests[2], supporter_id=profiles[7].pk, by=counselor)
    services.step_up(
        relationship=second,
        by=counselors[1],  # its supervising counselor (demo peer supporters have no accounts)
        note="Masalahnya ternyata sudah berbulan-bulan dan dia sering tidak masuk sekolah; butuh guru BK.",
    )
    # One closed with feedback.
    closed = services.relationship_start(help_request=requests[6], supporter_id=profiles[9].pk, by=counselor)
    services.relationship_close(
        relationship=closed, by=counselor, closing_note="Sudah lebih tenang; tahu ke mana mencari bantuan."
    )
    services.feedback_give(relationship=closed, rating=5, comment="Kakaknya sabar banget dengerin aku.")


def _demo_cases(school):
    """The case book: a case from the peer supporter's step-up with sessions and a confidential
    note, one from a severe screening result, and a closed one."""
    from sebaya.counseling import services
    from sebaya.counseling.models import Case
    from sebaya.screening.models import Administration
    from sebaya.support.models import HelpRequest

    if Case.objects.filter(organization=school).exists():
        return
    konselor1, konselor2 = (User.objects.get(username=name) for name in ("konselor1", "konselor2"))
    today = datetime.date.today()
    stepped = HelpRequest.objects.filter(organization=school, source="step_up").first()
    if stepped is not None:
        case = services.case_from_help_request(
            help_request=stepped,
            by=konselor2,
            summary="Sering tidak masuk; konflik dengan sahabat",
            domain="sosial",
        )
        services.case_update(
            case=case,
            version=case.version,
            by=konselor2,
            plan_goals="Kembali masuk sekolah rutin; punya satu teman dekat di kelas.",
            plan_interventions="Konseling individu mingguan; mediasi dengan sahabatnya bila ia mau.",
            review_date=today + datetime.timedelta(days=14),
        )
        for days_ago, discussed, note in [
            (
                5,
                "Cerita soal pertengkaran dan rasa malu masuk kelas.",
                "Ia menyebut tidur larut karena memikirkan komentar di grup.",
            ),
            (
                1,
                "Membahas langkah kecil untuk kembali ke kelas.",
                "Mulai terbuka; belum siap bertemu sahabatnya.",
            ),
        ]:
            services.session_record(
                case=case,
                by=konselor2,
                date=today - datetime.timedelta(days=days_ago),
                service_type="konseling_individu",
                duration_minutes=40,
                discussed=discussed,
                analysis="Menghindar karena cemas sosial, bukan karena malas.",
                plan="Datang ke ruang BK sebelum jam pertama.",
                seriousness="sedang",
                confidential_note=note,
            )
        partner = services.partner_save(
            organization=school,
            by=konselor2,
            users=[User.objects.get(username="psikolog")],
            name="Biro Psikologi Laras Pertiwi",
            kind="psychologist",
            contact_person="Dr. Laras Pertiwi, M.Psi., Psikolog",
            phone="022-555-0177",
            area="Kota Bandung",
            hours="Senin–Sabtu 09.00–17.00",
            cost="Gratis untuk rujukan sekolah",
            languages="Indonesia, Sunda",
            shared_with_network=True,
        )
        services.partner_save(
            organization=school,
            by=konselor2,
            name="Puskesmas Harapan",
            kind="puskesmas",
            phone="022-555-0199",
            area="Kecamatan Harapan",
            hours="24 jam (IGD)",
            cost="BPJS",
        )
        referral = services.referral_create(
            case=case,
            partner=partner,
            by=konselor2,
            reason="Kecemasan sosial yang membuatnya tidak masuk sekolah; perlu asesmen psikolog.",
            shared=["identity", "summary", "screening"],
            consent="guardian",
            consent_relationship="parent",
            consent_by_name="Ibu kandung",
            consent_method="signed_form",
        )
        services.referral_update(
            referral=referral, by=User.objects.get(username="psikolog"), status="accepted"
        )
        services.referral_update(
            referral=referral,
            by=User.objects.get(username="psikolog"),
            feedback="Jadwal asesmen: Sabtu pekan ini pukul 10.00.",
        )
        services.visit_save(
            case=case,
            by=konselor2,
            status="done",
            planned_on=today - datetime.timedelta(days=3),
            done_on=today - datetime.timedelta(days=3),
            purpose="Mengenal keadaan rumah dan membicarakan kehadiran.",
            visitors="Pak Andri (guru BK), wali kelas",
            met_with="Ibu kandung",
            findings="Ibu mendukung; anak jarang keluar kamar sejak pertengkaran dengan sahabatnya.",
            agreements="Ibu mengantar ke sekolah dua minggu ini; guru BK menelepon tiap Jumat.",
        )
        services.conference_save(
            case=case,
            by=konselor2,
            status="held",
            date=today - datetime.timedelta(days=2),
            place="Ruang BK",
            agenda="Kehadiran dan dukungan di kelas",
            minutes=(
                "Wali kelas: 6 hari tidak hadir bulan ini. Ibu: mau mengantar. Guru BK: rujuk ke psikolog."
            ),
            decisions="Rujukan ke psikolog; teman sebangku yang dipercaya; laporan kehadiran mingguan.",
            participants=[
                {"name": "Andri Firmansyah, S.Pd.", "role": "counselor", "attended": True},
                {"name": "Wali kelas", "role": "homeroom", "attended": True},
                {"name": "Ibu kandung", "role": "parent", "attended": True},
            ],
            actions=[
                {
                    "what": "Laporan kehadiran mingguan",
                    "who": "Wali kelas",
                    "due_on": today + datetime.timedelta(days=5),
                },
            ],
        )
        services.follow_up_add(
            case=case,
            by=konselor2,
            what="Telepon ibunya soal kehadiran",
            due_on=today + datetime.timedelta(days=2),
        )
    severe = Administration.objects.filter(organization=school, follow_up_reason="severe").first()
    if severe is not None:
        services.case_from_screening(
            administration=severe,
            by=konselor1,
            summary="Hasil skrining berat: perlu asesmen",
            domain="pribadi",
        )
    first = HelpRequest.objects.filter(
        organization=school, source="form", person__isnull=False, status="new"
    ).first()
    if first is not None:
        closed = services.case_from_help_request(
            help_request=first, by=konselor1, summary="Orang tua sering bertengkar", domain="pribadi"
        )
        services.session_record(
            case=closed,
            by=konselor1,
            date=today - datetime.timedelta(days=3),
            discussed="Cara menenangkan diri saat suasana rumah tegang.",
            seriousness="ringan",
        )
        services.case_close(
            case=closed,
            by=konselor1,
            summary="Sudah punya rencana aman di rumah dan tahu kapan kembali.",
            outcome="improved",
        )


def _demo_training(school, supporters):
    """The default curriculum, certificates for the sixteen certified supporters, and the four
    trainees at different stages (none, two, five and every module passed)."""
    from sebaya.programs import services
    from sebaya.programs.models import Certification, Module

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
    from django.utils import timezone

    from sebaya.programs import recruitment, supervision
    from sebaya.programs.models import Application, Module, RecruitmentRound
    from sebaya.support.models import SupporterProfile

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
            scorer=scorer,
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
            supervisor=counselors[0],
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
            supervisor=sebaya.supervisor or counselors[0],
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
