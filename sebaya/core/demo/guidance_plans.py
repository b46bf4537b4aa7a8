"""The words of the demo's three service plans (RPL) for classroom guidance: `guidance.py` writes
them through `program_plans.plan_save`. Indonesian content, as a counselor would write it."""

from __future__ import annotations

from sebaya.guidance.services import program_plans

PLAN_TITLES = {
    "stress": "Stres itu wajar: mengenali dan menenangkan diri",
    "bullying": "Berani peduli: mencegah perundungan di kelas",
    "needs": "Memilih peminatan yang tepat",
}


def plan_texts() -> dict[str, dict[str, str]]:
    """Goals, method, materials, steps (opening, core, closing) and evaluation of each RPL."""
    return {
        "stress": {
            "goals": (
                "Peserta didik mengenali tanda-tanda stres pada dirinya, memahami dari mana stres "
                "datang, dan mempraktikkan dua cara menenangkan diri (napas 4-7-8 dan menulis "
                "jurnal singkat)."
            ),
            "method": "Diskusi kelompok kecil, latihan pernapasan, refleksi tertulis.",
            "materials": 'Salindia "Stres itu wajar", lembar kerja "Peta stresku", kartu napas.',
            "steps": program_plans.steps_join(
                opening="Salam, doa, dan cek perasaan dengan skala cuaca (cerah sampai badai).",
                core=(
                    "1. Cerita singkat tentang minggu ujian seorang siswa.\n"
                    "2. Kelompok kecil menuliskan pemicu stres di sekolah dan di rumah.\n"
                    "3. Latihan napas 4-7-8 bersama, lalu menulis jurnal tiga kalimat.\n"
                    "4. Membahas kapan perlu bercerita ke guru BK atau konselor sebaya."
                ),
                closing="Refleksi: satu cara yang akan dicoba minggu ini. Informasi ruang BK.",
            ),
            "evaluation": (
                "Proses: keaktifan dalam diskusi dan latihan. Hasil: lembar refleksi, dan survei "
                "pengetahuan sebelum dan sesudah kampanye Pekan Sehat Jiwa."
            ),
        },
        "bullying": {
            "goals": (
                "Peserta didik dapat membedakan candaan dan perundungan, tahu yang bisa dilakukan "
                "ketika melihat teman dirundung, dan tahu ke mana melapor."
            ),
            "method": "Studi kasus, bermain peran, diskusi kelas.",
            "materials": 'Video pendek, kartu kasus, poster "Berani Peduli".',
            "steps": program_plans.steps_join(
                opening="Kesepakatan kelas: saling menghargai dan menjaga cerita teman.",
                core=(
                    "1. Kartu kasus: candaan atau perundungan?\n"
                    "2. Bermain peran menjadi teman yang membela (upstander).\n"
                    "3. Membahas cara melapor ke wali kelas dan guru BK."
                ),
                closing="Janji kelas ditulis bersama dan ditempel di papan kelas.",
            ),
            "evaluation": "Proses: partisipasi dalam bermain peran. Hasil: janji kelas dan angket singkat.",
        },
        "needs": {
            "goals": (
                "Peserta didik memahami pilihan peminatan dan mata pelajaran pilihan, serta mulai "
                "mencocokkannya dengan minat, bakat, dan cita-citanya."
            ),
            "method": "Ceramah singkat, tanya jawab, pengisian lembar rencana.",
            "materials": 'Tabel mata pelajaran pilihan, lembar "Rencana studiku".',
            "steps": program_plans.steps_join(
                opening="Apersepsi: apa cita-citamu lima tahun lagi?",
                core=(
                    "1. Penjelasan mata pelajaran pilihan di kelas 11.\n"
                    "2. Mencocokkan minat dengan pilihan.\n"
                    "3. Mengisi lembar rencana studi untuk dibicarakan dengan orang tua."
                ),
                closing="Jadwal konsultasi individu bagi yang masih bingung.",
            ),
            "evaluation": "Proses: pertanyaan peserta. Hasil: lembar rencana studi terisi.",
        },
    }
