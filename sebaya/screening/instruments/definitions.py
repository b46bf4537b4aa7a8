"""The instrument as the rest of Sebaya sees it: frozen dataclasses built from a checked file,
and the two errors (`InstrumentError`: a file is wrong; `UnknownInstrument`: no such code or
version)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

LANGUAGES = ("id", "en")
# The alert level a raised risk item opens (safety.RiskLevel's values): "crisis" pages the rota at
# once; "concern" (e.g. "I am bullied" in a needs questionnaire) waits for a counselor's attention.
RISK_LEVELS = ("crisis", "concern")
OPERATORS: dict[str, Callable[[int, int], bool]] = {
    ">": operator.gt, ">=": operator.ge, "==": operator.eq,
    "!=": operator.ne, "<": operator.lt, "<=": operator.le,
}  # fmt: skip


class InstrumentError(Exception):
    """One or more instrument files are wrong; `errors` lists every problem found, one line each."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("Instrument files are not valid:\n" + "\n".join(f"  {e}" for e in self.errors))


class UnknownInstrument(LookupError):
    """No instrument with that code (code "unknown_instrument") or no such version ("unknown_version")."""

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Text:
    """A text in Indonesian and English. `str(text)` gives it in the active Django language."""

    id: str
    en: str

    def get(self, language: str | None = None) -> str:
        language = language if language is not None else _active_language()
        return self.en if language.lower().startswith("en") else self.id

    def __str__(self) -> str:
        return self.get()


def _active_language() -> str:
    try:
        return get_language() or LANGUAGES[0]
    except Exception:  # Django not configured (plain Python use): Indonesian first.
        return LANGUAGES[0]


@dataclass(frozen=True)
class Option:
    value: int
    label: Text


@dataclass(frozen=True)
class Item:
    id: str
    number: int  # 1-based position in the form
    text: Text
    options: tuple[Option, ...]
    option_set: str = ""  # the shared option set's name, "" when the options are listed in the item
    reverse: bool = False
    scored: bool = True
    required: bool = True

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)

    def scored_value(self, value: int) -> int:
        """What an answer adds to the total: the value itself, or mirrored when reverse-scored."""
        return min(self.values) + max(self.values) - value if self.reverse else value

    def option(self, value: int) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Band:
    code: str
    min: int
    max: int
    label: Text
    severity: str = "none"

    def contains(self, score: int) -> bool:
        return self.min <= score <= self.max


@dataclass(frozen=True)
class Cutoff:
    """Met when the score is at least `min` (or at most `max`); exactly one of the two is set."""

    code: str
    min: int | None
    max: int | None
    label: Text | None

    def met(self, score: int) -> bool:
        return score >= self.min if self.min is not None else score <= self.max  # type: ignore[operator]


@dataclass(frozen=True)
class Change:
    """What judging change between two measures needs (`kernel.change`), each with its source.

    `reliability` (test–retest or internal consistency, as published) with an optional `sd` gives
    the Jacobson–Truax threshold; without `sd`, the evaluation uses the standard deviation of the
    first measures of the people it counts. `points` is a published convention instead (NHS
    Talking Therapies: PHQ-9 6, GAD-7 4), "a change of this many points or more". `caseness` is
    the score at or beyond which a person counts as a case for recovery."""

    higher_is_better: bool
    reliability: float | None = None
    reliability_source: Text | None = None
    sd: float | None = None
    sd_source: Text | None = None
    points: int | None = None
    points_source: Text | None = None
    caseness: int | None = None
    caseness_source: Text | None = None

    def is_case(self, score: float) -> bool:
        assert self.caseness is not None
        return score <= self.caseness if self.higher_is_better else score >= self.caseness


@dataclass(frozen=True)
class Subscale:
    code: str
    name: Text
    items: tuple[str, ...]
    range: tuple[int, int]
    bands: tuple[Band, ...] = ()
    cutoff: Cutoff | None = None

    def band_for(self, score: int) -> Band | None:
        return next((band for band in self.bands if band.contains(score)), None)


@dataclass(frozen=True)
class Derived:
    code: str
    label: Text
    of: str  # "total" or a subscale code
    multiply: int | float
    add: int | float
    range: tuple[int | float, int | float]
    unit: str = ""

    def compute(self, score: int) -> int | float:
        return _tidy(score * self.multiply + self.add)


@dataclass(frozen=True)
class RiskItem:
    item: str
    op: str
    value: int
    flag: str
    label: Text
    level: str = "crisis"  # one of RISK_LEVELS

    def raised(self, answer: int | None) -> bool:
        return answer is not None and OPERATORS[self.op](answer, self.value)


@dataclass(frozen=True)
class Instrument:
    code: str
    version: int
    kind: str
    short_name: Text
    # What a student sees: a plain name without clinical acronyms ("Cek suasana hati"); the
    # short name and full name are for staff.
    friendly_name: Text
    name: Text
    instructions: Text
    age_min: int
    age_max: int | None
    items: tuple[Item, ...]
    range: tuple[int, int]
    bands: tuple[Band, ...]
    cutoffs: tuple[Cutoff, ...] = ()
    subscales: tuple[Subscale, ...] = ()
    derived: tuple[Derived, ...] = ()
    risk_items: tuple[RiskItem, ...] = ()
    source: Text = Text("", "")
    licence: Text = Text("", "")
    change: Change | None = None
    method: str = "sum"
    path: Path | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return f"{self.code}.v{self.version}"

    @property
    def min_answers(self) -> int:
        """How many answers are needed at least: every item up to the last required one."""
        return sum(1 for item in self.items if item.required)

    @property
    def max_answers(self) -> int:
        return len(self.items)

    def item(self, item_id: str) -> Item:
        return _find(self.items, "id", item_id, "item")

    def band(self, code: str) -> Band:
        return _find(self.bands, "code", code, "band")

    def band_for(self, total: int) -> Band:
        band = next((band for band in self.bands if band.contains(total)), None)
        if band is None:
            raise ValueError(f"{self.key}: {total} is outside the score range {self.range}.")
        return band

    def subscale(self, code: str) -> Subscale:
        return _find(self.subscales, "code", code, "subscale")

    def risk_item(self, flag: str) -> RiskItem:
        return _find(self.risk_items, "flag", flag, "risk item flag")

    def alert_level(self, flags) -> str:
        """The level of the alert these raised flags open: "crisis" if any of them says so."""
        levels = {risk.level for risk in self.risk_items if risk.flag in set(flags)}
        return "crisis" if "crisis" in levels or not levels else "concern"

    @property
    def is_needs(self) -> bool:
        return self.kind == "needs"

    def marked(self, item: Item, answer: int | None) -> bool:
        """A needs statement is marked when its answer is above the item's lowest value (for
        yes/no statements: "yes", 1)."""
        return answer is not None and answer > min(item.values)

    def ages(self) -> str:
        return f"{self.age_min}-{self.age_max}" if self.age_max is not None else f"{self.age_min}+"


def _find(things, attribute: str, value: str, what: str):
    found = next((thing for thing in things if getattr(thing, attribute) == value), None)
    if found is None:
        raise KeyError(f"no {what} {value!r}")
    return found


def _tidy(number: int | float) -> int | float:
    return int(number) if float(number).is_integer() else round(number, 4)
