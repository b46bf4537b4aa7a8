"""The detector every page uses: the lexicon and the learned layer side by side.

The level is the higher of the two. The lexicon alone decides when the model file or the
encoder cannot load (``sebaya check`` says so, sebaya.E002): an alert still goes out for every
crisis the lexicon finds. The model can only raise a level, never lower the lexicon's.
"""

from __future__ import annotations

import re

from sebaya.safety.risk import engine
from sebaya.safety.risk import model as risk_model
from sebaya.safety.risk.engine import LEVELS, RANK, RiskAssessment
from sebaya.safety.risk.lexicon import NONE

LEXICON, MODEL = "lexicon", "model"
LAYERS = (LEXICON, MODEL)
CHUNK = 300  # a text longer than this is read by the learned layer in parts (see `chunks`)
PART = 80  # sentences are packed into parts up to this length: most stand alone
_SENTENCE_END = re.compile(r"(?<=[.!?\n])(?=\s)")


def assess(text: str) -> RiskAssessment:
    """Assess one text (a message, a help request, a note) for risk."""
    return assess_many([text])[0]


def assess_many(texts: list[str], *, layers: tuple[str, ...] = LAYERS) -> list[RiskAssessment]:
    """Assess many texts at once (the encoder runs in batches). `layers` limits which layers
    speak, for measuring one alone; pages always use both."""
    lexical = [engine.assess(text) if LEXICON in layers else engine.RiskAssessment(NONE) for text in texts]
    model = risk_model.load() if MODEL in layers else None
    if model is None:
        return lexical
    owners, pieces = [], []
    for index, text in enumerate(texts):
        for piece in chunks(text or ""):
            owners.append(index)
            pieces.append(piece)
    readings = [engine.reading(piece) for piece in pieces]
    wordy = [i for i, reading in enumerate(readings) if model.can_read(reading)]
    rated = model.rate_many([readings[i] for i in wordy], [pieces[i] for i in wordy])
    best: dict[int, tuple[str, dict]] = {}
    for i, (level, score) in zip(wordy, rated, strict=True):
        owner = owners[i]
        if owner not in best:
            best[owner] = (level, score)
            continue
        # A long text is as risky as its riskiest part: the highest level, the highest scores.
        kept_level, kept_score = best[owner]
        best[owner] = (
            max(kept_level, level, key=RANK.__getitem__),
            {key: max(kept_score[key], score[key]) for key in score},
        )
    results = list(lexical)
    for index, (level, score) in best.items():
        results[index] = _combine(lexical[index], level, score)
    return results


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """A long text in parts the size of a message: its sentences, packed up to `PART` characters,
    a sentence longer than `size` cut at spaces. A text up to `size` characters stays whole.

    The model learned from messages of a few sentences: in a long note one risky sentence is
    diluted among the others and goes unseen. And the encoder's memory grows faster than a text's
    length (one 48,000-character note took 400 MB). Parts keep both in bounds. Joined, the parts
    give the text back."""
    if len(text) <= size:
        return [text]
    sentences = []
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > size:
            cut = sentence.rfind(" ", size // 2, size)
            cut = size if cut < 0 else cut + 1
            sentences.append(sentence[:cut])
            sentence = sentence[cut:]
        sentences.append(sentence)
    parts = [""]
    for sentence in sentences:
        if parts[-1] and len(parts[-1]) + len(sentence) > PART:
            parts.append("")
        parts[-1] += sentence
    return [part for part in parts if part]


def _combine(lexicon: RiskAssessment, model_level: str, score: dict) -> RiskAssessment:
    level = max(lexicon.level, model_level, key=RANK.__getitem__)
    if level == NONE:
        return RiskAssessment(NONE, lexicon.matched, score=score, by=())
    by = tuple(name for name, said in ((LEXICON, lexicon.level), (MODEL, model_level)) if said == level)
    matched = lexicon.matched
    if by == (MODEL,):
        # Counselors see why: the model names no words, so say it was the model and how sure.
        probability = score["crisis"] if level == LEVELS[0] else score["concern"]
        matched = (*matched, f"model {probability:.2f}")
    return RiskAssessment(level, matched, score=score, by=by)
