"""Risk detection in text: normalization, levels, the documented decisions, the evaluation targets.

The evaluation set targets are tests so that a lexicon change that loses recall, or that starts
flagging ordinary messages, fails CI.
"""

import dataclasses
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sebaya.safety.risk import LEVELS, RiskAssessment, normalize
from sebaya.safety.risk import assess_lexicon as assess
from sebaya.safety.risk.engine import _Compiler
from sebaya.safety.risk.evaluation import (
    BLIND_FILE,
    EVAL_FILE,
    HOLDOUT_FILE,
    SHIPPED,
    TARGETS,
    EvalFileError,
    evaluate,
    evaluate_file,
    read_examples,
)
from sebaya.safety.risk.lexicon import RULES

RANK = {"none": 0, "concern": 1, "crisis": 2}


def level(text):
    return assess(text).level


# --- Normalization ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("matiiiii", "mati"),
        ("pengeeeen matiii ajaaa", "pengen mati aja"),
        ("AKU PENGEN MATI", "aku pengen mati"),
        ("m4ti", "mati"),
        ("b u n u h d1r1", "bunuh diri"),
        ("b.u.n.d.i.r", "bundir"),
        ("b-u-n-d-i-r", "bundir"),
        ("P E N G E N   M A T I", "pengen mati"),
        ("i w a n t t o d i e", "i want to die"),
        ("k1ll mys3lf", "kil myself"),
        ("su!c!de", "suicide"),
        ("$u1c1d3", "suicide"),
        ("s*icide", "suicide"),
        ("𝓼𝓾𝓲𝓬𝓲𝓭𝓮", "suicide"),
        ("ѕuiсidе", "suicide"),  # Cyrillic look-alikes
        ("bun\u200bdir", "bundir"),  # zero-width space
        ("mati2an", "mati matian"),
        ("don't", "dont"),
        ("help!", "help"),
        ("jam 3, lantai 4", "jam 3 . lantai 4"),
        ("aku... pengen!!! mati???", "aku . . . pengen . . . mati"),
        ("😭😭 sedih 💀", "sedih"),
        ("", ""),
        ("  \t ", ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_normalize_keeps_ordinary_text_readable():
    assert normalize("Besok ada ulangan Matematika jam 7.") == "besok ada ulangan matematika jam 7"


# --- Levels -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "aku pengen mati aja",
        "bundir",
        "pgn mati",
        "pingin mati",
        "pengen ngilang aja selamanya",
        "gw udh gakuat lagi, mau mati",
        "gue ga mau hidup lagi",
        "capek hidup",
        "aku mau akhiri hidup",
        "pengen nyusul mama ke surga",
        "udah nyiapin tali buat gantung diri",
        "mau minum racun",
        "pengen minum obat nyamuk",
        "abis nyilet tangan",
        "pengen sayat tangan lagi",
        "pengen lompat dari atap",
        "mau lompat dari jembatan",
        "matiii",  # not alone: see the idioms test; with intent it is crisis
        "kms",
        "i wanna unalive myself",
        "i just want to end it all",
        "i want to kill myself",
        "i want to die",
        "suicide",
        "been cutting again",
        "i took all my pills",
        "there is no reason to live",
        "everyone would be better off without me",
        "maafin aku semuanya, ini pesan terakhir aku",
        "aku mau pergi, jangan cari aku",
        "sahabatku bilang dia udah nyiapin tali",
        "aku udah minum obat banyak banget tadi",
        "mo modar wae aku",  # Javanese
        "kesel urip",  # Javanese
        "hayang paeh",  # Sundanese
    ],
)
def test_crisis(text):
    if text == "matiii":
        text = "pengen matiii"
    assert level(text) == "crisis", assess(text)


