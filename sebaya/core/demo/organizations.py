"""The demo's network and its two organizations (the school and the community organization),
their people, staff accounts and on-call rota; `load_demo` seeds these, then the school's
screening, peer support, case book, training and program, and the BK program cycle."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from sebaya.accounts.models import User
from sebaya.core.demo.counseling import _demo_cases
from sebaya.core.demo.guidance import _demo_guidance
from sebaya.core.demo.people import (
    CLASSES,
    DEMO_PASSWORD,
    FEMALE,
    MALE,
    STUDENTS_PER_CLASS,
    _account,
    _name,
    _person,
)
from sebaya.core.demo.programs import _demo_program, _demo_training
from sebaya.core.demo.psychosocial import _demo_psychosocial
from sebaya.core.demo.screening import _demo_screening
from sebaya.core.demo.support import _demo_peer_support
from sebaya.organizations.models import CrisisContact, Letterhead, Network, Organization
from sebaya.people.models import AgeBand, Gender, MembershipRole, NetworkViewer, Person, Role
from sebaya.safety.models import OnCallSlot


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
        # The kop surat and signatories of the printed letters (no logo: the admin uploads one).
        Letterhead.objects.create(
            organization=school,
            upper_lines="PEMERINTAH PROVINSI JAWA BARAT\nDINAS PENDIDIKAN",
            name="SMA Negeri 1 Harapan",
            address="Jl. Merdeka No. 1, Bandung 40111",
            phone="(022) 555-0100",
            email="info@sman1harapan.sch.id",
            city="Bandung",
            principal_name="Drs. Budi Santoso, M.Pd.",
            principal_nip="196805121994031004",
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
    # The BK program cycle: needs assessment, program, RPLs, activities, campaign. Its own random
    # source, so the names made after it stay the same as before it existed.
    _demo_guidance(school, students, seniors[::9][:20], random.Random(20261206))
    accounts.append(
        {"username": "sebaya2", "role": Role.PEER_SUPPORTER, "organization": school.name, "totp": False}
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

    # The community's counselor (a psychologist): a refer-at-once flag from the field reaches her.
    community_counselor = _person(
        organization=community,
        identifier="KPS-K01",
        full_name="Dewi Anggraini, M.Psi.",
        preferred="Bu Dewi",
        gender=Gender.FEMALE,
        roles=[Role.COUNSELOR],
        age_band=AgeBand.AGE_25_PLUS,
    )
    _account(community_counselor, "konselor.komunitas", totp=True)
    accounts.append(
        {
            "username": "konselor.komunitas",
            "role": Role.COUNSELOR,
            "organization": community.name,
            "totp": True,
        }
    )
    # The flood response the community leads and the school joins.
    _demo_psychosocial(community, school)

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
