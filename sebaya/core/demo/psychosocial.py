"""The demo's psychosocial response (issue 16): a flash flood in two villages of Cisurupan, led by
the community organization and joined by the school; families registered at two shelters, a
child found without her parents, PFA contacts (one with a refer-at-once flag, whose alert waits
for the community's counselor), needs at every stage, follow-ups done, due and overdue, and the
SRQ-20 given at day 30 with one person above the cut-off.

Everything goes through the services the pages use. The flood is dated from today (32 days ago),
so the day-7 follow-ups are past, the day-30 ones fall due from yesterday to tomorrow and the
day-90 ones are ahead, whenever the demo is loaded: registrations and their follow-ups are moved
back in time after the services wrote them, as `guidance.py` does for a round already closed.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.db.models import F
from django.utils import timezone, translation

from sebaya.accounts.models import User
from sebaya.psychosocial.models import AffectedPerson, FollowUp, Incident, NeedStatus
from sebaya.psychosocial.services import contacts, followups, incidents, needs, response
from sebaya.psychosocial.services.registration import affected_register

FLOOD_DAYS_AGO = 32
VILLAGES = ("Sukawargi", "Pangauban")
SHELTERS = {"Sukawargi": "Posko Masjid Al-Falah", "Pangauban": "Posko SD Pangauban 2"}

# (family, village, [(name, sex, age, relation, vulnerabilities, exposures)]), registered in order
# by the field worker on the days after the flood (the day is the family's index // 2 + 1).
FAMILIES = [
    (
        "Keluarga Pak Asep",
        "Sukawargi",
        [
            ("Asep Saepudin", "male", 44, "head", [], ["home_destroyed", "lost_livelihood"]),
            ("Euis Kurniasih", "female", 39, "spouse", [], ["home_destroyed"]),
            ("Rizky Saepudin", "male", 16, "child", [], ["home_destroyed", "witnessed_death"]),
        ],
    ),
    (
        "Keluarga Bu Nining",
        "Sukawargi",
        [
            ("Nining Suryani", "female", 52, "head", ["chronic_illness"], ["lost_family", "home_destroyed"]),
            ("Dadang Hermawan", "male", 23, "child", [], ["lost_family", "injured"]),
        ],
    ),
    (
        "Keluarga Mak Icih",
        "Pangauban",
        [("Icih Sukaesih", "female", 74, "head", ["older_alone"], ["home_damaged", "displaced"])],
    ),
    (
        "Keluarga Pak Ujang",
        "Pangauban",
        [
            ("Ujang Rohmat", "male", 37, "head", [], ["family_missing", "home_destroyed"]),
            ("Siti Aisyah", "female", 33, "spouse", ["pregnant"], ["family_missing", "home_destroyed"]),
            ("Nadia Rohmat", "female", 9, "child", ["separated_child"], ["family_missing", "displaced"]),
        ],
    ),
    (
        "Keluarga Pak Endang",
        "Pangauban",
        [
            ("Endang Supriatna", "male", 48, "head", ["disability"], ["home_damaged", "lost_livelihood"]),
            ("Yanti Rahmawati", "female", 45, "spouse", [], ["home_damaged"]),
        ],
    ),
]

# SRQ-20 answers at day 30 (20 items, 1 = yes): one person still well above the cut-off of 6
# (without item 17, the demo's one alert is the PFA referral), the others below it.
SRQ_HIGH = [1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1]
SRQ_LOW = [1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]


def _demo_psychosocial(community, school) -> None:
    """Seed the flood response once (the incident is the marker)."""
    if Incident.objects.filter(organization=community).exists():
        return
    with translation.override("id"):
        _seed(community, school)


def _seed(community, school) -> None:
    zone = zoneinfo.ZoneInfo(community.timezone)
    now = timezone.now()
    today = now.astimezone(zone).date()
    started = today - datetime.timedelta(days=FLOOD_DAYS_AGO)
    lead = User.objects.get(username="admin.komunitas")
    worker = User.objects.get(username="relawan")
    incident = incidents.incident_create(
        organization=community,
        by=lead,
        kind="flood",
        title="Banjir Bandang Cisurupan",
        started_on=started,
        province="Jawa Barat",
        district="Kabupaten Garut",
        subdistrict="Cisurupan",
        villages="\n".join(VILLAGES),
        description=(
            "Hujan deras semalam membuat Sungai Cimanuk meluap. Banjir bandang merusak rumah di dua "
            "desa; warga mengungsi ke masjid dan sekolah. Dua orang meninggal, satu masih dicari."
        ),
        exposures=[
            "lost_family",
            "family_missing",
            "injured",
            "home_destroyed",
            "home_damaged",
            "displaced",
            "witnessed_death",
            "lost_livelihood",
        ],
    )
    # The school joins: its counselors help at the shelter in the school building.
    member = response.response_invite(incident=incident, organization=school, by=lead)
    response.response_answer(member=member, answer="joined", by=User.objects.get(username="koordinator"))

    people = {}
    for index, (family, village, members) in enumerate(FAMILIES):
        registered_on = started + datetime.timedelta(days=index // 2 + 1)
        household = None
        for name, sex, age, relation, vulnerabilities, exposures in members:
            affected, _made = affected_register(
                incident=incident,
                organization=community,
                by=worker,
                client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"sebaya-demo/flood/{name}"),
                full_name=name,
                gender=sex,
                age_years=age,
                village=village,
                site=SHELTERS[village],
                household=household,
                new_household="" if household else family,
                relation=relation,
                vulnerabilities=vulnerabilities,
                exposures=exposures,
                consent="guardian" if age < 18 else "self",
                guardian_name="Siti Aisyah" if name == "Nadia Rohmat" else "",
            )
            household = affected.household
            _move_back(affected, registered_on, zone)
            people[name] = affected
    # At the other shelter's desk, Bu Euis is registered again with her name spelled another way:
    # the review list of likely duplicates shows the pair.
    again, _made = affected_register(
        incident=incident,
        organization=community,
        by=worker,
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, "sebaya-demo/flood/Eis Kurniasih"),
        full_name="Eis Kurniasih",
        gender="female",
        age_years=40,
        village="Sukawargi",
        site=SHELTERS["Pangauban"],
        exposures=["home_destroyed"],
        consent="self",
    )
    _move_back(again, started + datetime.timedelta(days=3), zone)
    # The school's counselor registers a teacher's family sheltering at the school.
    konselor = User.objects.get(username="konselor1")
    teacher, _made = affected_register(
        incident=incident,
        organization=school,
        by=konselor,
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, "sebaya-demo/flood/Hendra Gunawan"),
        full_name="Hendra Gunawan",
        gender="male",
        age_years=41,
        village="Sukawargi",
        site="Posko SMA",
        new_household="Keluarga Pak Hendra",
        relation="head",
        exposures=["home_damaged"],
        consent="self",
    )
    _move_back(teacher, started + datetime.timedelta(days=2), zone)

    def at(days_after: int, hour: int) -> datetime.datetime:
        day = started + datetime.timedelta(days=days_after)
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)

    # PFA contacts in the first days: look, listen, link; needs found are written with the worker.
    contacts.contact_record(
        affected=people["Asep Saepudin"],
        by=worker,
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, "sebaya-demo/pfa/asep"),
        minutes=20,
        happened_at=at(1, 10),
        place=SHELTERS["Sukawargi"],
        look=["urgent_needs"],
        concerns=["shelter", "money"],
        words="Ingin tahu kapan bisa kembali melihat rumah",
        linked=["shelter"],
        needs=["shelter", "livelihood"],
    )
    contacts.contact_record(
        affected=people["Nining Suryani"],
        by=worker,
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, "sebaya-demo/pfa/nining"),
        minutes=35,
        happened_at=at(1, 14),
        place=SHELTERS["Sukawargi"],
        look=["serious_distress"],
        concerns=["grief", "health", "sleep"],
        words="Minta obat darah tinggi yang hanyut",
        linked=["health"],
        needs=["health"],
    )
    contacts.contact_record(
        affected=people["Nadia Rohmat"],
        by=worker,
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, "sebaya-demo/pfa/nadia"),
        minutes=25,
        happened_at=at(3, 9),
        place=SHELTERS["Pangauban"],
        look=["child_alone"],
        concerns=["family"],
        linked=["family_tracing"],
    )
    # A refer-at-once flag, recent: the alert waits for the community's counselor.
    contacts.contact_record(
        affected=people["Dadang Hermawan"],
        by=worker,
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, "sebaya-demo/pfa/dadang"),
        minutes=40,
        happened_at=now - datetime.timedelta(hours=2),
        place=SHELTERS["Sukawargi"],
        look=["serious_distress"],
        refer_now=["harm_self"],
        concerns=["grief", "sleep"],
        words="Bilang tidak ingin hidup lagi sejak adiknya hanyut",
        linked=["counselor"],
    )

    # Needs at every stage: the child's family found, the medicine brought, the rest open.
    for need in people["Nadia Rohmat"].needs.all():
        needs.need_update(
            need=need,
            by=worker,
            version=need.version,
            status=NeedStatus.MET,
            owner=worker,
            due_on=need.due_on,
            outcome="Bertemu kembali dengan ibunya di Posko SD Pangauban 2; dilaporkan ke P2TP2A.",
        )
    for need in people["Nining Suryani"].needs.all():
        needs.need_update(
            need=need,
            by=worker,
            version=need.version,
            status=NeedStatus.REFERRED,
            owner=worker,
            due_on=need.due_on,
            outcome="Diantar ke puskesmas Cisurupan; obat diberikan.",
        )
    needs.need_add(
        organization=community,
        by=worker,
        kind="food_water",
        household=people["Icih Sukaesih"].household,
        detail="Makanan lunak dan air minum untuk lansia",
        urgent=True,
        due_on=today,
    )

    # Follow-ups: day 7 done for most (two never reached), day 30 with the SRQ-20 for some.
    for name, affected in people.items():
        day7 = affected.follow_ups.get(day=7)
        if name in {"Endang Supriatna", "Yanti Rahmawati"}:
            continue  # overdue: the family moved to relatives, the phone is off
        followups.follow_up_record(follow_up=day7, by=worker, outcome="done", version=day7.version)
    for name, answers in (
        ("Asep Saepudin", SRQ_LOW),
        ("Nining Suryani", SRQ_HIGH),
        ("Ujang Rohmat", SRQ_LOW),
    ):
        day30 = people[name].follow_ups.get(day=30)
        followups.follow_up_record(
            follow_up=day30, by=worker, outcome="done", version=day30.version, srq20_answers=answers
        )


def _move_back(affected: AffectedPerson, day: datetime.date, zone) -> None:
    """The registration as made on `day` (at 10:00 there), its follow-ups due from that day."""
    registered_at = datetime.datetime.combine(day, datetime.time(10), tzinfo=zone)
    shift = affected.registered_at.astimezone(zone).date() - day
    AffectedPerson.objects.filter(pk=affected.pk).update(registered_at=registered_at)
    FollowUp.objects.filter(affected=affected).update(due_on=F("due_on") - shift)
    affected.registered_at = registered_at
