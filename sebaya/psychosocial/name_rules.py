"""The tables behind sebaya.psychosocial.names: spellings, name variants, titles, degrees.

Each row says why it is there. Everything is compared in folded form (names.fold), so a table can
list a title or variant in any common spelling.
"""

import re

# Spelling folds, applied to each word in this order and repeated until nothing changes (so folding
# a folded word changes nothing). Each rule maps a spelling onto the one it is a variant of.
SPELLING_RULES: tuple[tuple[str, str], ...] = (
    # A final y is an i: Rizky/Rizki, Dedy/Dedi, Dessy/Dessi (before sy below: Dessy is not Des).
    (r"y$", "i"),
    # Ejaan lama (van Ophuijsen, till 1947): oe is u. Soekarno/Sukarno, Oetomo/Utomo, Noer/Nur.
    (r"oe", "u"),
    # Ejaan lama (till 1972): dj is j. Djoko/Joko, Fadjar/Fajar.
    (r"dj", "j"),
    # Ejaan lama: tj is c. Tjahjo/Cahyo, Tjipto/Cipto.
    (r"tj", "c"),
    # Ejaan lama: sj is sy. Sjahrir/Syahrir (and sy folds on below).
    (r"sj", "sy"),
    # Ejaan lama: nj is ny. Njoman/Nyoman.
    (r"nj", "ny"),
    # Dutch-era ch for the Arabic kh. Achmad/Akhmad, Rachmat/Rakhmat.
    (r"ch", "kh"),
    # The Arabic kh is written h as often as kh. Akhmad/Ahmad, Khairul/Hairul, Khadijah/Hadijah.
    (r"kh", "h"),
    # Arabic dh written with or without the h. Ramadhan/Ramadan, Ridho/Rido.
    (r"dh", "d"),
    # Fathur/Fatur, Thomas/Tomas.
    (r"th", "t"),
    # Shinta/Sinta.
    (r"sh", "s"),
    # Syamsul/Samsul, Syaiful/Saiful, Asyifa/Asifa.
    (r"sy", "s"),
    # Dzikri/Zikri, Ustadz/Ustaz.
    (r"dz", "z"),
    # Stephanie/Stefani.
    (r"ph", "f"),
    # Taufiq/Taufik, Rizqi/Rizki, Iqbal/Ikbal.
    (r"q", "k"),
    # v and f are one sound in Indonesian: Novi/Nofi, Evi/Efi, Vina/Fina.
    (r"v", "f"),
    # A final h after a vowel is often dropped: Fatimah/Fatima, Aminah/Amina, Saleh/Sale.
    (r"(?<=[aeiou])h$", ""),
    # Doubled letters are one: Elly/Eli, Muhammad/Muhamad, Dessi/Desi, Abdurrahman/Abdurahman.
    (r"(.)\1+", r"\1"),
)
# The j of the old spelling is today's y (Jusuf/Yusuf, Tjahjo/Cahyo), but today's j is a different
# letter (Joko, Juni and Yuni are different names). So j becomes y only in a name that shows another
# mark of the old spelling (oe, dj, tj, sj or nj in any of its words), and in the few names in
# ``VARIANTS`` that were written with j and no other mark (Jusuf, Jakub, Jahja, Junus, Jasin).
OLD_SPELLING_MARKS = ("oe", "dj", "tj", "sj", "nj")
OLD_J = re.compile(r"(?<![dt])j")

# Whole words that are one name, folded to the first spelling of each row.
VARIANTS: tuple[tuple[str, ...], ...] = (
    # Muhammad in all its spellings and abbreviations (M. alone: see INITIAL_VARIANTS).
    tuple(
        "muhammad muhamad mohammad mohamad mohammed muhammed mochammad mochamad muchammad mukhammad mohamed"
        " muhamed mochamat muhamat moch moh mohd muh mhd md".split()
    ),
    # Nur and its spellings; Nurul (Arabic "light of the") is the same element.
    ("nur", "noor", "nour", "nuur", "noer", "nurul", "nor"),
    ("abdul", "abd", "abdoel"),
    ("siti", "sitti"),
    ("ahmad", "ahmat", "achmat"),
    # Old spellings without another mark of the old spelling (see OLD_J), and Sundanese p for f.
    ("yusuf", "jusuf", "yusup", "joesoef"),
    ("yakub", "jakub", "yaqub"),
    ("yahya", "jahja", "yahja"),
    ("yunus", "junus"),
    ("yasin", "jasin"),
)
# A single letter or short form that stands for a name only as the first word: M. Rizki is Muhammad
# Rizki, St. Aminah is Siti Aminah (ST after a name is a degree, see DEGREES).
INITIAL_VARIANTS = {"m": "muhammad", "st": "siti"}