@pytest.mark.parametrize(
    "text",
    [
        "aku dibully terus di kelas",
        "aku dirundung",
        "diejek terus sama anak kelas sebelah",
        "aku dikucilkan",
        "i'm being bullied",
        "aku dipukul ayah",
        "aku disiksa",
        "aku dilecehkan",
        "ada KDRT di rumah",
        "my dad abuses me",
        "my uncle molested me",
        "ga ada harapan",
        "aku ga berguna",
        "hopeless",
        "i feel worthless",
        "pengen nyerah",
        "capek banget sama semuanya",
        "udah ga kuat lagi",
    ],
)
def test_concern(text):
    assert level(text) == "concern", assess(text)


@pytest.mark.parametrize(
    "text",
    [
        "mati lampu lagi",
        "gw lagi bunuh waktu",
        "mati gaya di rumah",
        "ketawa sampai mati",
        "ngakak sampe mati wkwk",
        "hp gw mati",
        "baterai mau mati",
        "mesin motornya mati",
        "my phone died",
        "dying to see you",
        "just killing time",
        "this joke killed me",
        "the deadline is killing me",
        "mati kutu ditanya guru",
        "gw mati mulu di game",
        "kena kill tiga kali",
        "belajar mati-matian",
        "capek setengah mati",
        "mati aku, lupa bawa PR",
        "kakiku mati rasa abis duduk lama",
        "aku pengen mati ketawa liat dia",
        "laper banget mau mati",
        "i want to die of embarrassment lol",
        "nanti aku nyusul ke kantin",
        "tolong beliin silet buat prakarya",
        "lompat tali di lapangan",
        "gantungan kunci lucu",
        "rapat osis hari kms jam 3",
        "seminar pencegahan bunuh diri besok",
        "suicide prevention week",
        "poster kampanye stop bullying",
        "hopeless romantic banget",
        "bolanya dipukul keras",
        "i'm cutting my hair",
        "cutting class again",
        "overdosis micin",
        "gol bunuh diri di menit 90",
        "suicide squad seru",
        "jangan cari aku ya, aku di perpus",
        "selamat tinggal kelas 9, sampai jumpa di SMA!",
        "maaf ya semuanya kalo aku banyak salah, selamat lebaran",
        "",
        "   ",
    ],
)
def test_idioms_and_ordinary_text_are_not_risk(text):
    assert level(text) == "none", assess(text)


# --- Decisions (see the package docstring) -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "aku nggak akan bunuh diri kok",
        "aku ga pernah kepikiran bundir",
        "i would never kill myself",
        "i'm not suicidal",
        "i don't want to die",
        "jangan bunuh diri ya",
    ],
)
def test_a_negated_signal_is_concern_never_none(text):
    result = assess(text)
    assert result.level == "concern", result
    assert any("(negated)" in name for name in result.matched)


@pytest.mark.parametrize(
    "text",
    [
        "gue ga mau hidup lagi",
        "aku ga pengen hidup lagi",
        "i don't want to live anymore",
        "kenapa aku ga mati aja",
        "gw ga takut mati",
        "i don't want to die but i don't want to live either",
        "gak kuat, pengen mati",  # the negation is about "kuat", not about dying
    ],
)
def test_phrases_made_of_a_negation_stay_crisis(text):
    assert level(text) == "crisis", assess(text)


@pytest.mark.parametrize(
    "text",
    [
        "dia bilang mau bunuh diri",
        "temenku bilang dia mau bunuh diri, aku harus gimana",
        "my friend said she wants to kill herself",
        "he texted me he's going to kill himself",
        "adekku nyilet tangannya",
    ],
)
def test_a_friend_at_risk_is_crisis(text):
    assert level(text) == "crisis", assess(text)


def test_a_mention_in_the_news_or_a_film_is_concern_unless_personal():
    assert assess("ada berita artis bunuh diri").matched == ("bunuh diri (topic)",)
    assert level("kemarin nonton film tentang orang bunuh diri") == "concern"
    assert level("abis baca berita bunuh diri aku jadi kepikiran juga") == "crisis"


def test_past_self_harm_said_to_be_over_is_concern_but_a_relapse_is_crisis():
    assert level("aku pernah self harm dulu tapi udah lama berhenti") == "concern"
    assert level("udah 3 bulan clean dari sh tapi semalem relapse") == "crisis"


