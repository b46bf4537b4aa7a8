"""The detector every page uses: the lexicon and the learned layer side by side.

The level is the higher of the two. The lexicon alone decides when the model file or the
encoder cannot load (``sebaya check`` says so, sebaya.E002): an alert still goes out for every
crisis the lexicon finds. The model can only raise a level, never lower the lexicon's.
"""

from __future__ import annotations

from sebaya.safety.risk import engine
from sebaya.safety.risk import model as risk_model
from sebaya.safety.risk.engine import LEVELS, RANK, RiskAssessment
from sebaya.safety.risk.lexicon import NONE

LEXICON, MODEL = "lexicon", "model"
LAYERS = (LEXICON, MODEL)


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
    readings = [engine.reading(text) for text in texts]
    wordy = [index for index, reading in enumerate(readings) if reading.strip(" .#")]  # else: nothing to rate
    rated = model.rate_many([readings[index] for index in wordy], [texts[index] for index in wordy])
    results = list(lexical)
    for index, (level, score) in zip(wordy, rated, strict=True):
        results[index] = _combine(lexical[index], level, score)
    return results


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