# Titles and forms of address before a name; removed while a word of the name follows them.
PREFIX_TITLES: tuple[str, ...] = (
    # Academic and professional: doktor (medical dr. too), doktorandus/-a, insinyur, professor, dentist.
    "dr", "drs", "dra", "ir", "prof", "drg",
    # Religious: haji, hajjah, kyai haji, kyai, ustadz/ustazah (teacher of religion), habib is a name.
    "h", "hj", "kh", "kyai", "kiai", "ustadz", "ustad", "ustaz", "ust", "ustadzah", "ustazah",
    # Address by age and respect: Bapak/Pak, Ibu/Bu, Mas, Mbak, Adik/Dik, Kakak/Kak (Javanese,
    # Indonesian), Teh/Teteh and Aa (Sundanese), Bang/Abang, Mbah (grandparent), Nenek/Kakek.
    "bapak", "bpk", "pak", "ibu", "bu", "mas", "mbak", "mba", "adik", "adek", "dik", "dek", "kakak", "kak",
    "teh", "teteh", "aa", "bang", "abang", "mbah", "nenek", "nek", "kakek", "kek",
    # Formal address: Saudara/i, Tuan, Nyonya, Nona.
    "saudara", "saudari", "sdr", "sdri", "tuan", "tn", "nyonya", "ny", "nona", "nn",
    # Javanese nobility: Raden, Raden Roro, Raden Mas.
    "raden", "rr", "rm",
    # Balinese I (male) and Ni (female) before the name; often left out when writing fast.
    "i", "ni",
    # Almarhum/almarhumah (the late): a household head who died in the disaster.
    "alm", "almh", "almarhum", "almarhumah",
)  # fmt: skip
# Degrees after a name ("Siti Aminah, S.Pd., M.Pd."), compared without dots and spaces.
DEGREES: frozenset[str] = frozenset(
    (
        "spd spdi spdsd mpd mpdi skom mkom spsi mpsi psikolog psi ssos msi msc skm skep ners mkes sag mag"
        " shi sthi sip sik ssi ssn amd amdkeb amdkep amk skg sked spa spkj spog mba phd bsc spt apt ssy"
        " se me mm sh mh st mt ns lc ma ba"
    ).split()
)
# Degrees of one or two letters are also words of names (Ma, Se, St), so they go only when written
# with a dot ("S.E.") or after a comma.
SHORT_DEGREE = 2
# "Ahmad bin Abdullah", "Siti binti Yusuf": what follows names the father.
PATRONYMIC_MARKS = frozenset({"bin", "binti", "bt", "bte", "bint"})
# Words that mark a name as not known ("tidak diketahui", "tanpa nama", "NN", "Mr. X"): such a record
# never matches on its name.
UNKNOWN_WORDS = frozenset(
    {"unknown", "anonim", "anonymous", "diketahui", "dikenal", "nama", "name", "tidak", "tdk", "tanpa", "nn"}
)
UNKNOWN_NAMES = frozenset({"", "x", "mr x", "nn"})
# Very common elements of names weigh less: sharing "Siti" or "Muhammad" says little.
FILLERS = frozenset(
    "muhammad siti nur sri abdul ahmad dewi putri putra ayu eka dwi tri made putu kadek komang nyoman ketut"
    " wayan gede luh gusti".split()
)
FILLER_WEIGHT = 0.3

# Words before a village's name that are not the name.
PLACE_WORDS = frozenset(
    "desa ds kelurahan kel dusun dsn kampung kampong kp gampong nagari jorong banjar lingkungan rt rw".split()
)
SEXES = {
    "m": "m", "male": "m", "l": "m", "lk": "m", "laki": "m", "lakilaki": "m", "pria": "m",
    "f": "f", "female": "f", "p": "f", "pr": "f", "w": "f", "wanita": "f", "perempuan": "f",
}  # fmt: skip