def test_mati_rasa_is_concern_unless_it_is_a_numb_body_part():
    result = assess("hatiku udah mati rasa")
    assert (result.level, result.matched) == ("concern", ("numb",))
    assert level("tanganku mati rasa kelamaan nulis") == "none"


def test_kys_to_someone_is_bullying_kms_is_crisis():
    assert level("kys lo") == "concern"
    assert level("mereka nyuruh aku kys") == "concern"
    assert level("i should just kys") == "crisis"
    assert level("i wanna kms") == "crisis"
    assert level("ketemu kms depan ya") == "none"  # Kamis


def test_being_told_to_die_is_concern():
    assert level("mati aja lo") == "concern"
    assert level("they told me to kill myself in the group chat") == "concern"


def test_nyusul_is_crisis_only_about_someone_who_died():
    assert level("sejak ayah meninggal aku cuma pengen nyusul dia") == "crisis"
    assert level("pengen nyusul nenek") == "concern"
    assert level("duluan aja, gw nyusul") == "none"


def test_method_words_weigh_with_intent_or_distress():
    assert level("silet alis di salon mahal ga") == "none"
    assert level("pak satpam pasang racun tikus di gudang") == "none"
    assert level("udah siapin silet di laci") == "crisis"
    assert level("udah ga kuat lagi. silet.") == "crisis"
    assert "metode + tekanan" in assess("udah ga kuat lagi. silet.").matched
    assert level("tadi liat orang lompat dari jembatan") == "concern"
    assert level("aku udah nelen 20 butir obat") == "crisis"
    assert level("minum 2 tablet paracetamol") == "none"


def test_farewell_with_an_apology_or_thanks_is_crisis():
    assert level("selamat tinggal semuanya, maafin aku") == "crisis"
    assert level("makasih buat semuanya, maaf aku pergi duluan") == "crisis"
    assert level("pamit duluan ya guys") == "none"
    assert level("maaf aku pergi duluan ya ada les") == "none"


@pytest.mark.parametrize(
    "text, expected",
    [
        # Families widened after round 5 of the blind lines (phrasings here are not in the sets).
        ("ya tuhan, cabut nyawaku sekarang", "crisis"),
        ("capek banget jadi manusia", "crisis"),
        ("i'm so tired of being human", "crisis"),
        ("kayaknya hidup aku cukup sampe disini", "crisis"),
        ("pengen tidur trus ga bakal bangun", "crisis"),
        ("tidur ga pernah bangun pagi, kebo banget aku", "none"),
        ("gimana caranya biar bisa mati tanpa sakit", "crisis"),
        ("cara biar ikan cupang ga cepet mati", "none"),
        ("semua orang bakal lebih bahagia kalo aku ga ada", "crisis"),
        ("lebih baik kalau aku ga ada di grup itu", "none"),
        ("he's gonna off himself", "crisis"),
        ("i swallowed 20 of my dad's pills", "crisis"),
        ("i want my life to be over", "crisis"),
        ("i want this semester to be over", "none"),
        ("she said she's gonna jump tonight", "crisis"),
        ("we're going to jump on the trampoline tonight", "none"),
        ("kepikiran tiduran di rel kereta", "crisis"),
        ("tali udah dipasang di kipas angin", "crisis"),
        ("tali jemuran udah aku iket di pagar", "none"),
        ("mending aku dikubur aja", "crisis"),
        ("pengen ga ada aja selamanya", "crisis"),
        ("pengen ga ada pr aja", "none"),
        ("jedotin kepala sendiri ke tembok", "crisis"),
        ("hari ini terakhir kalinya kalian denger dari aku", "crisis"),
        ("ini terakhir kalinya kalian liat aku pake seragam smp", "none"),
        ("maaf ya selama ini aku cuma jadi beban, makasih buat semuanya", "crisis"),
        ("makasih buat semuanya kak, maaf ya kalau aku banyak nanya", "none"),
        ("pengen buru-buru ketemu almarhum ayah", "crisis"),
        ("i have a razor and i keep thinking about using it on my wrist", "crisis"),
        ("i dyed my hair red lol", "none"),
        ("thinking of dying my hair purple", "none"),
        ("males hidup tanpa hp seharian", "none"),
        ("udah ga tahan pengen ke toilet", "none"),
        ("semua orang bilang aku mending bunuh diri", "concern"),
        ("they said i should die", "concern"),
        ("temenku bilang dia mending mati aja", "crisis"),
        ("i said i should just kill myself", "crisis"),
        ("ayah suka ngelemparin piring ke aku", "concern"),
        ("dia megang-megang badanku terus", "concern"),
        ("jangan megang-megang hp pas ulangan", "none"),
        ("life feels meaningless", "concern"),
        ("this meeting is pointless", "none"),
        ("ngerasa jadi orang paling bodoh sedunia", "concern"),
        ("pengen mukulin dia sampe babak belur", "concern"),
        ("why do i even bother anymore", "concern"),
        ("essay tentang suicide di kalangan remaja", "concern"),
    ],
)
def test_families_widened_after_round_5(text, expected):
    assert level(text) == expected


