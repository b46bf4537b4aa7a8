"""Triage rules and matching: plain Python, checked case by case and with hypothesis."""

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from sebaya.support.matching import Candidate, Need, eligible, rank
from sebaya.support.triage import TriageInput, triage


def test_danger_goes_to_a_counselor_urgently():
    assert triage(TriageInput(topic="academic", safety_answer=True)).tier == "urgent"
    result = triage(TriageInput(topic="family", text_level="crisis"))
    assert (result.tier, result.urgency) == ("urgent", "urgent") and "words_crisis" in result.reasons


def test_an_everyday_worry_goes_to_a_peer_and_says_why():
    result = triage(TriageInput(topic="academic", check_band="mild"))
    assert (result.tier, result.urgency, result.reasons) == ("peer", "routine", ("everyday",))


def test_the_highest_rule_wins_and_every_rule_is_kept():
    result = triage(TriageInput(topic="bullying", check_band="moderate", helper="counselor"))
    assert (result.tier, result.urgency) == ("counselor", "soon")
    assert set(result.reasons) == {"topic_bullying", "check_moderate", "asked_counselor"}
    assert triage(TriageInput(topic="other", check_band="severe")).tier == "counselor"
    assert triage(TriageInput(topic="other", stepped_up=True)).tier == "counselor"


@given(
    topic=st.sampled_from(["academic", "family", "bullying", "grief", "other"]),
    helper=st.sampled_from(["either", "peer", "counselor"]),
    band=st.sampled_from(["", "normal", "mild", "moderate", "severe"]),
    safety=st.sampled_from([None, False, True]),
    words=st.sampled_from(["none", "concern", "crisis"]),
)
def test_any_danger_signal_never_leaves_a_request_with_a_peer(topic, helper, band, safety, words):
    result = triage(
        TriageInput(topic=topic, helper=helper, check_band=band, safety_answer=safety, text_level=words)
    )
    if safety or words == "crisis":
        assert (result.tier, result.urgency) == ("urgent", "urgent")
    elif words == "concern" or band == "severe":
        assert result.tier in {"counselor", "urgent"}
    assert result.reasons


def candidate(**fields):
    base = {
        "id": uuid.uuid4(),
        "person_id": uuid.uuid4(),
        "gender": "female",
        "grade": 11,
        "class_name": "XI-1",
        "languages": frozenset({"id"}),
        "topics": frozenset(),
        "availability": frozenset(),
        "capacity": 3,
        "load": 0,
        "matchable": True,
    }
    return Candidate(**(base | fields))


def test_hard_rules_leave_supporters_out():
    person = uuid.uuid4()
    need = Need(
        topic="family", person_id=person, gender="female", grade=10, class_name="X-1", not_same_class=True
    )
    assert eligible(need, candidate())
    assert not eligible(need, candidate(matchable=False))  # not certified or not active
    assert not eligible(need, candidate(load=3))  # full
    assert not eligible(need, candidate(gender="male"))  # asked for a woman or girl
    assert not eligible(need, candidate(class_name="X-1"))  # asked for someone from another class
    assert not eligible(need, candidate(conflicts=frozenset({person})))  # a declared conflict
    assert not eligible(need, candidate(person_id=person))  # never themselves
    timed = Need(topic="family", times=frozenset({"mon_afternoon"}))
    assert not eligible(timed, candidate(availability=frozenset({"tue_morning"})))
    assert eligible(timed, candidate(availability=frozenset({"mon_afternoon", "tue_morning"})))


def test_ranking_gives_its_reasons():
    need = Need(
        topic="family", grade=10, languages=frozenset({"id", "su"}), times=frozenset({"mon_afternoon"})
    )
    best = candidate(
        topics=frozenset({"family"}),
        languages=frozenset({"id", "su"}),
        availability=frozenset({"mon_afternoon"}),
    )
    plain = candidate(grade=10, availability=frozenset({"mon_afternoon"}), load=2)
    proposals = rank(need, [plain, best])
    assert [p.candidate for p in proposals] == [best, plain]
    codes = [code for code, _params in proposals[0].reasons]
    assert codes == ["topic", "language", "times", "older", "load"]
    texts = proposals[0].reason_texts()
    assert any("su" in text for text in texts) and len(texts) == 5


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            candidate,
            gender=st.sampled_from(["female", "male"]),
            load=st.integers(0, 4),
            capacity=st.integers(1, 4),
            matchable=st.booleans(),
            class_name=st.sampled_from(["X-1", "X-2", "XI-1"]),
            topics=st.frozensets(st.sampled_from(["family", "academic", "grief"])),
            availability=st.frozensets(st.sampled_from(["mon_morning", "mon_afternoon", "fri_evening"])),
        ),
        max_size=12,
    ),
    st.sampled_from(["any", "female", "male"]),
    st.booleans(),
)
def test_every_proposal_is_eligible_and_they_come_best_first(candidates, gender, not_same_class):
    need = Need(
        topic="family",
        gender=gender,
        class_name="X-1",
        not_same_class=not_same_class,
        times=frozenset({"mon_afternoon"}),
    )
    proposals = rank(need, candidates, limit=100)
    assert all(eligible(need, p.candidate) for p in proposals)
    assert len(proposals) == sum(eligible(need, c) for c in candidates)
    scores = [p.score for p in proposals]
    assert scores == sorted(scores, reverse=True)


def test_a_step_up_note_that_reads_as_crisis_is_urgent_today():
    result = triage(TriageInput(topic="other", stepped_up=True, note_level="crisis"))
    assert (result.tier, result.urgency) == ("urgent", "urgent")
    assert "note_crisis" in result.reasons


def test_a_concern_flag_is_urgent_whatever_else_was_said():
    result = triage(TriageInput(topic="friends", helper="peer", concern_flag=True))
    assert (result.tier, result.urgency) == ("urgent", "urgent")


def test_a_plain_step_up_keeps_its_tier():
    result = triage(TriageInput(topic="other", stepped_up=True))
    assert (result.tier, result.urgency) == ("counselor", "soon")
