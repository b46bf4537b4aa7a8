"""The labelled data files: every line names a family of its own level, and training data stays apart.

A family whose level differs from its line's level would make per-family recall lie, and a training
line that is also an evaluation line would make a learned model's figures look better than they are.
"""

import re
from collections import Counter

import pytest

from sebaya.safety.risk.evaluation import DATA, SHIPPED, read_examples
from sebaya.safety.risk.families import BY_CODE, FAMILIES, NONE_FAMILIES

TRAIN = DATA / "train"
CONCERN_FILE = TRAIN / "concern.tsv"
CONCERN_FAMILIES = {family.code for family in FAMILIES if family.level == "concern"}


def _labelled_lines(path):
    """(line number, level, family, text) of every labelled line, read as raw text.

    Not through read_examples alone: it reads an unknown family as part of the text, so a typo in a
    family code would pass unnoticed.
    """
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert len(fields) == 3, f"{path.name}, line {number}: expected level<TAB>family<TAB>text"
        rows.append((number, *fields))
    return rows


def _key(text):
    """What makes two lines the same message: case, punctuation, spacing and stretched letters aside."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    text = re.sub(r"(.)\1{2,}", r"\1", text)
    return " ".join(text.split())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_evaluation_line_names_a_family_of_its_level(path):
    rows = _labelled_lines(path)
    assert rows
    for number, level, family, text in rows:
        assert family in BY_CODE, f"{path.name}, line {number}: unknown family {family!r}"
        assert BY_CODE[family].level == level, f"{path.name}, line {number}: {family} is not {level}"
        assert text.strip(), f"{path.name}, line {number}: no text"
    examples = read_examples(path)
    assert [(e.line, e.level, e.family, e.text) for e in examples] == rows  # the loader reads the same


def test_the_concern_training_data_parses_and_covers_every_concern_family():
    rows = _labelled_lines(CONCERN_FILE)
    for number, level, family, _text in rows:
        assert level in ("concern", "none"), f"line {number}: {level} does not belong in concern.tsv"
        assert family in BY_CODE and BY_CODE[family].level == level, f"line {number}: {family}"
    per_family = Counter(family for _number, level, family, _text in rows if level == "concern")
    # "mention" lines (a negated or past mention, a topic) sit beside the crisis lines in crisis.tsv.
    assert set(per_family) == CONCERN_FAMILIES - {"mention"}
    assert min(per_family.values()) >= 90, per_family
    negatives = Counter(family for _number, level, family, _text in rows if level == "none")
    assert set(negatives) <= {family.code for family in NONE_FAMILIES}
    assert sum(negatives.values()) >= 500, negatives
    assert len(read_examples(CONCERN_FILE)) == len(rows)


def test_the_concern_training_data_has_no_duplicates():
    seen = {}
    for number, _level, _family, text in _labelled_lines(CONCERN_FILE):
        key = _key(text)
        assert key not in seen, f"line {number} repeats line {seen[key]}: {text}"
        seen[key] = number


@pytest.mark.parametrize("path", sorted(TRAIN.glob("*.tsv")), ids=lambda path: path.name)
def test_no_training_line_is_an_evaluation_line(path):
    evaluation = {_key(example.text): example for shipped in SHIPPED for example in read_examples(shipped)}
    for example in read_examples(path):
        found = evaluation.get(_key(example.text))
        assert found is None, f"{path.name}, line {example.line} is in the evaluation sets: {example.text}"


def test_duplicates_are_found_despite_case_punctuation_and_stretched_letters():
    assert _key("Aku sedih bangeeet!!") == _key("aku sedih banget")
    assert _key("aku sedih banget") != _key("aku senang banget")