def test_self_harm_said_to_be_over_at_the_end_of_a_sentence_is_concern():
    assert level("pernah nyilet waktu kelas 8, sekarang udah nggak") == "concern"
    assert level("pernah nyilet waktu kelas 8, sekarang udah nggak. tapi semalem kambuh") == "crisis"
    assert level("aku pernah self harm, sekarang udah ga kuat") == "crisis"
    assert level("aku bunuh diri sekarang ga?") == "crisis"


def test_idioms_do_not_hide_a_crisis_in_the_same_message():
    assert level("mati lampu, gelap, aku pengen mati aja") == "crisis"
    assert level("aku pengen mati. lampu kamar rusak juga") == "crisis"  # not read as "mati lampu"


# --- The result ---------------------------------------------------------------------------------


def test_result_is_small_and_names_signals_not_the_text():
    text = "Kak, sebenarnya aku pengen bunuh diri dari minggu lalu, tolong jangan bilang siapa-siapa"
    result = assess(text)
    assert isinstance(result, RiskAssessment)
    assert result.level == "crisis" and result.flagged
    assert result.as_dict() == {
        "level": "crisis",
        "matched": list(result.matched),
        "score": None,
        "by": ["lexicon"],
    }
    names = {name for _level, name, _tags, _patterns in RULES} | {"metode + tekanan", "pamit"}
    for name in result.matched:
        assert re.sub(r" \((negated|topic|past)\)$", "", name) in names
        assert len(name) < 40
    for private in ("sebenarnya", "minggu", "tolong", "siapa"):
        assert private not in " ".join(result.matched)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "none"


def test_crisis_names_come_first_and_are_not_repeated():
    result = assess("aku dibully terus, pengen mati aja, pengen mati")
    assert result.matched == ("ingin mati", "bullying")
    assert not assess("biasa aja").flagged


def test_long_text_and_odd_characters_are_fine():
    note = (
        "Sesi hari ini membahas jadwal belajar dan hubungan dengan teman. " * 300
    ) + "dia bilang pengen mati."
    assert level(note) == "crisis"
    assert level("\x00\x01\ufffd\U0001f480" * 50) == "none"
    assert level("a" * 10_000) == "none"


# --- Properties ---------------------------------------------------------------------------------

# (before, phrase, after): the phrase is what gets spaced out, elongated or leetspoken.
CRISIS_PHRASES = [
    ("aku pengen ", "mati", " aja"),
    ("", "bunuh diri", ""),
    ("kayaknya mau ", "bundir", " deh"),
    ("i want to ", "die", ""),
    ("", "kill myself", ""),
    ("gonna ", "kill myself", " tonight"),
    ("", "suicide", ""),
    ("pengen ", "gantung diri", ""),
    ("", "unalive", ""),
    ("udah ", "capek hidup", ""),
    ("gue ", "ga mau hidup lagi", ""),
    ("", "kms", ""),
    ("aku mau ", "akhiri hidup", ""),
    ("", "self harm", " lagi"),
    ("pengen ", "minum racun", ""),
]
SEPARATORS = [" ", ".", "-", "_", "*", "..", ". ", "·", "~"]
ORDINARY_WORDS = (
    "aku kamu dia kita besok hari ini tadi sekolah kelas guru tugas ulangan makan pulang main bola "
    "teman temen sama yang di ke dari dan atau tapi karena banget bgt wkwk lol ok oke sip nilai jam pagi "
    "sore malam rumah mama papa adik kakak kucing lampu hp baterai game waktu mati bunuh kill time dead died "
    "dying phone killing the my is so very i you we school homework test tomorrow friend lunch lagi ga gak "
    "nggak tidak udah belum bisa tolong makasih kak bu pak ekskul osis upacara kantin bakso seru capek "
    "pusing jalan cepet lama"
).split()


