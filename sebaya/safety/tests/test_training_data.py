"""The training files for the learned classifier (``data/train/*.tsv``) are well formed.

Every line parses, names a known family whose level is the line's level, and no training message
appears twice, within the training files or in an evaluation set, once case and spacing are ignored: a
duplicate would weigh one message twice, and one shared with an evaluation set would leak it.
"""

from __future__ import annotations

import pytest

from sebaya.safety.risk.evaluation import (
    SHIPPED,
    TRAIN_DIR,
    EvalFileError,
    read_examples,
    training_files,
)
from sebaya.safety.risk.families import BY_CODE

TRAINING = training_files()


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def test_training_files_lists_the_tsv_files_of_the_folder_in_order(tmp_path):
    for name in ("b.tsv", "a.tsv", "notes.txt"):
        (tmp_path / name).write_text("none\teveryday\thalo\n", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "c.tsv").write_text("none\teveryday\thalo\n", encoding="utf-8")
    assert training_files(tmp_path) == [tmp_path / "a.tsv", tmp_path / "b.tsv"]
    assert training_files(tmp_path / "missing") == []


def test_the_training_data_is_shipped_and_kept_apart_from_the_evaluation_sets():
    assert TRAIN_DIR / "crisis.tsv" in TRAINING
    assert not set(TRAINING) & set(SHIPPED)


@pytest.mark.parametrize("path", TRAINING, ids=[path.name for path in TRAINING])
def test_every_training_line_has_a_known_family_of_its_level(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#"), "a training file starts with comments on who wrote it, when and why"
    examples = read_examples(path)  # raises on a bad level or a family of another level
    for example in examples:
        assert example.family, f"{path.name}, line {example.line}: no family"
        assert BY_CODE[example.family].level == example.level
        assert example.text.strip() == example.text and example.text, f"{path.name}, line {example.line}"


def test_a_family_of_another_level_is_refused(tmp_path):
    path = tmp_path / "wrong.tsv"
    path.write_text("# test\nconcern\twish_dead\tpengen tidur terus\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="line 2: the family wish_dead is crisis"):
        read_examples(path)


def test_no_training_message_appears_twice_within_or_across_the_data_files():
    # The evaluation sets among themselves are checked in test_risk.py, where spacing counts: they hold
    # "P E N G E N   M A T I" and "p e n g e n  m a t i" on purpose, to test the normalization.
    seen = {
        _key(example.text): f"{path.name}:{example.line}"
        for path in SHIPPED
        for example in read_examples(path)
    }
    duplicates = []
    for path in TRAINING:
        for example in read_examples(path):
            key = _key(example.text)
            if key in seen:
                duplicates.append(f"{path.name}:{example.line} repeats {seen[key]}: {example.text}")
            else:
                seen[key] = f"{path.name}:{example.line}"
    assert duplicates == []
