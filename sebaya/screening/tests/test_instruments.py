"""The instrument files: what ships, and how strictly a wrong file is refused."""

import copy
import json

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sebaya.screening.instruments import (
    DIRECTORY,
    InstrumentError,
    Text,
    UnknownInstrument,
    all_instruments,
    get_instrument,
    load_directory,
    load_file,
    parse,
    registry,
)

SHIPPED = {
    # code: (items asked, required answers, score range, [(band code, min, max), ...])
    "phq9": (10, 9, (0, 27), [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14),
                              ("moderately_severe", 15, 19), ("severe", 20, 27)]),
    "phqa": (13, 9, (0, 27), [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14),
                              ("moderately_severe", 15, 19), ("severe", 20, 27)]),
    "gad7": (7, 7, (0, 21), [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("severe", 15, 21)]),
    "phq4": (4, 4, (0, 12), [("normal", 0, 2), ("mild", 3, 5), ("moderate", 6, 8), ("severe", 9, 12)]),
    "who5": (5, 5, (0, 25), [("likely_depression", 0, 7), ("poor", 8, 12), ("good", 13, 25)]),
    "k10": (10, 10, (10, 50), [("low", 10, 15), ("moderate", 16, 21), ("high", 22, 29),
                               ("very_high", 30, 50)]),
    "srq20": (20, 20, (0, 20), [("below_cutoff", 0, 5), ("above_cutoff", 6, 20)]),
    "satisfaction": (6, 6, (6, 30), [("low", 6, 17), ("medium", 18, 23), ("high", 24, 30)]),
    "knowledge_stigma": (10, 10, (10, 50), [("low", 10, 29), ("medium", 30, 39), ("high", 40, 50)]),
    "akpd": (40, 40, (0, 40), [("needs", 0, 40)]),
    "dcm": (40, 40, (0, 40), [("needs", 0, 40)]),
}  # fmt: skip


def base_data(code="phq4"):
    return json.loads((DIRECTORY / f"{code}.v1.json").read_text(encoding="utf-8"))


def errors_of(data):
    with pytest.raises(InstrumentError) as caught:
        parse(data, name="test.json")
    return caught.value.errors


