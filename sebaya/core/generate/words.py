"""The words of generated records: names (the demo's), places, and short neutral Indonesian
sentences. Never crisis content: the generated messages and notes must not trip the risk
detector nor read as real disclosures."""

from __future__ import annotations

from sebaya.core.demo.people import FAMILY, FEMALE, MALE

__all__ = ["FAMILY", "FEMALE", "MALE"]

# (province, time zone, districts): one province per network.
PROVINCES = [
    (
        "Jawa Barat",
        "Asia/Jakarta",
        [
            "Kota Bandung",
            "Kabupaten Bandung",
            "Kabupaten Garut",
            "Kota Bogor",
            "Kabupaten Cianjur",
            "Kota Tasikmalaya",
            "Kabupaten Sumedang",
            "Kota Cirebon",
            "Kabupaten Karawang",
            "Kota Depok",
        ],
    ),
    (
        "Sulawesi Selatan",
        "Asia/Makassar",
        ["Kota Makassar", "Kabupaten Gowa", "Kabupaten Bone", "Kota Parepare", "Kabupaten Maros"],
    ),
    ("Papua", "Asia/Jayapura", ["Kota Jayapura", "Kabupaten Jayapura", "Kabupaten Merauke"]),
]

SCHOOL_KINDS = ["SMA Negeri", "SMA Negeri", "SMK Negeri", "SMA Swasta", "MA Negeri"]
COMMUNITY_NAMES = ["Komunitas Peduli", "Karang Taruna", "Rumah Singgah", "Forum Anak", "Komunitas Sahabat"]

REQUEST_WORDS = {
    "academic": [
        "Aku cemas soal ujian minggu depan.",
        "Nilai matematikaku turun, aku bingung mulai dari mana.",
    ],
    "family": ["Di rumah lagi sering ribut, aku capek.", "Aku jarang ngobrol sama orang tuaku."],
    "relationships": ["Lagi renggang sama sahabatku.", "Aku merasa nggak punya teman dekat di kelas."],
    "bullying": ["Ada yang sering ngejek aku di grup kelas.", "Aku sering diledek soal penampilanku."],
    "anxiety": ["Aku gampang deg-degan kalau presentasi.", "Sering kepikiran banyak hal sebelum tidur."],
    "low_mood": ["Akhir-akhir ini aku kurang semangat.", "Rasanya lelah terus, pengen cerita."],
    "grief": ["Nenekku meninggal bulan lalu, aku masih sedih.", "Aku kangen kucingku yang hilang."],
    "adjustment": [
        "Aku murid pindahan, belum kenal banyak orang.",
        "Masih menyesuaikan diri dengan jadwal baru.",
    ],
    "other": ["Ada yang mau aku ceritakan.", "Aku ingin ngobrol dengan seseorang."],
}

SUPPORTER_LINES = [
    "Hai, aku dari tim konselor sebaya. Mau cerita?",
    "Makasih sudah mau cerita, aku dengerin kok.",
    "Gimana kabarmu hari ini?",
    "Kita coba bikin rencana kecil, yuk.",
    "Wajar kok merasa begitu.",
    "Besok mau ketemu di perpustakaan jam istirahat?",
    "Semangat ya, pelan-pelan saja.",
    "Kalau mau, kita latihan napas bareng lagi.",
    "Sudah coba jadwal belajar yang kemarin?",
    "Aku senang kamu mau cerita lagi.",
]

PERSON_LINES = [
    "Iya kak, makasih.",
    "Hari ini lumayan, kak.",
    "Boleh kak, jam istirahat ya.",
    "Aku sudah coba jadwalnya, agak membantu.",
    "Masih agak bingung, tapi lebih tenang.",
    "Oke kak, sampai besok.",
    "Tadi aku ngobrol sama wali kelas.",
    "Kemarin aku bisa tidur lebih awal.",
    "Makasih sudah dengerin.",
    "Aku coba dulu ya kak.",
]

SESSION_NOTES = [
    "Cerita soal tugas sekolah; membuat jadwal kecil.",
    "Latihan napas bersama; suasana hati membaik.",
    "Membahas cara bicara dengan teman.",
    "Mengobrol santai; dia sudah lebih tenang.",
    "Merencanakan kegiatan akhir pekan yang menyenangkan.",
]

CASE_SUMMARIES = {
    "pribadi": ["Sulit mengatur emosi", "Kurang percaya diri", "Sering merasa lelah dan murung"],
    "sosial": ["Konflik dengan teman sekelas", "Sulit bergaul di kelas baru", "Diejek di media sosial"],
    "belajar": ["Nilai menurun semester ini", "Sering terlambat dan tidak fokus", "Cemas menghadapi ujian"],
    "karier": ["Bingung memilih jurusan kuliah", "Ragu antara kerja atau kuliah", "Mencari minat dan bakat"],
}

SESSION_DISCUSSED = [
    "Membahas apa yang terjadi pekan ini dan perasaannya.",
    "Menyusun langkah kecil untuk pekan depan.",
    "Meninjau rencana dan kemajuan sejak pertemuan lalu.",
    "Latihan mengenali dan menenangkan perasaan.",
    "Membahas hubungan dengan teman dan keluarga.",
]

FOLLOW_UPS = [
    "Telepon orang tua soal kehadiran",
    "Tanyakan kabar setelah ujian",
    "Koordinasi dengan wali kelas",
    "Cek jadwal konseling berikutnya",
    "Tanyakan hasil pertemuan dengan psikolog",
]

PARTNERS = [
    ("Puskesmas {district}", "puskesmas"),
    ("Biro Psikologi Harapan {district}", "psychologist"),
    ("RSUD {district}", "hospital"),
    ("UPTD PPA {district}", "uptd_ppa"),
]

CLOSING_SUMMARIES = {
    "resolved": "Masalahnya sudah selesai; tahu ke mana mencari bantuan.",
    "improved": "Sudah lebih tenang dan punya rencana.",
    "unchanged": "Belum ada perubahan; disepakati untuk dipantau wali kelas.",
    "referred": "Dilanjutkan oleh mitra rujukan.",
    "discontinued": "Ia memilih berhenti untuk sementara.",
}
