"""A school with a full letterhead and a case with one of each official document, built through
the real services: shared by the PDF tests (test_documents.py) and the browser test that opens
the documents as a counselor would (tests/browser/test_documents.py)."""

import datetime
import io

from PIL import Image

from conftest import make_person
from sebaya.counseling import services
from sebaya.counseling.models import JournalEntry
from sebaya.organizations.models import Letterhead
from sebaya.people.models import Membership
from sebaya.safety.services import alert_acknowledge, alert_raise

DAY = datetime.date(2026, 12, 7)
SCHOOL = "SMA Negeri 1 Harapan"
PRINCIPAL = "Drs. Budi Santoso, M.Pd."
PRINCIPAL_NIP = "196805121994031004"
COUNSELOR = "Sri Wahyuni, S.Pd."
COUNSELOR_NIP = "198703142010012007"
PARTNER = "Biro Psikologi Harapan"


def logo_png() -> bytes:
    image = Image.new("RGB", (200, 200), "white")
    for x in range(200):
        for y in range(200):
            if (x - 100) ** 2 + (y - 100) ** 2 < 90**2:
                image.putpixel((x, y), (20, 80, 150) if y < 110 else (230, 180, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def school_case(org, users):
    """Make `org` an official school (kop, principal, the counselor's name and NIP) and open a case
    for a student with a guardian; returns the case."""
    org.name, org.region = SCHOOL, "Kota Bandung"
    org.save()
    Letterhead.objects.create(
        organization=org,
        logo=logo_png(),
        logo_type="image/png",
        upper_lines="PEMERINTAH PROVINSI JAWA BARAT\nDINAS PENDIDIKAN",
        name=SCHOOL,
        address="Jl. Merdeka No. 1, Bandung 40111",
        phone="(022) 4201234",
        email="info@sman1harapan.sch.id",
        website="sman1harapan.sch.id",
        city="Bandung",
        principal_name=PRINCIPAL,
        principal_nip=PRINCIPAL_NIP,
    )
    counselor = users["counselor"]
    counselor.person.full_name = COUNSELOR
    counselor.person.save()
    Membership.objects.filter(person=counselor.person, organization=org).update(nip=COUNSELOR_NIP)
    membership, _user = make_person(
        org,
        "NIS-2207",
        full_name="Aulia Pratama",
        class_name="XI IPS 2",
        birth_date=datetime.date(2009, 3, 2),
        guardian_name="Ibu Ratna Pratama",
    )
    return services.case_open(
        organization=org,
        person=membership.person,
        by=counselor,
        summary="Sulit tidur, cemas",
        domain="pribadi",
    )


def referral(case, counselor):
    partner = services.partner_save(
        organization=case.organization, by=counselor, users=[], name=PARTNER, kind="psychologist"
    )
    return services.referral_create(
        case=case,
        partner=partner,
        by=counselor,
        reason="Perlu asesmen psikologis atas kecemasan yang menetap.",
        shared=["identity", "guardian", "summary"],
        consent="guardian",
        consent_by_name="Ibu Ratna Pratama",
        consent_relationship="parent",
        consent_method="signed_form",
    )


def home_visit(case, counselor):
    return services.visit_save(
        case=case,
        by=counselor,
        status="done",
        planned_on=DAY,
        done_on=DAY,
        address="Jl. Cempaka 12, Bandung",
        purpose="Mengenal keadaan belajar di rumah dan membicarakan jam tidur.",
        visitors="Sri Wahyuni, S.Pd. (guru BK); Dedi Kurnia, S.Pd. (wali kelas XI IPS 2)",
        met_with="Ibu Ratna Pratama (ibu kandung)",
        findings="Aulia belajar di ruang tamu yang ramai sampai larut malam.",
        agreements="Orang tua menyiapkan sudut belajar yang tenang; jam belajar berakhir pukul 21.00.",
    )


def case_conference(case, counselor):
    return services.conference_save(
        case=case,
        by=counselor,
        status="held",
        date=DAY,
        place="Ruang BK",
        agenda="Menyepakati dukungan bagi Aulia di sekolah dan di rumah.",
        chair=PRINCIPAL,
        notulis=COUNSELOR,
        minutes="Wali kelas melaporkan Aulia sering mengantuk di kelas pagi.",
        decisions="Aulia dirujuk ke psikolog mitra; wali kelas memantau kehadiran.",
        participants=[
            {"name": PRINCIPAL, "role": "principal", "attended": True},
            {"name": COUNSELOR, "role": "counselor", "attended": True},
            {"name": "Dedi Kurnia, S.Pd.", "role": "homeroom", "attended": True},
            {"name": "Ibu Ratna Pratama", "role": "parent", "attended": True},
        ],
        actions=[{"what": "Membuat surat alih tangan kasus", "who": "Guru BK", "due_on": DAY, "done": False}],
    )


def jurnal_month(case, counselor):
    """December 2026 in the counselor's jurnal: a classroom session for 32 students, a home visit
    and an alert handled."""
    JournalEntry.objects.create(
        organization=case.organization,
        counselor=counselor,
        date=DAY,
        service_type="bimbingan_klasikal",
        domain="karier",
        description="Bimbingan klasikal XI IPS 2: memilih jurusan kuliah",
        people=32,
    )
    services.visit_save(
        case=case, by=counselor, status="done", planned_on=DAY, done_on=DAY, purpose="x", visitors="Guru BK"
    )
    alert = alert_raise(
        organization=case.organization,
        level="concern",
        source="counselor_mark",
        person=case.person,
        raised_by=counselor,
    )
    alert_acknowledge(alert=alert, by=counselor)
