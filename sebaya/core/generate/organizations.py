"""Networks, organizations and their people: members with grades and classes, peer supporters
(roster entry, certificate, account), counselors, a coordinator and an admin (accounts with the
demo's two-step secret), the on-call rota, and one network viewer per network."""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import make_password

from sebaya.accounts.models import User
from sebaya.core.demo.people import DEMO_TOTP_SECRET
from sebaya.core.generate import words
from sebaya.core.generate.plan import Clock, Options, OrgPlan, new_id
from sebaya.core.generate.writer import Writer
from sebaya.organizations.models import CrisisContact, Network, Organization
from sebaya.people.models import AgeBand, Gender, Membership, MembershipRole, NetworkViewer, Person, Role
from sebaya.programs.models import Certification
from sebaya.safety.models import OnCallSlot
from sebaya.support.models import TIME_SLOTS, SupporterProfile, Topic

GENERATED_PASSWORD = "sebaya-generated"
GRADES = {"10": "X", "11": "XI", "12": "XII"}
TOPICS = [t.value for t in Topic if t != Topic.OTHER]


@dataclass
class Member:
    person_id: object
    membership_id: object
    gender: str
    grade: str
    class_name: str
    minor: bool
    baseline: float  # how heavy things are for them at the start (0–1)
    rate: float  # monthly change of that: most improve slightly, some worsen
    user_id: int | None = None


@dataclass
class Supporter:
    profile_id: object
    member: Member
    user_id: int
    supervisor_id: int
    matchable: bool


@dataclass
class Org:
    """An organization being built: its ids, clock, people and accounts."""

    plan: OrgPlan
    id: object
    slug: str
    name: str
    district: str
    clock: Clock
    rng: random.Random
    members: list[Member] = field(default_factory=list)
    supporters: list[Supporter] = field(default_factory=list)
    counselor_ids: list[int] = field(default_factory=list)
    coordinator_id: int = 0
    admin_id: int = 0
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (username, role)
    # Risk and severe results a counselor reached out about: (administration id, member, when).
    outreach: list[tuple] = field(default_factory=list)

    @property
    def school(self) -> bool:
        return self.plan.kind == "school"

    def level(self, member: Member, moment: datetime.datetime) -> float:
        """How heavy things are for the member at that moment (0–1), with some day-to-day noise."""
        months = (moment.date() - self.clock.first).days / 30.4
        level = member.baseline * math.exp(member.rate * months) + self.rng.gauss(0, 0.03)
        return min(0.95, max(0.01, level))


