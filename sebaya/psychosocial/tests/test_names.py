"""Names and likely duplicates of people registered after a disaster: pure functions, no database.

The worked examples (SAME, DIFFERENT) are the ones the thresholds in names.py were chosen on. BLIND
was written after the thresholds were fixed and never used to change them; its misses are listed
in BLIND_MISSES so the figure in the report stays true (a test fails if a miss starts passing too).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sebaya.psychosocial.names import (
    PREFIX_TITLES,
    candidates,
    is_unknown,
    likely_same,
    name_key,
    normalize,
    similarity,
)
from sebaya.psychosocial.word_distance import jaro_winkler, levenshtein_ratio


def person(name, sex=None, born=None, village="Sukamaju", head=None, age=None):
    return {
        "name": name,
        "sex": sex,
        "birth_year": born,
        "age": age,
        "village": village,
        "household_head": head,
    }


# Pairs that are one person written two ways (same birth year or age, same village unless noted).
SAME = [
    (person("Muhammad Rizki", "L", 2012), person("M. Rizky", "L", 2012)),
    (person("Moh. Ali Imron", "L", 1979), person("Mohammad Ali Imron", "L", 1979)),
    (person("Soekarni", "P", 1958), person("Sukarni", "P", 1959)),
    (person("Djoko Susilo", "L", 1975), person("Joko Susilo", "L", 1975)),
    (person("Tjahjo Wibowo", "L", 1968), person("Cahyo Wibowo", "L", 1968)),
    (person("Jusuf Hamdani", "L", 1981), person("Yusuf Hamdani", "L", 1981)),
    (person("Achmad Fauzi", "L", 1990), person("Ahmad Fauzi", "L", 1990)),
    (person("Elly Susanti", "P", 1985), person("Eli Susanti", "P", 1986)),
    (person("Siti Fatimah", "P", 1970), person("Siti Fatima", "P", 1970)),
    (person("Nurhayati", "P", 1988), person("Nur Hayati", "P", 1988)),
    (person("Siti Aminah", "P", 1964), person("Aminah", "P", 1964)),
    (person("Muhammad Rizki Pratama", "L", 2009), person("Rizki Pratama", "L", 2009)),
    (person("Hj. Siti Khadijah", "P", 1955), person("Siti Hadijah", "P", 1955)),
    (person("Ramadhan Saputra", "L", 2001), person("Ramadan Saputra", "L", 2001)),
    (person("Dr. Bambang Hartono, M.Pd.", "L", 1966), person("Bambang Hartono", "L", 1966)),
    (person("Ibu Sri Wahyuni", "P", age=45), person("Sri Wahyuni", "P", age=44)),
    (person("Rizky Ramadhani", "L", 2004), person("Rizki Ramadani", "L", 2004)),
    (person("Dewi Lestari", "P", 1992), person("Dewi Lestary", "P", 1992)),
    (person("Agus Setiawan", "L", 1983), person("Agus Setiawam", "L", 1983)),
    (person("Putri Ayu Lestari", "P", 2010), person("Putri Lestari", "P", 2010)),
    (person("Nurul Hidayah", "P", 1999), person("Nur Hidayah", "P", 1999)),
    (person("Syamsul Bahri", "L", 1972), person("Samsul Bahri", "L", 1972)),
    (person("Taufiq Hidayat", "L", 1987), person("Taufik Hidayat", "L", 1987)),
    (person("Novi Andriani", "P", 1995), person("Nofi Andriani", "P", 1995)),
    (person("I Made Sudarma", "L", 1977, "Tegallalang"), person("Made Sudarma", "L", 1977, "Tegallalang")),
    (person("Abdurrahman", "L", 1960), person("Abdul Rahman", "L", 1960)),
    (person("Ustadz Hasan Basri", "L", 1969), person("Hasan Basri", "L", 1969)),
    (person("Fadjar Nugroho", "L", 1980), person("Fajar Nugroho", "L", 1980)),
    (person("Sukarni", "P", age=60), person("Sukarni", "P", age=62)),
    (person("Yohanes Pasaribu", "L", 1974, "Balige"), person("Johanes Pasaribu", "L", 1974, "Balige")),
    (person("Bapak Slamet", "L", age=58), person("Slamet", "L", age=57)),
    (person("Nenek Kartini", "P", age=70), person("Kartini", "P", age=75)),
    (person("Siti Nur Aisyah", "P", 2011), person("Siti Nuraisyah", "P", 2011)),
    (person("Ahmad bin Yusuf", "L", 2008, head="Yusuf"), person("Ahmad", "L", 2008, head="Yusuf")),
    (person("Wahyu Hidayat, S.Kom.", "L", 1993), person("Wahyu Hidayat", "L", 1993)),
    (person("Soeparman", "L", 1950), person("Suparman", "L", 1951)),
    (person("Rachmawati", "P", 1978), person("Rahmawati", "P", 1978)),
    (person("Eka Saputra", "L", 2006, head="Darsono"), person("Eka Saputra", "P", 2006, head="Darsono")),
    (
        person("Anak perempuan, nama tidak diketahui", "P", age=7, head="Budi Hartono"),
        person("Ani", "P", age=7, head="Budi Hartono"),
    ),
    (person("Rizki", "L", 2012, head="Sutrisno"), person("Rizki Pratama", "L", 2012, head="Sutrisno")),
    (person("Sri Wahyuni", "P", 1980, "Desa Sukamaju"), person("Sri Wahyuni", "P", 1980, "Sukamaju")),
    (person("Siti Aminah", "P", 1964, None), person("Siti Aminah", "P", 1964, "Sukamaju")),
]

# Pairs that are two people.
DIFFERENT = [
    # Siblings in one household, a few years apart.
    (person("Ahmad Fauzi", "L", 2010, head="Karim"), person("Ahmad Fauzan", "L", 2013, head="Karim")),
    (person("Rina Marlina", "P", 2005, head="Ujang"), person("Rini Marlina", "P", 2008, head="Ujang")),
    # Twins: same household, birth year, sex.
    (person("Hasan", "L", 2015, head="Abdullah"), person("Husain", "L", 2015, head="Abdullah")),
    (person("Eka Putra", "L", 2012, head="Darmo"), person("Eka Putri", "P", 2012, head="Darmo")),
    # A common first element and a different second name.
    (person("Siti Aminah", "P", 1990), person("Siti Aisyah", "P", 1990)),
    (person("Muhammad Rizki", "L", 2012), person("Muhammad Fajar", "L", 2012)),
    (person("Sri Wahyuni", "P", 1980), person("Sri Rahayu", "P", 1980)),
    (person("Dewi Lestari", "P", 1992), person("Dewi Sartika", "P", 1992)),
    (person("Muhammad Iqbal", "L", 2000), person("Muhammad Ikhsan", "L", 2000)),
    (person("I Made Sudarma", "L", 1977, "Tegallalang"), person("I Made Suarta", "L", 1977, "Tegallalang")),
    (person("Rizki Pratama", "L", 2011), person("Rizki Ramadhan", "L", 2011)),
    (person("Putri Ayu", "P", 2009), person("Ayu Lestari", "P", 2009)),
    (person("Siti Nurhaliza", "P", 1995), person("Siti Nurjanah", "P", 1995)),
    (person("Dian Pratiwi", "P", 1998), person("Dian Permata", "P", 1998)),
    # The same name elsewhere or at another age.
    (person("Budi Santoso", "L", 1980, "Sukamaju"), person("Budi Santoso", "L", 1980, "Cibodas")),
    (person("Agus Salim", "L", 1980), person("Agus Salim", "L", 1990)),
    # A common name with nothing else to go on.
    (person("Budi Santoso", None, None, None), person("Budi Santoso", None, None, None)),
    # Male and female forms of one name.
    (person("Nur Hidayat", "L", 1985), person("Nur Hidayati", "P", 1985)),
    (person("Wahyu", "L", 1990), person("Wahyuni", "P", 1990)),
    # Two people called Ahmad, sons of different fathers.
    (person("Ahmad bin Yusuf", "L", 2008), person("Ahmad bin Hasan", "L", 2008)),
    # One-letter-apart names of two households.
    (person("Sumarni", "P", age=60, head="Karto"), person("Sukarni", "P", age=60, head="Wiryo")),
    # Two people whose names are not known.
    (person("Tidak diketahui", "L", age=30), person("tidak diketahui", "L", age=30)),
    (person("NN", "P", age=8, head="Budi"), person("Tanpa nama", "P", age=8, head="Slamet")),
]


# Written after the thresholds were fixed (commit e4f1c6e) and not used to change anything since.
BLIND_SAME = [
    (person("Mochamad Syaiful Anwar", "L", 1984), person("Moh. Saiful Anwar", "L", 1984)),
    (person("Hj. Nur'aini", "P", 1962), person("Nuraini", "P", 1962)),
    (person("Yulianti", "P", age=34), person("Yuliyanti", "P", age=35)),
    (
        person("Ni Luh Putu Ayu Suartini", "P", 1990, "Tegallalang"),
        person("Luh Putu Suartini", "P", 1990, "Tegallalang"),
    ),
    (person("Abdul Gofur", "L", 1970), person("Abdul Ghofur", "L", 1971)),
    (person("Oetari Dewi", "P", 1988), person("Utari Dewi", "P", 1988)),
    (person("Chairul Tanjung", "L", 1975), person("Khairul Tanjung", "L", 1975)),
    (person("Wiwik Sulistyowati", "P", 1979), person("Wiwik Sulistiowati", "P", 1979)),
    (
        person("Pitri Handayani", "P", 1996, "Desa Sidomulyo"),
        person("Fitri Handayani", "P", 1996, "Sidomulyo"),
    ),
    (person("Muhamad Ilham", "L", age=9, head="Samsudin"), person("Ilham", "L", age=9, head="Syamsudin")),
    (person("Dewi Anggraini", "P", 1994), person("Dewi Anggraeni", "P", 1994)),
]
BLIND_DIFFERENT = [
    (person("Agus Susanto", "L", 1982), person("Agus Suyanto", "L", 1982)),
    (person("Ahmad Sholeh", "L", 1960), person("Ahmad Solihin", "L", 1960)),
    (
        person("Muhammad Fikri", "L", 2014, head="Hasanudin"),
        person("Muhammad Fahri", "L", 2016, head="Hasanudin"),
    ),
    (person("Siti Aminah", "P", 1965), person("Siti Aminah", "P", 1995)),
    (person("Sutarno", "L", age=55, head="Sutarno"), person("Suparno", "L", age=54, head="Suparno")),
    (person("Yuni Lestari", "P", 2000), person("Yuli Lestari", "P", 2000)),
    (person("Bayu Pratama", "L", 2007), person("Bayu Prasetyo", "L", 2007)),
    (person("Rahmat Hidayat", "L", 1985, "Cibodas"), person("Rahmat Hidayat", "L", 1985, "Cikole")),
    (person("Ketut Sudana", "L", 1970), person("Ketut Suardana", "L", 1970)),
    (person("Anak laki-laki tidak dikenal", "L", age=5), person("Rafi", "L", age=5)),
    (person("Putu Eka Wijaya", "L", 1992), person("Putu Eka Wirawan", "L", 1992)),
]
# Blind result: 11 of 11 same found, 8 of 11 different kept apart. The three misses are two people
# whose distinguishing names are one letter apart (Susanto/Suyanto, Sutarno/Suparno, Yuni/Yuli): the
# name cannot tell them from a typo, so they are shown as likely duplicates for a person to decide.
BLIND_MISSES = {"Agus Susanto / Agus Suyanto", "Sutarno / Suparno", "Yuni Lestari / Yuli Lestari"}


def label(pair):
    return f"{pair[0]['name']} / {pair[1]['name']}"


@pytest.mark.parametrize("pair", SAME, ids=label)
def test_one_person_written_two_ways_is_a_likely_duplicate(pair):
    a, b = pair
    assert likely_same(a, b) is not None
    assert likely_same(b, a) == likely_same(a, b)


@pytest.mark.parametrize("pair", DIFFERENT, ids=label)
def test_two_people_are_not(pair):
    a, b = pair
    assert likely_same(a, b) is None
    assert likely_same(b, a) is None


def test_worked_examples_are_as_many_as_the_report_says():
    assert (len(SAME), len(DIFFERENT)) == (42, 23)
    assert (len(BLIND_SAME), len(BLIND_DIFFERENT)) == (11, 11)


@pytest.mark.parametrize(
    ("pair", "same"), [(pair, True) for pair in BLIND_SAME] + [(pair, False) for pair in BLIND_DIFFERENT]
)
def test_blind_examples_hit_or_miss_as_reported(pair, same):
    found = likely_same(*pair) is not None
    if label(pair) in BLIND_MISSES:
        assert found != same, "a reported miss now passes: update BLIND_MISSES and the figure"
    else:
        assert found == same


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("Dr. H. Moch. Rachmat, S.Pd.", "muhamad rahmat"),
        ("  SITI   aminah ", "siti amina"),
        ("Siti Aminah, S.Pd., M.Pd.", "siti amina"),
        ("Siti Aminah S. Pd.", "siti amina"),
        ("Prof. Dr. Ir. Bambang Hartono", "bambang hartono"),
        ("K. H. Abdurrahman Wahid", "abdurahman wahid"),
        ("Drs. Sutrisno, M.Si.", "sutrisno"),
        ("Dra. Endang, Psikolog", "endang"),
        ("Ustazah Rahma", "rahma"),
        ("Teh Euis", "euis"),
        ("Aa Dadang", "dadang"),
        ("Mbak Yuni", "yuni"),
        ("Dik Rafi", "rafi"),
        ("Kak Nisa", "nisa"),
        ("Soekarno", "sukarno"),
        ("Djoko Santoso", "joko santoso"),
        ("Tjahjo Kumolo", "cahyo kumolo"),
        ("Sjahrir", "sahrir"),
        ("Njoman Suwarta", "nyoman suwarta"),
        ("Jusuf Kalla", "yusuf kala"),
        ("Joko Widodo", "joko widodo"),
        ("Juni Astuti", "juni astuti"),
        ("Achmad Fauzi", "ahmad fauzi"),
        ("Akhmad Fauzi", "ahmad fauzi"),
        ("Elly", "eli"),
        ("Ramadhan", "ramadan"),
        ("Fatimah", "fatima"),
        ("Noor Hayati", "nur hayati"),
        ("Nurul Huda", "nur huda"),
        ("Mhd. Iqbal", "muhamad ikbal"),
        ("M Rizky", "muhamad rizki"),
        ("Dessy", "desi"),
        ("José Ramos-Horta", "jose ramos horta"),
        ("Ma'ruf Amin", "maruf amin"),
        ("Ahmad bin Abdullah", "ahmad"),
        ("Siti binti H. Yusuf", "siti"),
        ("Bin", "bin"),
        ("Bu", "bu"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize(written, normalized):
    assert normalize(written) == normalized


def test_a_degree_of_two_letters_goes_only_with_a_dot_or_after_a_comma():
    assert normalize("Rahmat S.E.") == normalize("Rahmat, SE") == "rahmat"
    assert normalize("Lie Ma") == "lie ma"


def test_name_key_ignores_order():
    assert name_key("Aminah Siti") == name_key("Hj. Siti Aminah") == ("amina", "siti")


@pytest.mark.parametrize(
    "name", ["Tidak diketahui", "tdk diketahui", "Tanpa nama", "NN", "Tn. X", "-", "", None]
)
def test_unknown_names(name):
    assert is_unknown(name)
    assert similarity(name, name) == 0.0


@pytest.mark.parametrize("name", ["Nani", "Ani", "Xena"])
def test_names_that_only_look_unknown_are_names(name):
    assert not is_unknown(name)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Siti Aminah", "Aminah Siti"),
        ("Nurhayati", "Nur Hayati"),
        ("Muhammad Rizki Pratama", "Rizki Pratama"),
        ("Siti Nurhayati", "Nur Hayati"),
        ("Agus Budi Santoso", "Agus Santoso"),
        ("Budi Santoso", "Budi Santosa"),
        ("Sukarni", "Soekarni"),
    ],
)
def test_similar_names(a, b):
    assert similarity(a, b) >= 0.85


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Siti Aminah", "Siti Aisyah"),
        ("Muhammad Rizki", "Muhammad Fajar"),
        ("Rizki Pratama", "Rizki Ramadhan"),
        ("Ahmad Fauzi", "Ahmad"),
        ("Dewi Lestari", "Dewi Sartika"),
        ("Yuni", "Joko"),
    ],
)
def test_different_names(a, b):
    assert similarity(a, b) < 0.85


def test_sex_differing_lowers_the_score_a_lot():
    a = person("Eka Saputra", "L", 2006, head="Darsono")
    b = person("Eka Saputra", "P", 2006, head="Darsono")
    match = likely_same(a, b)
    assert match is not None and "sex_differs" in match.reasons
    # Every agreement (1.0 + 3 x 0.05) less 0.3; without the difference the score is capped at 1.
    assert match.score == 0.85
    assert likely_same(a, {**b, "sex": "L"}).score == 1.0
    assert likely_same({**a, "household_head": None}, {**b, "household_head": None}) is None


def test_an_age_is_compared_with_a_birth_year_given_the_year():
    a, b = person("Sri Wahyuni", "P", 1980), person("Sri Wahyuni", "P", age=44)
    assert likely_same(a, b, year=2025) is not None
    assert likely_same(a, b, year=2035) is None


def test_reasons_say_why():
    match = likely_same(
        person("M. Rizky", "L", 2012), person("Muhammad Rizki", "laki-laki", 2012, "Desa Sukamaju")
    )
    assert match.reasons == ["name", "birth_year", "village", "sex"]
    assert match.score == 1.0


def test_candidates_ranks_the_best_first_and_keeps_to_the_limit():
    new = person("Moh. Rizky Pratama", "L", 2009)
    existing = [
        {"id": 1, **person("Muhammad Rizki Pratama", "L", 2010)},
        {"id": 2, **person("Rizki Pratama", "L", 2009)},
        {"id": 3, **person("Rizki Ramadhan", "L", 2009)},
        {"id": 4, **person("Muhammad Rizki Pratama", "L", 2009)},
        {"id": 5, **person("Muhammad Rizki Pratama", "L", 2009, "Cibodas")},
    ]
    found = candidates(new, existing)
    assert [candidate.id for candidate in found] == [4, 2, 1]
    assert found[0].match.score >= found[-1].match.score
    assert [candidate.id for candidate in candidates(new, existing, limit=1)] == [4]
    assert candidates({"id": 4, **new}, existing[3:4]) == []


def test_word_distances_give_the_textbook_values():
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.961, abs=0.001)
    assert jaro_winkler("dixon", "dicksonx") == pytest.approx(0.813, abs=0.001)
    assert jaro_winkler("abc", "xyz") == 0.0
    assert levenshtein_ratio("kitten", "sitting") == pytest.approx(1 - 3 / 7)
    assert levenshtein_ratio("", "") == 1.0


# Properties

WORDS = st.sampled_from(
    "siti aminah muhammad rizki pratama nur hayati sukarni joko djoko soekarno tjahjo yusuf elly dewi"
    " lestari ahmad achmad fatimah ramadhan nurul agus bin ni ma se anak budi".split()
)
NAMES = st.lists(
    st.one_of(WORDS, st.text("abcdehijkmnorstuy", min_size=1, max_size=8)), min_size=1, max_size=4
).map(" ".join)
TITLES = st.sampled_from([*PREFIX_TITLES, "Dr.", "H.", "Hj.", "K.H.", "Prof. Dr.", "Bapak", "Ustadz"])
DEGREE_SUFFIXES = st.sampled_from([", S.Pd.", ", S.Pd., M.Pd.", ", S.Kom.", ", M.Psi., Psikolog", ", S.E."])


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_normalize_is_idempotent(name):
    assert normalize(normalize(name)) == normalize(name)


@settings(max_examples=300, deadline=None)
@given(NAMES, NAMES)
def test_similarity_is_symmetric_and_within_bounds(a, b):
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


@settings(max_examples=200, deadline=None)
@given(NAMES)
def test_a_name_is_wholly_similar_to_itself_and_its_normalized_form(name):
    if not is_unknown(name):
        assert similarity(name, name) == 1.0
        assert similarity(name, normalize(name)) == 1.0


@settings(max_examples=300, deadline=None)
@given(TITLES, NAMES, DEGREE_SUFFIXES, NAMES)
def test_titles_and_degrees_never_change_the_result(title, name, degree, other):
    titled = f"{title} {name}{degree}"
    assert normalize(titled) == normalize(name)
    assert similarity(titled, other) == similarity(name, other)
