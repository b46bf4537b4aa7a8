"""A school with its letterhead, a named coordinator, and PHQ-9 results in last school year's odd
semester (always one of the periods offered): shared by the report's tests (test_report_pdf.py)
and the browser test that prints it (tests/browser/test_evaluation_report.py)."""

import datetime

from django.utils import timezone

from conftest import make_person
from sebaya.counseling.tests.documents_data import logo_png
from sebaya.evaluation import period as periods
from sebaya.evaluation.period import Period
from sebaya.evaluation.tests.measures import measure
from sebaya.organizations.models import Letterhead
from sebaya.people.models import Membership

SCHOOL = "SMA Negeri 1 Harapan"
PRINCIPAL = "Drs. Budi Santoso, M.Pd."
PRINCIPAL_NIP = "196805121994031004"
COORDINATOR = "Dra. Rina Kartika"
COORDINATOR_NIP = "197501022000122003"
NARRATIVE = (
    "Semester ini tiga konselor sebaya baru mulai bertugas, sehingga permintaan bantuan lebih cepat "
    "ditanggapi.\n\nKendala utama: jadwal supervisi bentrok dengan ulangan harian.\n"
    "Supervisi dipindah ke Jumat siang."
)
NARRATIVE_PARAGRAPHS = (
    "Semester ini tiga konselor sebaya baru mulai bertugas",
    "Kendala utama: jadwal supervisi bentrok dengan ulangan harian.",
    "Supervisi dipindah ke Jumat siang.",
)


def last_years_odd_semester() -> Period:
    return Period(periods.current(timezone.localdate()).year - 1, "1")


def school(org, users):
    """The letterhead with the principal, and the coordinator's name and NIP."""
    org.name, org.region = SCHOOL, "Kota Bandung"
    org.save()
    Letterhead.objects.create(
        organization=org,
        logo=logo_png(),
        logo_type="image/png",
        upper_lines="PEMERINTAH PROVINSI JAWA BARAT\nDINAS PENDIDIKAN",
        name=SCHOOL,
        address="Jl. Merdeka No. 1, Bandung 40111",
        city="Bandung",
        principal_name=PRINCIPAL,
        principal_nip=PRINCIPAL_NIP,
    )
    coordinator = users["coordinator"]
    coordinator.person.full_name = COORDINATOR
    coordinator.person.save()
    Membership.objects.filter(person=coordinator.person, organization=org).update(nip=COORDINATOR_NIP)


def measured(org, period: Period):
    """30 pupils measured in the period: 14 from 15 to 7 (reliable improvement and recovery), 6 from
    12 to 10 (no reliable change: a small group, hidden with the 10 measured once)."""
    first, later = period.start + datetime.timedelta(days=33), period.start + datetime.timedelta(days=120)
    pupils = [
        make_person(org, f"r{n}", grade="10", class_name="10-1", gender="female" if n % 2 else "male")[
            0
        ].person
        for n in range(30)
    ]
    for person in pupils[:14]:
        measure(org, person, total=15, day=first)
        measure(org, person, total=7, day=later)
    for person in pupils[14:20]:
        measure(org, person, total=12, day=first)
        measure(org, person, total=10, day=later)
    for person in pupils[20:30]:
        measure(org, person, total=9, day=first)
    return pupils
