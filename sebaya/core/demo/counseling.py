"""The demo's case book: cases with sessions, measures, follow-ups, a referral, a visit and a
conference, and the counselors' journal."""

from __future__ import annotations

import datetime

from sebaya.accounts.models import User
from sebaya.counseling import services
from sebaya.counseling.models import Case
from sebaya.screening.models import Administration
from sebaya.support.models import HelpRequest


def _demo_cases(school):
    """The case book: a case from the peer supporter's step-up with sessions and a confidential
    note, one from a severe screening result, and a closed one."""
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
    severe = Administration.objects.filter(organization=school, outreach_reason="severe").first()
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