class Accounts:
    """Sign-in accounts, with ids given here (every generated row refers to them): one shared
    password hash, and the demo's two-step secret for the roles that must use it."""

    def __init__(self, writer: Writer, joined: datetime.date):
        self.writer = writer
        self.next_id = (User.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        self.password = make_password(GENERATED_PASSWORD, salt="sebayagenerated")
        self.totp = {"secret": get_mfa_adapter().encrypt(DEMO_TOTP_SECRET)}
        # When the accounts (and the networks) were made: before the history starts.
        self.joined = datetime.datetime.combine(joined, datetime.time(), datetime.UTC)

    def add(self, *, username: str, person_id, mfa: bool = False) -> int:
        user_id = self.next_id
        self.next_id += 1
        self.writer.add(
            User,
            id=user_id,
            password=self.password,
            last_login=None,
            is_superuser=False,
            username=username,
            first_name="",
            last_name="",
            email=f"{username}@generated.invalid" if mfa else "",
            is_staff=False,
            is_active=True,
            date_joined=self.joined,
            person_id=person_id,
            language="",
        )
        if mfa:
            self.writer.add(
                Authenticator,
                user_id=user_id,
                type=Authenticator.Type.TOTP,
                data=self.totp,
                created_at=self.joined,
                last_used_at=None,
            )
        return user_id


def build_networks(options: Options, writer: Writer, accounts: Accounts, rng: random.Random) -> list[dict]:
    networks = []
    for n in range(options.networks):
        province, tz, districts = words.PROVINCES[n % len(words.PROVINCES)]
        network_id = new_id(rng)
        created = accounts.joined
        writer.add(
            Network,
            id=network_id,
            slug=f"gen-network-{n + 1}",
            name=f"Dinas Pendidikan Provinsi {province} (generated {n + 1})",
            created_at=created,
        )
        person_id = new_id(rng)
        writer.add(
            Person,
            id=person_id,
            full_name=f"Pengamat Dinas {n + 1}",
            preferred_name="",
            gender=Gender.UNSTATED,
            age_band=AgeBand.AGE_25_PLUS,
            created_at=created,
            updated_at=created,
        )
        username = f"gen-dinas-{n + 1}"
        accounts.add(username=username, person_id=person_id)
        writer.add(NetworkViewer, person_id=person_id, network_id=network_id, created_at=created)
        networks.append(
            {"id": network_id, "province": province, "tz": tz, "districts": districts, "viewer": username}
        )
    return networks


def build_organization(
    options: Options, plan: OrgPlan, network: dict, writer: Writer, accounts: Accounts
) -> Org:
    rng = random.Random(f"sebaya-generate:{options.seed}:org:{plan.number}")
    clock = Clock(today=options.today, months=options.months, tz=network["tz"])
    district = rng.choice(network["districts"])
    if plan.kind == "school":
        name = f"{rng.choice(words.SCHOOL_KINDS)} {plan.number} {district.split(' ', 1)[1]}"
    else:
        name = f"{rng.choice(words.COMMUNITY_NAMES)} {district.split(' ', 1)[1]} {plan.number}"
    org = Org(
        plan=plan,
        id=new_id(rng),
        slug=f"gen-{plan.number}",
        name=name,
        district=district,
        clock=clock,
        rng=rng,
    )
    joined = datetime.datetime.combine(
        clock.first - datetime.timedelta(days=30), datetime.time(7), clock.zone
    )
    writer.add(
        Organization,
        id=org.id,
        slug=org.slug,
        kind=Organization.Kind.SCHOOL if org.school else Organization.Kind.COMMUNITY,
        name=name,
        region=f"{district}, {network['province']}",
        timezone=network["tz"],
        network_id=network["id"],
        alert_ack_minutes=15,
        auto_assign_peers=False,
        created_at=joined,
    )
    writer.add(
        CrisisContact,
        organization_id=org.id,
        name=f"Ruang BK {name}" if org.school else f"Posko {name}",
        phone=f"0{rng.randrange(21, 99)}-555-{rng.randrange(1000, 9999)}",
        description="Guru BK piket" if org.school else "Pendamping piket",
        available_hours="Senin–Jumat 07.00–15.00",
        position=1,
    )
    _members(org, writer, joined, today=options.today)
    _staff(org, writer, accounts, joined)
    _supporters(org, writer, accounts, joined)
    _rota(org, writer)
    return org


def _person(org: Org, writer: Writer, joined, *, gender, **person) -> tuple[object, object]:
    rng = org.rng
    first = rng.choice(words.FEMALE if gender == Gender.FEMALE else words.MALE)
    person_id, membership_id = new_id(rng), new_id(rng)
    writer.add(
        Person,
        id=person_id,
        full_name=person.pop("full_name", None) or f"{first} {rng.choice(words.FAMILY)}",
        preferred_name=person.pop("preferred_name", first),
        gender=gender,
        birth_date=person.pop("birth_date", None),
        age_band=person.pop("age_band", ""),
        languages=person.pop("languages", ["id"]),
        guardian_name=person.pop("guardian_name", ""),
        guardian_phone=person.pop("guardian_phone", ""),
        created_at=joined,
        updated_at=joined,
    )
    writer.add(
        Membership,
        id=membership_id,
        person_id=person_id,
        organization_id=org.id,
        created_at=joined,
        is_active=True,
        **person,
    )
    return person_id, membership_id


def _age_band(age: int) -> str:
    return AgeBand.AGE_13_15 if age <= 15 else AgeBand.AGE_16_17 if age <= 17 else AgeBand.AGE_18_24


def _members(org: Org, writer: Writer, joined, *, today: datetime.date) -> None:
    rng, n = org.rng, org.plan.members
    grades = list(GRADES) if org.school else [""]
    per_grade = dict(zip(grades, _split(n, len(grades)), strict=True))
    number = 0
    for grade, count in per_grade.items():
        classes = max(1, math.ceil(count / 36))
        for i in range(count):
            number += 1
            roll = rng.random()
            gender = Gender.FEMALE if roll < 0.52 else Gender.MALE if roll < 0.99 else Gender.UNSTATED
            extra: dict = {}
            if org.school:
                birth = datetime.date(today.year - 6 - int(grade), 1, 1) + datetime.timedelta(
                    days=rng.randrange(365)
                )
                age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
                class_name = f"{GRADES[grade]}-{i % classes + 1}"
                family = rng.choice(words.FAMILY)
                extra = {
                    "birth_date": birth,
                    "age_band": _age_band(age),
                    "guardian_name": f"{rng.choice(words.MALE + words.FEMALE)} {family}",
                    "guardian_phone": f"08{rng.randrange(10**9, 10**10)}",
                    "external_id": f"{today.year}{number:05d}",
                    "grade": grade,
                    "class_name": class_name,
                }
                minor = age < 18
            else:
                class_name = ""
                extra = {
                    "age_band": AgeBand.AGE_18_24 if rng.random() < 0.4 else AgeBand.AGE_25_PLUS,
                    "external_id": f"ANG-{number:05d}",
                }
                minor = False
            person_id, membership_id = _person(org, writer, joined, gender=gender, **extra)
            writer.add(MembershipRole, membership_id=membership_id, role=Role.MEMBER, granted_at=joined)
            # Most start light; a few carry a lot. Most get slightly better over the months, some worse.
            baseline = rng.choices([0.08, 0.2, 0.34, 0.5, 0.66], weights=[55, 25, 12, 6, 2])[0]
            trend = rng.random()
            rate = (
                rng.uniform(-0.04, -0.01)
                if trend < 0.65
                else rng.uniform(-0.005, 0.005)
                if trend < 0.85
                else rng.uniform(0.01, 0.04)
            )
            org.members.append(
                Member(
                    person_id,
                    membership_id,
                    gender,
                    grade,
                    class_name,
                    minor,
                    baseline * rng.uniform(0.8, 1.2),
                    rate,
                )
            )


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _staff(org: Org, writer: Writer, accounts: Accounts, joined) -> None:
    rng = org.rng
    staff = [(Role.COUNSELOR, f"konselor{k + 1}") for k in range(org.plan.counselors)]
    staff += [(Role.COORDINATOR, "koordinator"), (Role.ORG_ADMIN, "admin")]
    for k, (role, name) in enumerate(staff):
        gender = Gender.FEMALE if rng.random() < 0.6 else Gender.MALE
        person_id, membership_id = _person(
            org,
            writer,
            joined,
            gender=gender,
            age_band=AgeBand.AGE_25_PLUS,
            external_id=f"G-{k + 1:03d}",
            unit="Bimbingan dan Konseling" if org.school else "Pendampingan",
        )
        writer.add(MembershipRole, membership_id=membership_id, role=role, granted_at=joined)
        username = f"{org.slug}-{name}"
        user_id = accounts.add(username=username, person_id=person_id, mfa=True)
        org.accounts.append((username, role))
        if role == Role.COUNSELOR:
            org.counselor_ids.append(user_id)
        elif role == Role.COORDINATOR:
            org.coordinator_id = user_id
        else:
            org.admin_id = user_id


def _supporters(org: Org, writer: Writer, accounts: Accounts, joined) -> None:
    """About 3% of members (grades 11 and 12 in a school) on the peer supporter roster."""
    rng = org.rng
    pool = [m for m in org.members if m.grade in {"11", "12"}] or org.members
    if len(pool) < org.plan.supporters:
        pool = org.members
    chosen = rng.sample(pool, org.plan.supporters)
    certified_at = joined + datetime.timedelta(days=20)
    for k, member in enumerate(chosen):
        roll = rng.random()
        status, certified = (
            ("active", True)
            if roll < 0.8 or k == 0
            else ("trainee", False)
            if roll < 0.9
            else ("paused", True)
            if roll < 0.97
            else ("retired", True)
        )
        writer.add(
            MembershipRole, membership_id=member.membership_id, role=Role.PEER_SUPPORTER, granted_at=joined
        )
        username = f"{org.slug}-sebaya{k + 1}"
        user_id = accounts.add(username=username, person_id=member.person_id)
        member.user_id = user_id
        if k == 0:
            org.accounts.append((username, Role.PEER_SUPPORTER))
        supervisor = org.counselor_ids[k % len(org.counselor_ids)]
        profile_id = new_id(rng)
        writer.add(
            SupporterProfile,
            id=profile_id,
            organization_id=org.id,
            membership_id=member.membership_id,
            status=status,
            certified=certified,
            certified_at=certified_at if certified else None,
            certified_by_id=org.coordinator_id if certified else None,
            capacity=3,
            buddy_capacity=5,
            availability=sorted(rng.sample(TIME_SLOTS[:15], 6)),
            topics=sorted(rng.sample(TOPICS, 3)),
            languages=["id"],
            supervisor_id=supervisor,
            supervision_missed=False,
            pause_note="Fokus ujian dulu" if status == "paused" else "",
            updated_at=certified_at,
        )
        if certified:
            writer.add(
                Certification,
                id=new_id(rng),
                organization_id=org.id,
                person_id=member.person_id,
                number=f"SEBAYA/{certified_at.year}/{k + 1:04d}",
                issued_at=certified_at,
                # Renewed yearly; the latest certificate runs a year from the history's end, so the
                # worker finds nothing to remind about or expire.
                expires_on=org.clock.last + datetime.timedelta(days=365),
                issued_by_id=org.coordinator_id,
                expired_at=None,
                reminded_at=None,
            )
        org.supporters.append(
            Supporter(profile_id, member, user_id, supervisor, status == "active" and certified)
        )
    if org.members and org.school:
        # One member account per school, for the member pages.
        member = next((m for m in org.members if m.user_id is None), None)
        if member is not None:
            username = f"{org.slug}-siswa"
            member.user_id = accounts.add(username=username, person_id=member.person_id)
            org.accounts.append((username, Role.MEMBER))


def _rota(org: Org, writer: Writer) -> None:
    counselors = org.counselor_ids
    for weekday in range(7):
        index = weekday % len(counselors) if weekday < 5 else len(counselors) - 1
        backup = counselors[(index + 1) % len(counselors)] if len(counselors) > 1 else org.coordinator_id
        writer.add(
            OnCallSlot,
            organization_id=org.id,
            weekday=weekday,
            primary_id=counselors[index],
            backup_id=backup,
        )


def member_user(org: Org, member: Member, accounts: Accounts) -> int:
    """The member's account, made when first needed (a member writing in a thread signs in)."""
    if member.user_id is None:
        member.user_id = accounts.add(
            username=f"{org.slug}-m-{member.membership_id.hex[:12]}", person_id=member.person_id
        )
    return member.user_id
