"""Scoring answers to an instrument: plain Python, no database.

    result = score(get_instrument("phq9"), [3, 3, 3, 3, 3, 3, 3, 3, 3])
    result.total == 27, result.band == "severe", result.flags == ["suicidal_thoughts"]

Answers are the option VALUES, one per item in the instrument's order. Trailing optional items
(not required, never scored, e.g. PHQ-9's "how difficult" question) may be left out or given as
None. Anything else wrong raises ScoringError, whose `code` is stable so the web layer can
translate it and whose `params` fill in the details.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sebaya.screening.instruments import Instrument, get_instrument

# ScoringError.code values, with the params each carries.
WRONG_COUNT = "wrong_count"  # expected_min, expected_max, given
MISSING_ANSWER = "missing_answer"  # number (1-based), item
INVALID_VALUE = "invalid_value"  # number (1-based), item, value, allowed


class ScoringError(ValueError):
    """The answers do not fit the instrument. `code` is one of the constants above."""

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Result:
    instrument: str  # the instrument's code
    version: int
    answers: tuple[int | None, ...]  # as given (None for a skipped optional item), one per item
    total: int
    band: str  # the code of the band the total falls in
    severity: str  # that band's severity: none, mild, moderate or severe
    subscales: dict[str, dict[str, Any]] = field(default_factory=dict)  # {code: {score, band, flagged}}
    flags: list[str] = field(default_factory=list)  # raised risk-item flag codes, in the file's order
    cutoffs: dict[str, bool] = field(default_factory=dict)  # {cut-off code: met}
    derived: dict[str, int | float] = field(default_factory=dict)  # e.g. {"percentage": 76}

    @property
    def at_risk(self) -> bool:
        return bool(self.flags)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready; the `sebaya instruments score` output is a subset of this."""
        return {
            "instrument": self.instrument,
            "version": self.version,
            "answers": list(self.answers),
            "total": self.total,
            "band": self.band,
            "severity": self.severity,
            "subscales": {code: dict(values) for code, values in self.subscales.items()},
            "flags": list(self.flags),
            "cutoffs": dict(self.cutoffs),
            "derived": dict(self.derived),
        }


def score(instrument: Instrument | str, answers: Sequence[Any]) -> Result:
    """Score one set of answers. `instrument` may be an Instrument or a code (latest version)."""
    if isinstance(instrument, str):
        instrument = get_instrument(instrument)
    values = check_answers(instrument, answers)
    by_id = {item.id: value for item, value in zip(instrument.items, values, strict=True)}
    scored = {item.id: item.scored_value(by_id[item.id]) for item in instrument.items if item.scored}
    total = sum(scored.values())
    band = instrument.band_for(total)
    subscales = {}
    for subscale in instrument.subscales:
        subtotal = sum(scored[item_id] for item_id in subscale.items)
        sub_band = subscale.band_for(subtotal)
        subscales[subscale.code] = {
            "score": subtotal,
            "band": sub_band.code if sub_band else None,
            "flagged": subscale.cutoff.met(subtotal) if subscale.cutoff else None,
        }
    sources = {"total": total} | {code: values["score"] for code, values in subscales.items()}
    return Result(
        instrument=instrument.code,
        version=instrument.version,
        answers=tuple(values),
        total=total,
        band=band.code,
        severity=band.severity,
        subscales=subscales,
        flags=[risk.flag for risk in instrument.risk_items if risk.raised(by_id[risk.item])],
        cutoffs={cutoff.code: cutoff.met(total) for cutoff in instrument.cutoffs},
        derived={derived.code: derived.compute(sources[derived.of]) for derived in instrument.derived},
    )


def check_answers(instrument: Instrument, answers: Sequence[Any]) -> list[int | None]:
    """The answers as option values, one per item (None for skipped optional items); or ScoringError.

    An answer may be an int or text holding one (as a form or the command line sends it).
    """
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise ScoringError(WRONG_COUNT, "Answers must be a list of option values.", given=None)
    low, high = instrument.min_answers, instrument.max_answers
    if not low <= len(answers) <= high:
        expected = str(low) if low == high else f"{low} to {high}"
        raise ScoringError(
            WRONG_COUNT,
            f"{instrument.short_name.en} needs {expected} answers; got {len(answers)}.",
            expected_min=low,
            expected_max=high,
            given=len(answers),
        )
    values: list[int | None] = []
    for item, answer in zip(instrument.items, [*answers, *[None] * (high - len(answers))], strict=True):
        if answer is None or answer == "":
            if item.required:
                raise ScoringError(
                    MISSING_ANSWER,
                    f"Question {item.number} ({item.id}) has no answer.",
                    number=item.number,
                    item=item.id,
                )
            values.append(None)
            continue
        value = _as_int(answer)
        if value is None or value not in item.values:
            allowed = ", ".join(map(str, item.values))
            raise ScoringError(
                INVALID_VALUE,
                f"{answer!r} is not an answer to question {item.number} ({item.id}); "
                f"the answers are {allowed}.",
                number=item.number,
                item=item.id,
                value=str(answer),
                allowed=list(item.values),
            )
        values.append(value)
    return values


def _as_int(answer: Any) -> int | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        return answer
    if isinstance(answer, str) and answer.strip().lstrip("+-").isdigit() and answer.strip().isascii():
        return int(answer.strip())
    return None