@pytest.fixture
def registry_from(tmp_path, monkeypatch):
    """Point the registry at a directory of our own for one test."""

    def use(files: dict[str, dict]):
        for name, data in files.items():
            (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
        monkeypatch.setattr(registry, "DIRECTORY", tmp_path)
        registry._registry.cache_clear()

    yield use
    registry._registry.cache_clear()


# --- What ships ---------------------------------------------------------------------------------


def test_every_shipped_file_loads_and_they_are_the_expected_instruments():
    assert sorted(path.name for path in DIRECTORY.glob("*.json")) == sorted(f"{c}.v1.json" for c in SHIPPED)
    assert [instrument.code for instrument in all_instruments()] == sorted(SHIPPED)
    assert all(instrument.version == 1 for instrument in all_instruments(every_version=True))


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_shipped_items_ranges_and_band_codes(code):
    items, required, score_range, bands = SHIPPED[code]
    instrument = get_instrument(code)
    assert (len(instrument.items), instrument.min_answers, instrument.range) == (items, required, score_range)
    assert [(band.code, band.min, band.max) for band in instrument.bands] == bands
    assert instrument.path == DIRECTORY / f"{code}.v1.json"


@pytest.mark.parametrize("instrument", all_instruments(), ids=lambda i: i.code)
def test_every_text_is_in_both_languages_and_the_notes_are_filled_in(instrument):
    texts = [
        instrument.name,
        instrument.short_name,
        instrument.friendly_name,
        instrument.instructions,
        instrument.source,
        instrument.licence,
    ]
    texts += [item.text for item in instrument.items] + [o.label for i in instrument.items for o in i.options]
    texts += [band.label for band in instrument.bands] + [risk.label for risk in instrument.risk_items]
    for text in texts:
        assert text.id.strip() and text.en.strip()
    assert instrument.name.id != instrument.name.en or instrument.code == "srq20"
    if instrument.kind == "screening":
        assert "validated Indonesian version before clinical use" in instrument.source.en
        assert "divalidasi sebelum dipakai secara klinis" in instrument.source.id


@pytest.mark.parametrize("instrument", all_instruments(), ids=lambda i: i.code)
def test_students_see_a_plain_name_without_clinical_acronyms(instrument):
    for name in (instrument.friendly_name.id, instrument.friendly_name.en):
        assert not any(acronym in name.upper() for acronym in ("PHQ", "GAD", "K10", "SRQ", "WHO"))
        assert "depres" not in name.lower() and "disorder" not in name.lower()
    assert instrument.friendly_name.id != instrument.friendly_name.en


def test_licence_notes():
    for code in ("phq9", "phqa", "gad7", "phq4"):
        assert (
            "Pfizer" in get_instrument(code).licence.en and "no permission" in get_instrument(code).licence.en
        )
    assert "WHO Collaborating Centre" in get_instrument("who5").licence.en
    assert "Kessler" in get_instrument("k10").licence.en
    assert "World Health Organization" in get_instrument("srq20").licence.en
    for code in ("satisfaction", "knowledge_stigma"):
        assert "Sebaya project" in get_instrument(code).licence.en and get_instrument(code).kind == "survey"


def test_risk_items_are_where_the_brief_says():
    risks = {i.code: [(r.item, r.op, r.value, r.flag) for r in i.risk_items] for i in all_instruments()}
    assert risks["phq9"] == [("q9", ">", 0, "suicidal_thoughts")]
    assert risks["phqa"][0] == ("q9", ">", 0, "suicidal_thoughts")
    assert {flag for *_, flag in risks["phqa"]} == {
        "suicidal_thoughts", "suicidal_thoughts_past_month", "suicide_attempt_ever"
    }  # fmt: skip
    assert risks["srq20"] == [("q17", "==", 1, "suicidal_thoughts")]
    srq = get_instrument("srq20")
    assert "mengakhiri hidup" in srq.item("q17").text.id and srq.item("q17").option(1).label.en == "Yes"
    assert all(
        not risks[code] for code in ("gad7", "phq4", "who5", "k10", "satisfaction", "knowledge_stigma")
    )


def test_special_structure_of_some_instruments():
    phq4 = get_instrument("phq4")
    assert [(s.code, s.items, s.cutoff.min) for s in phq4.subscales] == [
        ("anxiety", ("q1", "q2"), 3), ("depression", ("q3", "q4"), 3)
    ]  # fmt: skip
    who5 = get_instrument("who5")
    assert [(d.code, d.of, d.multiply, d.range, d.unit) for d in who5.derived] == [
        ("percentage", "total", 4, (0, 100), "%")
    ]
    assert [(c.code, c.max) for c in who5.cutoffs] == [("poor_wellbeing", 12)]
    assert {item.values for item in get_instrument("k10").items} == {(1, 2, 3, 4, 5)}
    assert {item.values for item in get_instrument("srq20").items} == {(1, 0)}
    assert [(c.code, c.min) for c in get_instrument("srq20").cutoffs] == [
        ("probable_mental_emotional_disorder", 6)
    ]
    phqa = get_instrument("phqa")
    assert (phqa.age_min, phqa.age_max) == (11, 17)
    assert [item.id for item in phqa.items if not item.required] == [
        "past_year", "difficulty", "past_month_thoughts", "ever_attempt"
    ]  # fmt: skip
    stigma = get_instrument("knowledge_stigma")
    reversed_items = [item.id for item in stigma.items if item.reverse]
    assert 8 <= len(stigma.items) <= 10 and 2 <= len(reversed_items) < len(stigma.items)
    assert {s.code for s in stigma.subscales} == {"knowledge", "attitudes"}


def test_severity_levels_rise_with_the_clinical_bands():
    order = ["none", "mild", "moderate", "severe"]
    for code in ("phq9", "phqa", "gad7", "phq4", "k10", "srq20"):
        levels = [order.index(band.severity) for band in get_instrument(code).bands]
        assert levels == sorted(levels) and levels[0] == 0 and levels[-1] > 0
    assert [band.severity for band in get_instrument("who5").bands] == ["moderate", "mild", "none"]


# --- Finding instruments ------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["phq9", "PHQ-9", "phq_9", " Phq9"])
def test_codes_are_found_however_they_are_spelled(spelling):
    assert get_instrument(spelling).code == "phq9"
    assert get_instrument("Knowledge-Stigma").code == "knowledge_stigma"


def test_unknown_code_or_version_is_a_clear_error_with_a_stable_code():
    with pytest.raises(UnknownInstrument, match="No instrument 'phq99'") as caught:
        get_instrument("phq99")
    assert caught.value.code == "unknown_instrument" and caught.value.params == {"instrument": "phq99"}
    with pytest.raises(UnknownInstrument, match="no version 7") as caught:
        get_instrument("phq9", 7)
    assert caught.value.code == "unknown_version"


def test_latest_version_by_default_and_a_given_version_on_request(registry_from):
    old = base_data()
    new = copy.deepcopy(old) | {"version": 2}
    new["items"][0]["text"] = {"id": "Merasa cemas", "en": "Feeling anxious"}
    registry_from({"phq4.v1.json": old, "phq4.v2.json": new, "who5.v1.json": base_data("who5")})
    assert get_instrument("phq4").version == 2
    assert get_instrument("phq4").items[0].text.en == "Feeling anxious"
    assert get_instrument("phq4", 1).items[0].text.en == "Feeling nervous, anxious, or on edge"
    assert [i.key for i in all_instruments()] == ["phq4.v2", "who5.v1"]
    assert [i.key for i in all_instruments(every_version=True)] == ["phq4.v1", "phq4.v2", "who5.v1"]


def test_a_bad_file_in_the_directory_stops_everything_and_is_named(registry_from):
    bad = base_data() | {"colour": "red"}
    registry_from({"phq4.v1.json": bad, "who5.v1.json": base_data("who5")})
    with pytest.raises(InstrumentError, match=r"phq4\.v1\.json: unknown key 'colour'"):
        all_instruments()


def test_text_follows_the_active_language():
    text = Text(id="Sedang", en="Moderate")
    assert text.get("id") == "Sedang" and text.get("en") == "Moderate" and text.get("en-gb") == "Moderate"
    with translation.override("en"):
        assert str(text) == "Moderate"
    with translation.override("id"):
        assert str(text) == "Sedang"


# --- Strict checking ----------------------------------------------------------------------------


def mutate(change):
    data = base_data()
    change(data)
    return data


BROKEN = [
    ("unknown top-level key", lambda d: d.update(scale="x"), "unknown key 'scale'"),
    ("missing key", lambda d: d.pop("licence"), "missing key 'licence'"),
    ("no friendly name", lambda d: d.pop("friendly_name"), "missing key 'friendly_name'"),
    (
        "friendly name in one language",
        lambda d: d["friendly_name"].pop("id"),
        "friendly_name: missing the 'id'",
    ),
    ("unknown item key", lambda d: d["items"][0].update(weight=2), "items[0] (q1): unknown key 'weight'"),
    (
        "missing translation",
        lambda d: d["items"][1]["text"].pop("en"),
        "items[1] (q2).text: missing the 'en'",
    ),
    ("empty translation", lambda d: d["name"].update(id="  "), "name.id: the translation must be non-empty"),
    ("third language", lambda d: d["name"].update(jv="Jeneng"), "name: unknown language 'jv'"),
    ("text not an object", lambda d: d.update(instructions="Pilih"), "instructions: must be a text"),
    ("stray spaces", lambda d: d["name"].update(en=" PHQ-4"), "name.en: has leading or trailing spaces"),
    ("wrong format", lambda d: d.update(format=2), "format: must be 1"),
    ("bad code", lambda d: d.update(code="PHQ-4"), "code: 'PHQ-4' is not a code"),
    ("version zero", lambda d: d.update(version=0), "version: must be at least 1"),
    ("unknown kind", lambda d: d.update(kind="quiz"), "kind: 'quiz' is not one of screening, survey"),
    ("age upside down", lambda d: d.update(age={"min": 18, "max": 12}), "age: min 18 is above max 12"),
    ("band gap", lambda d: d["bands"][1].update(min=4), "no band covers 3-3 (between normal and mild)"),
    ("band overlap", lambda d: d["bands"][1].update(min=2), "mild (2-5) overlaps normal (0-2)"),
    (
        "bands start late",
        lambda d: d["bands"][0].update(min=1),
        "the first band (normal) must start at the lowest",
    ),
    (
        "bands end early",
        lambda d: d["bands"][-1].update(max=11),
        "the last band (severe) must end at the highest",
    ),
    ("band upside down", lambda d: d["bands"][2].update(min=9, max=6), "bands[2]: min 9 is above max 6"),
    ("duplicate band code", lambda d: d["bands"][1].update(code="normal"), "band codes must differ"),
    (
        "unknown severity",
        lambda d: d["bands"][0].update(severity="low"),
        "bands[0].severity: 'low' is not one",
    ),
    ("band without severity", lambda d: d["bands"][0].pop("severity"), "bands[0]: missing key 'severity'"),
    (
        "wrong range",
        lambda d: d["scoring"].update(range=[0, 16]),
        "scoring.range: is [0, 16] but the items give",
    ),
    (
        "unknown method",
        lambda d: d["scoring"].update(method="mean"),
        "scoring.method: 'mean' is not one of sum",
    ),
    ("subscale item missing", lambda d: d["subscales"][0]["items"].append("q7"), "no item with id 'q7'"),
    ("subscale item twice", lambda d: d["subscales"][0].update(items=["q1", "q1"]), "lists an item twice"),
    (
        "subscale cutoff never met",
        lambda d: d["subscales"][0]["cutoff"].update(min=7),
        "met by every score or by none",
    ),
    ("two cut-off bounds", lambda d: d["subscales"][0]["cutoff"].update(max=4), "needs exactly one of 'min'"),
    ("duplicate item id", lambda d: d["items"][1].update(id="q1"), "the item id 'q1' is used twice"),
    ("unknown option set", lambda d: d["items"][0].update(options="often"), "no option set named 'often'"),
    ("unused option set", lambda d: d["option_sets"].update(spare=[]), "option_sets.spare: is not used"),
    (
        "duplicate option value",
        lambda d: d["option_sets"]["frequency"][1].update(value=0),
        "option values must differ",
    ),
    (
        "true as a value",
        lambda d: d["option_sets"]["frequency"][1].update(value=True),
        "must be a whole number",
    ),
    (
        "one option",
        lambda d: d["items"][0].update(options=[d["option_sets"]["frequency"][0]]),
        "at least two options",
    ),
    (
        "same label",
        lambda d: d["option_sets"]["frequency"][1]["label"].update(en="Not at all"),
        "same en label",
    ),
    ("scored optional item", lambda d: d["items"][3].update(required=False), "must not be scored"),
    (
        "reversed unscored item",
        lambda d: d["items"][3].update(scored=False, reverse=True),
        "cannot be reverse",
    ),
    ("nothing scored", lambda d: [i.update(scored=False) for i in d["items"]], "no item is scored"),
    (
        "risk item missing",
        lambda d: d.update(
            risk_items=[{"item": "q9", "op": ">", "value": 0, "flag": "x", "label": d["name"]}]
        ),
        "no item with id 'q9'",
    ),
    (
        "risk never raised",
        lambda d: d.update(
            risk_items=[{"item": "q1", "op": ">", "value": 3, "flag": "x", "label": d["name"]}]
        ),
        "is met by no answer",
    ),
    (
        "risk always raised",
        lambda d: d.update(
            risk_items=[{"item": "q1", "op": ">=", "value": 0, "flag": "x", "label": d["name"]}]
        ),
        "is met by every answer",
    ),
    (
        "risk bad operator",
        lambda d: d.update(
            risk_items=[{"item": "q1", "op": "=>", "value": 1, "flag": "x", "label": d["name"]}]
        ),
        "'=>' is not one of",
    ),
    (
        "cutoff never met",
        lambda d: d.update(cutoffs=[{"code": "c", "min": 13, "label": d["name"]}]),
        "by none",
    ),
    (
        "derived wrong range",
        lambda d: d.update(
            derived=[{"code": "pct", "label": d["name"], "of": "total", "multiply": 4, "range": [0, 100]}]
        ),
        "total gives [0, 48]",
    ),
    (
        "derived of nothing",
        lambda d: d.update(
            derived=[{"code": "pct", "label": d["name"], "of": "sum", "multiply": 4, "range": [0, 48]}]
        ),
        "'sum' is neither",
    ),
    ("code clash", lambda d: d["subscales"][0].update(code="phq4"), "must differ from each other"),
    ("change without direction", lambda d: d.update(change={}), "change: missing key 'direction'"),
    (
        "reliability of 1",
        lambda d: d.update(
            change={"direction": "lower_is_better", "reliability": {"value": 1, "source": d["name"]}}
        ),
        "change.reliability: must be between 0 and 1",
    ),
    (
        "caseness outside the scores",
        lambda d: d.update(
            change={"direction": "lower_is_better", "caseness": {"value": 13, "source": d["name"]}}
        ),
        "change.caseness: must lie inside the score range 0-12",
    ),
    (
        # Two keys, both wrong: found by the fuzz test below (a KeyError once).
        "caseness with other keys",
        lambda d: d.update(change={"direction": "lower_is_better", "caseness": {"v": 8, "s": d["name"]}}),
        "change.caseness: unknown key 'v'",
    ),
    (
        "points as a fraction",
        lambda d: d.update(
            change={"direction": "lower_is_better", "points": {"value": 2.5, "source": d["name"]}}
        ),
        "change.points: must be a whole number",
    ),
    (
        "sd without reliability",
        lambda d: d.update(change={"direction": "lower_is_better", "sd": {"value": 3, "source": d["name"]}}),
        "an sd is only used with a reliability",
    ),
    (
        "source missing",
        lambda d: d.update(change={"direction": "lower_is_better", "reliability": {"value": 0.8}}),
        "change.reliability: missing key 'source'",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_a_broken_instrument_is_refused_with_a_clear_error(change, message):
    errors = errors_of(mutate(change))
    assert any(message in error for error in errors), errors
    assert all(error.startswith("test.json: ") for error in errors)


def test_what_judging_change_needs_is_stored_with_its_source():
    phq9, gad7, who5 = (
        get_instrument("phq9").change,
        get_instrument("gad7").change,
        get_instrument("who5").change,
    )
    # NHS Talking Therapies: reliable change 6 and 4 points, caseness 10 and 8.
    assert (phq9.points, phq9.caseness, phq9.reliability) == (6, 10, 0.84)
    assert (gad7.points, gad7.caseness, gad7.reliability) == (4, 8, 0.83)
    assert "Kroenke" in phq9.reliability_source.en and "NHS Talking Therapies" in phq9.points_source.id
    assert phq9.is_case(10) and not phq9.is_case(9)
    # WHO-5: higher is better, and a case is at or below 12.
    assert who5.higher_is_better and who5.is_case(12) and not who5.is_case(13)
    assert get_instrument("akpd").change is None


def test_the_base_used_above_is_valid():
    assert parse(base_data(), name="test.json").code == "phq4"


def test_every_problem_in_a_file_is_reported_at_once():
    data = base_data()
    data["bands"][1]["min"] = 4
    data["items"][2]["text"].pop("id")
    data["extra"] = 1
    errors = errors_of(data)
    assert len(errors) == 3, errors
    message = str(InstrumentError(errors))
    assert "unknown key 'extra'" in message and "missing the 'id'" in message and "no band covers" in message


def test_a_file_must_be_named_after_its_code_and_version(tmp_path):
    path = tmp_path / "phq4.json"
    path.write_text(json.dumps(base_data()), encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"must be named phq4\.v1\.json"):
        load_file(path)
    right = tmp_path / "phq4.v1.json"
    right.write_text(json.dumps(base_data()), encoding="utf-8")
    assert load_file(right).key == "phq4.v1"


def test_duplicate_keys_and_bad_json_are_refused(tmp_path):
    path = tmp_path / "phq4.v1.json"
    path.write_text('{"code": "phq4", "code": "phq4"}', encoding="utf-8")
    with pytest.raises(InstrumentError, match="appears twice"):
        load_file(path)
    path.write_text('{"code": ', encoding="utf-8")
    with pytest.raises(InstrumentError, match="cannot be read as JSON"):
        load_file(path)


def test_codes_that_differ_only_in_spelling_are_refused(tmp_path):
    first, second = base_data(), base_data() | {"code": "phq_4"}
    (tmp_path / "phq4.v1.json").write_text(json.dumps(first), encoding="utf-8")
    (tmp_path / "phq_4.v1.json").write_text(json.dumps(second), encoding="utf-8")
    with pytest.raises(InstrumentError, match="too close to"):
        load_directory(tmp_path)


def test_an_empty_directory_is_an_error(tmp_path):
    with pytest.raises(InstrumentError, match="no instrument files"):
        load_directory(tmp_path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 60) | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def json_paths(node, path=()):
    yield path
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from json_paths(child, (*path, key))


@pytest.mark.parametrize("code", ["phqa", "phq4", "who5", "knowledge_stigma"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_damaged_file_is_refused_with_instrument_error_never_a_crash(code, data):
    document = base_data(code)
    path = data.draw(st.sampled_from(list(json_paths(document))[1:]))
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    replacement = data.draw(JSON_VALUES)
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    try:
        parse(document, name="fuzzed.json")
    except InstrumentError as error:
        assert error.errors and all(line.startswith("fuzzed.json: ") for line in error.errors)
