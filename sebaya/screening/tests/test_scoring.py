"""The scoring engine: known scores, clear errors, and properties that hold for every instrument."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sebaya.screening.instruments import all_instruments, get_instrument
from sebaya.screening.scoring import INVALID_VALUE, MISSING_ANSWER, WRONG_COUNT, ScoringError, score

INSTRUMENTS = all_instruments()
SCREENINGS = {instrument.code: instrument for instrument in INSTRUMENTS}

# Written out here, not read from the files: the risk condition each shipped instrument must have.
RISK_CONDITIONS = {
    "phq9": {"q9": (lambda value: value > 0, "suicidal_thoughts")},
    "phqa": {
        "q9": (lambda value: value > 0, "suicidal_thoughts"),
        "past_month_thoughts": (lambda value: value == 1, "suicidal_thoughts_past_month"),  # "yes"
        "ever_attempt": (lambda value: value == 1, "suicide_attempt_ever"),
    },
    "srq20": {"q17": (lambda value: value == 1, "suicidal_thoughts")},  # "yes"
    # The needs questionnaires: a "yes" to these statements (yes = 1).
    "akpd": {
        "p10": (lambda value: value == 1, "self_harm_thoughts"),
        "p09": (lambda value: value == 1, "low_mood"),
        "s10": (lambda value: value == 1, "bullied"),
    },
    "dcm": {
        "p10": (lambda value: value == 1, "life_not_worth"),
        "s09": (lambda value: value == 1, "bullied"),
        "s10": (lambda value: value == 1, "hurt_by_someone"),
    },
}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def valid_answers(draw, instrument):
    """Option values for every required item, then any number of the optional ones (some None)."""
    answers = [draw(st.sampled_from(item.values)) for item in instrument.items if item.required]
    optional = [item for item in instrument.items if not item.required]
    for item in optional[: draw(st.integers(0, len(optional)))]:
        answers.append(draw(st.none() | st.sampled_from(item.values)))
    return answers


def by_id(instrument, answers):
    return {item.id: answer for item, answer in zip(instrument.items, answers, strict=False)}


# --- Known scores -------------------------------------------------------------------------------


def test_phq9_all_threes_is_27_severe_with_the_item_9_flag():
    result = score(get_instrument("phq9"), [3] * 9)
    assert (result.instrument, result.version, result.total, result.band) == ("phq9", 1, 27, "severe")
    assert result.flags == ["suicidal_thoughts"] and result.at_risk and result.severity == "severe"
    assert result.cutoffs == {"probable_depression": True}


def test_phq9_all_zeros_is_minimal_without_flags():
    result = score("phq9", [0] * 9)
    assert (result.total, result.band, result.flags, result.at_risk) == (0, "minimal", [], False)
    assert result.cutoffs == {"probable_depression": False} and result.severity == "none"


def test_phq9_item_9_alone_raises_the_flag_even_when_the_total_is_minimal():
    result = score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert (result.total, result.band, result.flags) == (1, "minimal", ["suicidal_thoughts"])


@pytest.mark.parametrize(
    ("total", "band"),
    [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"), (15, "moderately_severe"),
     (19, "moderately_severe"), (20, "severe")],
)  # fmt: skip
def test_phq9_band_edges(total, band):
    answers = [3] * (total // 3) + [total % 3] + [0] * 9
    assert score("phq9", answers[:9]).band == band and sum(answers[:9]) == total


def test_phq9_optional_difficulty_question_is_asked_but_not_scored():
    assert score("phq9", [1] * 9 + [3]).total == 9
    assert score("phq9", [1] * 9 + [None]).answers == (1,) * 9 + (None,)
    assert score("phq9", [1] * 9).answers == (1,) * 9 + (None,)


def test_phqa_scores_like_phq9_and_its_supplementary_suicide_questions_raise_flags():
    assert score("phqa", [2] * 9).total == 18 and score("phqa", [2] * 9).band == "moderately_severe"
    result = score("phqa", [0] * 9 + [1, 0, 1, 0])
    assert (result.total, result.flags) == (0, ["suicidal_thoughts_past_month"])
    result = score("phqa", [0] * 8 + [2] + [0, 0, 0, 1])
    assert result.flags == ["suicidal_thoughts", "suicide_attempt_ever"]
    assert score("phqa", [0] * 9 + [None, None, None, 0]).flags == []


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ([0] * 7, 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "mild"),
        ([2, 2, 2, 2, 1, 0, 0], 9, "mild"),
        ([2, 2, 2, 2, 2, 0, 0], 10, "moderate"),
        ([3, 3, 3, 3, 2, 0, 0], 14, "moderate"),
        ([3, 3, 3, 3, 3, 0, 0], 15, "severe"),
        ([3] * 7, 21, "severe"),
    ],
)
def test_gad7(answers, total, band):
    result = score("gad7", answers)
    assert (result.total, result.band, result.flags) == (total, band, [])
    assert result.cutoffs == {"probable_anxiety": total >= 10}


def test_phq4_total_band_and_subscales_each_flagged_at_three():
    result = score("phq4", [2, 1, 1, 1])
    assert (result.total, result.band) == (5, "mild")
    assert result.subscales == {
        "anxiety": {"score": 3, "band": None, "flagged": True},
        "depression": {"score": 2, "band": None, "flagged": False},
    }
    assert score("phq4", [0, 0, 0, 0]).band == "normal" and score("phq4", [3, 3, 3, 3]).band == "severe"
    assert score("phq4", [1, 1, 3, 3]).subscales["depression"]["flagged"] is True
    assert [score("phq4", [3, 3, 0, n]).band for n in (0, 2, 3)] == ["moderate", "moderate", "severe"]


@pytest.mark.parametrize(
    ("answers", "raw", "percentage", "band"),
    [
        ([5] * 5, 25, 100, "good"),
        ([0] * 5, 0, 0, "likely_depression"),
        ([1, 1, 1, 2, 2], 7, 28, "likely_depression"),
        ([2, 2, 2, 1, 1], 8, 32, "poor"),
        ([2, 2, 2, 3, 3], 12, 48, "poor"),
        ([3, 3, 3, 2, 2], 13, 52, "good"),
    ],
)
def test_who5_raw_and_percentage(answers, raw, percentage, band):
    result = score("who5", answers)
    assert (result.total, result.derived, result.band) == (raw, {"percentage": percentage}, band)
    assert result.cutoffs == {"poor_wellbeing": raw < 13}


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [([1] * 10, 10, "low"), ([2] * 5 + [1] * 5, 15, "low"), ([2] * 6 + [1] * 4, 16, "moderate"),
     ([3] * 2 + [2] * 8, 22, "high"), ([3] * 10, 30, "very_high"), ([5] * 10, 50, "very_high")],
)  # fmt: skip
def test_k10_items_scored_one_to_five(answers, total, band):
    assert (score("k10", answers).total, score("k10", answers).band) == (total, band)


def test_k10_refuses_zero():
    with pytest.raises(ScoringError) as caught:
        score("k10", [0] + [1] * 9)
    assert caught.value.code == INVALID_VALUE and caught.value.params["allowed"] == [1, 2, 3, 4, 5]


def test_srq20_cut_off_at_six_yes_and_item_17_is_a_risk_item():
    five = [1] * 5 + [0] * 15
    assert (score("srq20", five).total, score("srq20", five).band, score("srq20", five).flags) == (
        5, "below_cutoff", []
    )  # fmt: skip
    six = [1] * 6 + [0] * 14
    assert (score("srq20", six).band, score("srq20", six).cutoffs) == (
        "above_cutoff", {"probable_mental_emotional_disorder": True}
    )  # fmt: skip
    only_17 = [0] * 16 + [1] + [0] * 3
    result = score("srq20", only_17)
    assert (result.total, result.band, result.flags) == (1, "below_cutoff", ["suicidal_thoughts"])


def test_knowledge_stigma_reverse_scores_the_mistaken_statements():
    stigma = get_instrument("knowledge_stigma")
    agree_with_everything = score(stigma, [5] * 10)
    # k1, k2, k4, a2, a5 count 5 each; k3, k5, a1, a3, a4 are reversed and count 1 each.
    assert agree_with_everything.total == 30
    assert agree_with_everything.subscales == {
        "knowledge": {"score": 17, "band": None, "flagged": None},
        "attitudes": {"score": 13, "band": None, "flagged": None},
    }
    best = [1 if item.reverse else 5 for item in stigma.items]
    assert (score(stigma, best).total, score(stigma, best).band) == (50, "high")
    worst = [5 if item.reverse else 1 for item in stigma.items]
    assert (score(stigma, worst).total, score(stigma, worst).band) == (10, "low")


def test_satisfaction():
    assert (score("satisfaction", [4] * 6).total, score("satisfaction", [4] * 6).band) == (24, "high")
    assert score("satisfaction", [3, 3, 3, 3, 3, 2]).band == "low"


def test_answers_may_be_text_as_forms_send_them():
    assert score("phq9", ["3", " 2", "1", "0", "0", "0", "0", "0", "0"]).total == 6


def test_the_result_is_json_ready():
    result = score("phq4", [1, 2, 3, 0])
    data = json.loads(json.dumps(result.as_dict()))
    assert data["instrument"] == "phq4" and data["total"] == 6 and data["answers"] == [1, 2, 3, 0]
    assert data["subscales"]["anxiety"] == {"score": 3, "band": None, "flagged": True}
    assert set(data) >= {
        "instrument",
        "version",
        "total",
        "band",
        "severity",
        "subscales",
        "flags",
        "derived",
    }


# --- Clear errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "answers", "error_code", "params"),
    [
        ("phq9", [0] * 8, WRONG_COUNT, {"expected_min": 9, "expected_max": 10, "given": 8}),
        ("phq9", [0] * 11, WRONG_COUNT, {"expected_min": 9, "expected_max": 10, "given": 11}),
        ("gad7", [], WRONG_COUNT, {"expected_min": 7, "expected_max": 7, "given": 0}),
        (
            "phq9",
            [0] * 8 + [4],
            INVALID_VALUE,
            {"number": 9, "item": "q9", "value": "4", "allowed": [0, 1, 2, 3]},
        ),
        (
            "phq9",
            [-1] + [0] * 8,
            INVALID_VALUE,
            {"number": 1, "item": "q1", "value": "-1", "allowed": [0, 1, 2, 3]},
        ),
        (
            "phq9",
            ["x"] + [0] * 8,
            INVALID_VALUE,
            {"number": 1, "item": "q1", "value": "x", "allowed": [0, 1, 2, 3]},
        ),
        (
            "phq9",
            [True] + [0] * 8,
            INVALID_VALUE,
            {"number": 1, "item": "q1", "value": "True", "allowed": [0, 1, 2, 3]},
        ),
        (
            "phq9",
            [1.0] + [0] * 8,
            INVALID_VALUE,
            {"number": 1, "item": "q1", "value": "1.0", "allowed": [0, 1, 2, 3]},
        ),
        (
            "phq9",
            [0] * 9 + [7],
            INVALID_VALUE,
            {"number": 10, "item": "difficulty", "value": "7", "allowed": [0, 1, 2, 3]},
        ),
        (
            "srq20",
            [2] + [0] * 19,
            INVALID_VALUE,
            {"number": 1, "item": "q1", "value": "2", "allowed": [1, 0]},
        ),
        ("gad7", [0, 0, None, 0, 0, 0, 0], MISSING_ANSWER, {"number": 3, "item": "q3"}),
        ("gad7", [0, 0, "", 0, 0, 0, 0], MISSING_ANSWER, {"number": 3, "item": "q3"}),
    ],
)
def test_wrong_answers_raise_a_scoring_error_with_a_stable_code(code, answers, error_code, params):
    with pytest.raises(ScoringError) as caught:
        score(code, answers)
    assert caught.value.code == error_code and caught.value.params == params
    assert str(caught.value)  # a message in English for logs and the command line


def test_messages_say_what_is_wrong():
    with pytest.raises(ScoringError, match="PHQ-9 needs 9 to 10 answers; got 3"):
        score("phq9", [0, 0, 0])
    with pytest.raises(
        ScoringError, match=r"'4' is not an answer to question 2 \(q2\); the answers are 0, 1, 2, 3"
    ):
        score("gad7", [0, "4", 0, 0, 0, 0, 0])
    with pytest.raises(ScoringError, match="must be a list"):
        score("gad7", "0000000")


# --- Properties, for every instrument -----------------------------------------------------------


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
def test_bands_cover_the_whole_range_without_gaps_or_overlaps(instrument):
    low, high = instrument.range
    for total in range(low - 3, high + 4):
        holding = [band.code for band in instrument.bands if band.contains(total)]
        assert len(holding) == (1 if low <= total <= high else 0), (total, holding)
    for subscale in (subscale for subscale in instrument.subscales if subscale.bands):
        for subtotal in range(subscale.range[0], subscale.range[1] + 1):
            assert len([band for band in subscale.bands if band.contains(subtotal)]) == 1


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
def test_the_declared_range_is_reached_at_both_ends(instrument):
    lowest = [min(item.values, key=item.scored_value) for item in instrument.items if item.required]
    highest = [max(item.values, key=item.scored_value) for item in instrument.items if item.required]
    assert (score(instrument, lowest).total, score(instrument, highest).total) == instrument.range


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
@PROPERTY
@given(data=st.data())
def test_any_valid_answers_give_a_total_in_range_and_exactly_one_band(instrument, data):
    answers = data.draw(valid_answers(instrument))
    result = score(instrument, answers)
    low, high = instrument.range
    assert low <= result.total <= high
    holding = [band for band in instrument.bands if band.min <= result.total <= band.max]
    assert [band.code for band in holding] == [result.band] and holding[0].severity == result.severity
    assert result.answers[: len(answers)] == tuple(answers) and len(result.answers) == len(instrument.items)
    for subscale in instrument.subscales:
        values = result.subscales[subscale.code]
        assert subscale.range[0] <= values["score"] <= subscale.range[1]
        assert values["flagged"] == (subscale.cutoff.met(values["score"]) if subscale.cutoff else None)
    covered = sorted(item for subscale in instrument.subscales for item in subscale.items)
    if covered == sorted(item.id for item in instrument.items if item.scored):  # subscales split the items
        assert sum(values["score"] for values in result.subscales.values()) == result.total
    if instrument.code == "who5":
        assert result.derived == {"percentage": result.total * 4} and 0 <= result.derived["percentage"] <= 100


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
@PROPERTY
@given(data=st.data())
def test_flags_appear_exactly_when_the_risk_condition_holds(instrument, data):
    answers = data.draw(valid_answers(instrument))
    given_answers = by_id(instrument, answers)
    expected = [
        flag
        for item_id, (condition, flag) in RISK_CONDITIONS.get(instrument.code, {}).items()
        if given_answers.get(item_id) is not None and condition(given_answers[item_id])
    ]
    assert score(instrument, answers).flags == expected


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
@PROPERTY
@given(data=st.data())
def test_each_scored_item_moves_the_total_by_its_own_span_the_right_way(instrument, data):
    answers = data.draw(valid_answers(instrument))
    scored = [index for index, item in enumerate(instrument.items[: len(answers)]) if item.scored]
    index = data.draw(st.sampled_from(scored))
    item = instrument.items[index]
    at_top = score(instrument, answers[:index] + [max(item.values)] + answers[index + 1 :]).total
    at_bottom = score(instrument, answers[:index] + [min(item.values)] + answers[index + 1 :]).total
    span = max(item.values) - min(item.values)
    assert at_top - at_bottom == (-span if item.reverse else span)


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
@PROPERTY
@given(data=st.data())
def test_unscored_items_never_change_the_total(instrument, data):
    answers = data.draw(valid_answers(instrument))
    answers += [None] * (len(instrument.items) - len(answers))
    changed = [
        answer if item.scored else data.draw(st.none() | st.sampled_from(item.values))
        for item, answer in zip(instrument.items, answers, strict=True)
    ]
    assert score(instrument, changed).total == score(instrument, answers).total


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
@PROPERTY
@given(data=st.data())
def test_any_value_that_is_not_an_option_is_refused(instrument, data):
    answers = data.draw(valid_answers(instrument))
    index = data.draw(st.integers(0, instrument.min_answers - 1))
    bad = data.draw(
        st.integers(-1000, 1000).filter(lambda value: value not in instrument.items[index].values)
    )
    answers[index] = bad
    with pytest.raises(ScoringError) as caught:
        score(instrument, answers)
    assert caught.value.code == INVALID_VALUE and caught.value.params["number"] == index + 1


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
@PROPERTY
@given(data=st.data())
def test_any_wrong_number_of_answers_is_refused(instrument, data):
    count = data.draw(
        st.integers(0, instrument.max_answers + 5).filter(
            lambda n: not instrument.min_answers <= n <= instrument.max_answers
        )
    )
    with pytest.raises(ScoringError) as caught:
        score(instrument, [instrument.items[0].values[0]] * count)
    assert caught.value.code == WRONG_COUNT and caught.value.params["given"] == count


def test_the_clinical_cutoffs_agree_with_the_bands():
    for total in range(0, 28):
        answers = ([3] * (total // 3) + [total % 3] + [0] * 9)[:9]
        result = score("phq9", answers)
        assert result.cutoffs["probable_depression"] == (result.band not in ("minimal", "mild"))
    for yes in range(21):
        result = score("srq20", [1] * yes + [0] * (20 - yes))
        assert result.cutoffs["probable_mental_emotional_disorder"] == (result.band == "above_cutoff")
    for raw in range(26):
        result = score("who5", ([5] * (raw // 5) + [raw % 5] + [0] * 5)[:5])
        assert result.total == raw and result.cutoffs["poor_wellbeing"] == (result.band != "good")
