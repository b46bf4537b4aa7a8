"""`sebaya risk train`: the learned layer from the project's labelled lines.

What it learns from: every labelled line written for the project (``data/train/*.tsv`` and the
shipped evaluation sets, which hold the hard ordinary lines a word list learned to leave alone)
and the counselors' reviewed feedback (``data/feedback/*.tsv``, written by ``sebaya risk
feedback export`` and checked by a person). Never the blind rounds in ``data/blind/``: they are
kept for first-look figures.

How the thresholds are chosen: five-fold cross-validation over those lines gives every line a
probability from a model that did not see it; the thresholds are the ones that, combined with
the lexicon as the detector combines them, find the most crisis lines while keeping ordinary
lines flagged at or under 4 % and concern lines raised to crisis at or under 5 % (a false
crisis pages the person on call). The figures printed are those out-of-fold ones.

Deterministic: the folds come from a hash of each text, the optimizer starts from zeros, and the
file is written with fixed metadata, so the same lines give the same file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sebaya.safety.risk import model as risk_model
from sebaya.safety.risk.encoder import embed
from sebaya.safety.risk.engine import RANK, assess, reading
from sebaya.safety.risk.evaluation import DATA, SHIPPED, read_examples, training_files
from sebaya.safety.risk.lexicon import CONCERN, CRISIS, NONE
from sebaya.safety.risk.normalization import squeeze

FEEDBACK_DIR = DATA / "feedback"
FOLDS = 5
STRENGTH = 1e-4  # L2 penalty, chosen by cross-validation (see docs/RISK_DETECTION.md)
MAX_ORDINARY_FLAGGED = 0.04
MAX_CONCERN_AS_CRISIS = 0.05
GRID = tuple(round(0.30 + 0.01 * step, 2) for step in range(70))  # 0.30 ... 0.99


@dataclass(frozen=True)
class Line:
    level: str
    text: str
    source: str


def training_sources() -> list[Path]:
    """Every file the model learns from, in a fixed order."""
    return [*training_files(), *SHIPPED, *training_files(FEEDBACK_DIR)]


def training_lines(sources: list[Path] | None = None) -> list[Line]:
    """The labelled lines, each text once (the first label wins; the tests keep labels agreeing)."""
    seen: set[str] = set()
    lines = []
    for path in sources if sources is not None else training_sources():
        for example in read_examples(path):
            key = squeeze(example.text)
            if key in seen:
                continue
            seen.add(key)
            lines.append(Line(example.level, example.text, Path(path).name))
    return lines


def fold_of(text: str, folds: int = FOLDS) -> int:
    return int.from_bytes(hashlib.sha256(squeeze(text).encode()).digest()[:4], "big") % folds


def out_of_fold(
    lines: list[Line], readings: list[str], embeddings: np.ndarray | None, *, strength: float = STRENGTH
) -> np.ndarray:
    """For each line, the probabilities (crisis, concern, none) from a model trained without it."""
    probabilities = np.zeros((len(lines), 3))
    levels = [line.level for line in lines]
    folds = np.array([fold_of(line.text) for line in lines])
    for fold in range(FOLDS):
        inside = np.flatnonzero(folds != fold)
        outside = np.flatnonzero(folds == fold)
        model = risk_model.train(
            [readings[i] for i in inside],
            [levels[i] for i in inside],
            None if embeddings is None else embeddings[inside],
            strength=strength,
        )
        probabilities[outside] = model.probabilities_many(
            [readings[i] for i in outside],
            None,
            embeddings=None if embeddings is None else embeddings[outside],
        )
    return probabilities


@dataclass
class Figures:
    crisis_recall: float
    crisis_flagged: float
    concern_flagged: float
    ordinary_flagged: float
    concern_as_crisis: float


def combined_levels(
    probabilities: np.ndarray, lexicon: list[str], crisis: float, concern: float
) -> list[str]:
    levels = []
    for (p_crisis, p_concern, _p_none), by_lexicon in zip(probabilities, lexicon, strict=True):
        by_model = CRISIS if p_crisis >= crisis else CONCERN if p_crisis + p_concern >= concern else NONE
        levels.append(max(by_model, by_lexicon, key=RANK.__getitem__))
    return levels


def figures(levels: list[str], truth: list[str]) -> Figures:
    def share(label, condition):
        chosen = [level for level, true in zip(levels, truth, strict=True) if true == label]
        return sum(map(condition, chosen)) / len(chosen) if chosen else 0.0

    return Figures(
        crisis_recall=share(CRISIS, lambda level: level == CRISIS),
        crisis_flagged=share(CRISIS, lambda level: level != NONE),
        concern_flagged=share(CONCERN, lambda level: level != NONE),
        ordinary_flagged=share(NONE, lambda level: level != NONE),
        concern_as_crisis=share(CONCERN, lambda level: level == CRISIS),
    )


def choose_thresholds(probabilities: np.ndarray, lexicon: list[str], truth: list[str]) -> tuple[float, float]:
    """The (crisis, concern) thresholds that find the most of what must be found (crisis recall,
    crisis flagged at any level and concern flagged, counted alike) within the limits on
    ordinary lines flagged and concern lines raised to crisis."""
    lexicon_rank = np.array([RANK[level] for level in lexicon])
    truth = np.array(truth)
    crisis_rows, concern_rows, none_rows = (truth == CRISIS), (truth == CONCERN), (truth == NONE)
    p_crisis = probabilities[:, 0]
    p_flag = probabilities[:, 0] + probabilities[:, 1]
    best, best_key = (GRID[-1], GRID[-1]), None
    for crisis in GRID:
        for concern in GRID:
            model_rank = np.where(p_crisis >= crisis, 2, np.where(p_flag >= concern, 1, 0))
            rank = np.maximum(model_rank, lexicon_rank)
            if (rank[none_rows] > 0).mean() > MAX_ORDINARY_FLAGGED:
                continue
            if (rank[concern_rows] == 2).mean() > MAX_CONCERN_AS_CRISIS:
                continue
            found = (
                (rank[crisis_rows] == 2).mean()
                + (rank[crisis_rows] > 0).mean()
                + (rank[concern_rows] > 0).mean()
            )
            key = (round(found, 6), -(rank[none_rows] > 0).mean())
            if best_key is None or key > best_key:
                best, best_key = (crisis, concern), key
    return best


@dataclass
class Training:
    model: risk_model.Model
    lines: list[Line]
    cross_validated: Figures  # combined detector, out of fold, at the chosen thresholds
    lexicon_alone: Figures
    model_alone: Figures


def train(lines: list[Line] | None = None, *, strength: float = STRENGTH, encoder: bool = True) -> Training:
    """Cross-validate, choose the thresholds, then train the model on every line."""
    lines = training_lines() if lines is None else lines
    readings = [reading(line.text) for line in lines]
    truth = [line.level for line in lines]
    lexicon = [assess(line.text).level for line in lines]
    embeddings = None
    if encoder:
        embeddings = embed([line.text for line in lines]).astype(np.float64)
    probabilities = out_of_fold(lines, readings, embeddings, strength=strength)
    model = risk_model.train(readings, truth, embeddings, strength=strength)
    # The detector does not ask the model about a text it cannot read; neither do the thresholds.
    unread = [i for i, text in enumerate(readings) if not model.can_read(text)]
    probabilities[unread] = [0.0, 0.0, 1.0]
    crisis, concern = choose_thresholds(probabilities, lexicon, truth)
    model.crisis_threshold, model.concern_threshold = crisis, concern
    model.trained_on = {
        "lines": {level: truth.count(level) for level in risk_model.CLASSES},
        "digest": risk_model.digest([(line.level, line.text) for line in lines]),
        "strength": strength,
        "folds": FOLDS,
    }
    return Training(
        model=model,
        lines=lines,
        cross_validated=figures(combined_levels(probabilities, lexicon, crisis, concern), truth),
        lexicon_alone=figures(lexicon, truth),
        model_alone=figures(combined_levels(probabilities, [NONE] * len(lines), crisis, concern), truth),
    )