def spaced(phrase, separator, gap):
    return gap.join(separator.join(word) for word in phrase.split())


def elongated(phrase, times, positions):
    chars = list(phrase)
    for position in positions:
        if chars[position % len(chars)] in "aiueo":
            chars[position % len(chars)] *= times
    return "".join(chars)


@settings(max_examples=300, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.sampled_from(CRISIS_PHRASES),
    separator=st.sampled_from(SEPARATORS),
    gap=st.sampled_from([" ", "  ", None]),
)
def test_spacing_out_the_letters_of_a_crisis_phrase_keeps_it_crisis(case, separator, gap):
    before, phrase, after = case
    assert level(before + phrase + after) == "crisis"
    text = before + spaced(phrase, separator, separator if gap is None else gap) + after
    assert level(text) == "crisis", (text, normalize(text))


@settings(max_examples=300, database=None)
@given(
    case=st.sampled_from(CRISIS_PHRASES),
    times=st.integers(min_value=2, max_value=9),
    positions=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=4),
    spacing=st.booleans(),
)
def test_elongating_vowels_of_a_crisis_phrase_keeps_it_crisis(case, times, positions, spacing):
    before, phrase, after = case
    long = elongated(phrase, times, positions)
    if spacing:
        long = spaced(long, " ", "  ")
    text = before + long + after
    assert level(text) == "crisis", (text, normalize(text))


LEET = {"a": "4", "i": "1", "e": "3", "o": "0", "s": "5", "t": "7"}


@settings(max_examples=300, database=None)
@given(case=st.sampled_from(CRISIS_PHRASES), mask=st.lists(st.booleans(), min_size=20, max_size=20))
def test_leetspeak_in_a_crisis_phrase_keeps_it_crisis(case, mask):
    before, phrase, after = case
    swapped = "".join(
        LEET[char] if char in LEET and mask[index % len(mask)] else char for index, char in enumerate(phrase)
    )
    assert level(before + swapped + after) == "crisis", (swapped, normalize(before + swapped + after))


EVAL_LINES = [example.text for path in SHIPPED for example in read_examples(path)]


@settings(max_examples=400, database=None)
@given(
    text=st.sampled_from(EVAL_LINES),
    times=st.integers(min_value=2, max_value=6),
    positions=st.lists(st.integers(min_value=0, max_value=200), max_size=5),
    upper=st.lists(st.booleans(), min_size=1, max_size=30),
    invisible=st.booleans(),
)
def test_elongation_case_and_invisible_characters_change_nothing(text, times, positions, upper, invisible):
    chars = list(text)
    for position in positions:
        index = position % len(chars)
        if chars[index].isascii() and chars[index].isalpha():
            chars[index] *= times
    changed = "".join(
        c.upper() if c.isascii() and upper[index % len(upper)] else c for index, c in enumerate(chars)
    )
    if invisible:
        changed = changed.replace("a", "a\u200b", 2)
    assert assess(changed) == assess(text), changed


@settings(max_examples=500, database=None)
@given(words=st.lists(st.sampled_from(ORDINARY_WORDS), min_size=1, max_size=20))
def test_random_ordinary_words_never_give_crisis(words):
    text = " ".join(words)
    assert level(text) != "crisis", (text, assess(text))


@settings(max_examples=300, database=None)
@given(
    text=st.sampled_from([line for line in EVAL_LINES if level(line) == "crisis"]),
    words=st.lists(st.sampled_from(ORDINARY_WORDS), min_size=1, max_size=12),
    first=st.booleans(),
)
def test_ordinary_sentences_around_a_crisis_never_lower_it(text, words, first):
    other = " ".join(words)
    combined = f"{other}. {text}" if first else f"{text}. {other}"
    assert level(combined) == "crisis", combined


@settings(max_examples=200, database=None)
@given(text=st.text(max_size=200))
def test_any_text_gives_a_valid_result(text):
    result = assess(text)
    assert result.level in LEVELS
    assert isinstance(result.matched, tuple)
    assert (result.level == "none") == (not result.matched)
    assert assess(text) == result  # deterministic


# --- The evaluation set -------------------------------------------------------------------------


def test_the_evaluation_sets_are_well_formed():
    main, holdout, blind = (read_examples(path) for path in (EVAL_FILE, HOLDOUT_FILE, BLIND_FILE))
    counts = Counter(example.level for example in main)
    assert len(main) >= 300
    assert counts["crisis"] >= 90 and counts["concern"] >= 70 and counts["none"] >= 140
    assert 0.25 <= len(holdout) / (len(main) + len(holdout)) <= 0.35  # of the lines written first
    assert len(blind) >= 600
    texts = [example.text.strip().lower() for example in main + holdout + blind]
    assert len(texts) == len(set(texts)), "a line appears twice"


def test_a_broken_lexicon_pattern_is_refused():
    with pytest.raises(ValueError, match="empty alternative"):
        _Compiler({}).pattern("mati |aja")


@pytest.mark.parametrize("layers", [("lexicon",), ("lexicon", "model")], ids=["lexicon", "combined"])
@pytest.mark.parametrize("path", SHIPPED, ids=["eval", "holdout", "blind"])
def test_the_targets_are_met(path, layers):
    # The lexicon was tuned on these lines and the model trained on them: this guards against
    # regressions, it is not a measure of new messages (data/README.md has those).
    report = evaluate_file(path, layers=layers)
    assert report.unmet() == [], report.figures()
    op, target = TARGETS["crisis_recall"]
    assert op == ">=" and report.crisis_recall >= target


def test_the_figures_are_computed_as_defined(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(
        "# comment\n"
        "crisis\taku pengen mati\n"
        "crisis\taku ga pernah kepikiran bundir\n"  # detected as concern: flagged, not recalled
        "concern\taku dibully\n"
        "none\tmati lampu\n"
        "none\tpengen mati ketawa\n"
        "none\taku dibully? bercanda\n"  # labelled none, flagged: counts against ordinary
        "\n",
        encoding="utf-8",
    )
    report = evaluate_file(path, layers=("lexicon",))
    assert report.total == 6
    assert report.support == {"crisis": 2, "concern": 1, "none": 3}
    assert report.crisis_recall == 0.5
    assert report.crisis_flagged == 1.0
    assert report.ordinary_flagged == pytest.approx(1 / 3)
    assert report.precision["concern"] == pytest.approx(1 / 3)
    assert report.concern_flagged == 1.0
    assert report.families == {}
    assert report.unmet() == ["crisis_recall", "ordinary_flagged"]
    assert [mistake.example.line for mistake in report.mistakes] == [3, 7]


def test_a_broken_evaluation_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "broken.tsv"
    path.write_text("crisis\tok\nurgent\tsomething\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="line 2"):
        read_examples(path)
    with pytest.raises(EvalFileError, match="no such file"):
        read_examples(tmp_path / "missing.tsv")
    assert evaluate([], source="empty").total == 0


def test_an_exclusion_does_not_reach_into_the_next_sentence():
    # "surat perpisahan kelas" is a class's farewell card; after a full stop, "kelas" is not.
    assert level("surat perpisahan buat kakak kelas 12 udah jadi") == "none"
    assert level("aku udah tulis surat perpisahan. kelas 3 gimana kabarnya?") == "crisis"
