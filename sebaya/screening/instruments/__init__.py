"""Screening instruments as data: one JSON file per instrument version, checked strictly when read.

The files sit next to this module, named `<code>.v<version>.json` (e.g. `phq9.v1.json`). A new
version of an instrument is a new file; old versions stay so that stored results can still be shown
and re-scored. Nothing here touches the database; `sebaya.screening.scoring.score` does the scoring.

File format (format 1). Every key below is required unless marked optional; unknown keys are errors.
A "text" is always `{"id": "...", "en": "..."}`: both languages, non-empty, no stray spaces.

    format        1
    code          "phq9": lowercase letters, digits, "_"; stable, used in URLs and stored results
    version       1, 2, ...: a positive integer, must match the file name
    kind          "screening" (a clinical measure) or "survey" (program satisfaction, knowledge...)
    short_name    text, e.g. {"id": "PHQ-9", "en": "PHQ-9"}
    name          text
    instructions  text, shown above the items
    age           {"min": 11, "max": 17}: the recommended ages; "max" may be null (no upper limit)
    option_sets   optional: {"frequency": [option, ...], ...}, answer options shared by items
    items         [item, ...] in the order they are asked (and answered: answers are given in this order)
    scoring       {"method": "sum", "range": [min, max]}: the total is the sum of the scored items'
                  (reverse-scored where marked) values; "range" must equal the range the items allow
    bands         [band, ...] on the total, from the lowest score up, covering "range" with no gap
                  or overlap
    cutoffs       optional: [{"code", "min" or "max", "label": text}]: the total meets the cut-off
                  when total >= min (or total <= max)
    subscales     optional: [{"code", "name": text, "items": [item id, ...], "bands" (optional, as
                  above, covering the subscale's range), "cutoff" (optional): {"min" or "max",
                  "label" (optional text)}}]
    derived       optional: [{"code", "label": text, "of": "total" or a subscale code, "multiply",
                  "add" (optional, default 0), "range": [min, max], "unit" (optional, e.g. "%")}]:
                  a linear transform, e.g. WHO-5's percentage = raw x 4
    risk_items    optional: [{"item": item id, "op": ">", ">=", "==", "!=", "<" or "<=", "value",
                  "flag": code, "label": text}]: the flag is raised when the item's answer
                  (the option value, before any reverse scoring) satisfies the condition
    source        text: citation, where the bands come from, notes on the translation
    licence       text

    option        {"value": integer, "label": text}; listed in display order; values unique per item
    item          {"id", "text": text, "options": an option set's name or a list of options,
                  "reverse" (optional, default false), "scored" (optional, default true),
                  "required" (optional, default true)}. Items that are not required must not be
                  scored and must come after every required item: answers may stop before them
                  or give null (None) for them.
    band          {"code", "min", "max", "label": text, "severity": "none", "mild", "moderate" or
                  "severe"}. "severity" is a cross-instrument level for routing results.

The public API: `all_instruments()`, `get_instrument(code, version=None)`, `load_file(path)`,
`load_directory(path)`, the dataclasses below, `InstrumentError` (a file is wrong) and
`UnknownInstrument` (no such code or version).
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DIRECTORY = Path(__file__).resolve().parent
FORMAT = 1
LANGUAGES = ("id", "en")
KINDS = ("screening", "survey")
SEVERITIES = ("none", "mild", "moderate", "severe")
OPERATORS: dict[str, Callable[[int, int], bool]] = {
    ">": operator.gt, ">=": operator.ge, "==": operator.eq,
    "!=": operator.ne, "<": operator.lt, "<=": operator.le,
}  # fmt: skip
CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
FILE_RE = re.compile(r"^(?P<code>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.json$")


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


# --- The instrument, as the rest of Sebaya sees it ------------------------------------------------


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
        from django.utils.translation import get_language

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

    def raised(self, answer: int | None) -> bool:
        return answer is not None and OPERATORS[self.op](answer, self.value)


@dataclass(frozen=True)
class Instrument:
    code: str
    version: int
    kind: str
    short_name: Text
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

    def ages(self) -> str:
        return f"{self.age_min}-{self.age_max}" if self.age_max is not None else f"{self.age_min}+"


def _find(things, attribute: str, value: str, what: str):
    found = next((thing for thing in things if getattr(thing, attribute) == value), None)
    if found is None:
        raise KeyError(f"no {what} {value!r}")
    return found


def _tidy(number: int | float) -> int | float:
    return int(number) if float(number).is_integer() else round(number, 4)


# --- Finding instruments ------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    """ "PHQ-9", "phq_9" and "phq9" all name phq9; "knowledge-stigma" names knowledge_stigma."""
    return re.sub(r"[^a-z0-9]", "", str(code).lower())


@cache
def _registry() -> dict[str, dict[int, Instrument]]:
    return load_directory(DIRECTORY)


def all_instruments(*, every_version: bool = False) -> list[Instrument]:
    """The latest version of every instrument (or every version), ordered by code then version."""
    registry = _registry()
    if every_version:
        return [registry[code][version] for code in sorted(registry) for version in sorted(registry[code])]
    return [registry[code][max(registry[code])] for code in sorted(registry)]


def get_instrument(code: str, version: int | None = None) -> Instrument:
    """The instrument with this code: its latest version, or the given one. Raises UnknownInstrument."""
    registry = _registry()
    wanted = normalise_code(code)
    found = next((key for key in registry if normalise_code(key) == wanted), None)
    if found is None:
        raise UnknownInstrument(
            "unknown_instrument",
            f"No instrument {code!r}; known: {', '.join(sorted(registry))}.",
            instrument=code,
        )
    versions = registry[found]
    if version is None:
        return versions[max(versions)]
    if version not in versions:
        raise UnknownInstrument(
            "unknown_version",
            f"{found} has no version {version}; versions: {', '.join(map(str, sorted(versions)))}.",
            instrument=found,
            version=version,
        )
    return versions[version]


def load_directory(directory: Path) -> dict[str, dict[int, Instrument]]:
    """Read and check every `*.json` file in the directory; all problems are reported at once."""
    registry: dict[str, dict[int, Instrument]] = {}
    errors: list[str] = []
    paths = sorted(Path(directory).glob("*.json"))
    if not paths:
        raise InstrumentError([f"{directory}: no instrument files (*.json)."])
    seen: dict[str, str] = {}
    for path in paths:
        try:
            instrument = load_file(path)
        except InstrumentError as error:
            errors.extend(error.errors)
            continue
        key = normalise_code(instrument.code)
        if seen.setdefault(key, instrument.code) != instrument.code:
            errors.append(f"{path.name}: code {instrument.code!r} is too close to {seen[key]!r}.")
            continue
        registry.setdefault(instrument.code, {})[instrument.version] = instrument
    if errors:
        raise InstrumentError(errors)
    return registry


def load_file(path: Path) -> Instrument:
    """Read and check one instrument file. Raises InstrumentError listing every problem in it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InstrumentError([f"{path.name}: cannot be read as JSON: {error}"]) from error
    return parse(data, name=path.name, path=path)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


# --- Checking -----------------------------------------------------------------------------------


class _Checker:
    """Collects every problem in one file, each prefixed with the file name and where it is."""

    def __init__(self, name: str):
        self.name = name
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{self.name}: {where}: {message}" if where else f"{self.name}: {message}")

    def object(self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()):
        if not isinstance(value, dict):
            self.error(where, f"must be an object, not {_kind(value)}.")
            return None
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.error(where, f"unknown key {key!r} (allowed: {allowed}).")
        for key in required:
            if key not in value:
                self.error(where, f"missing key {key!r}.")
        return value

    def list(self, value: Any, where: str, *, empty: bool = False) -> list:
        if not isinstance(value, list):
            self.error(where, f"must be a list, not {_kind(value)}.")
            return []
        if not value and not empty:
            self.error(where, "must not be empty.")
        return value

    def text(self, value: Any, where: str) -> Text | None:
        if not isinstance(value, dict):
            self.error(where, f'must be a text {{"id": ..., "en": ...}}, not {_kind(value)}.')
            return None
        for key in value:
            if key not in LANGUAGES:
                self.error(where, f"unknown language {key!r} (allowed: {', '.join(LANGUAGES)}).")
        ok = True
        for language in LANGUAGES:
            words = value.get(language)
            if language not in value:
                self.error(where, f"missing the {language!r} translation.")
                ok = False
            elif not isinstance(words, str) or not words.strip():
                self.error(f"{where}.{language}", "the translation must be non-empty text.")
                ok = False
            elif words != words.strip():
                self.error(f"{where}.{language}", "has leading or trailing spaces.")
        return Text(id=value["id"], en=value["en"]) if ok else None

    def integer(self, value: Any, where: str, *, minimum: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(where, f"must be a whole number, not {_kind(value)}.")
            return None
        if minimum is not None and value < minimum:
            self.error(where, f"must be at least {minimum}.")
            return None
        return value

    def number(self, value: Any, where: str) -> int | float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(where, f"must be a number, not {_kind(value)}.")
            return None
        return value

    def boolean(self, value: Any, where: str) -> bool | None:
        if not isinstance(value, bool):
            self.error(where, f"must be true or false, not {_kind(value)}.")
            return None
        return value

    def code(self, value: Any, where: str) -> str | None:
        if not isinstance(value, str) or not CODE_RE.match(value):
            self.error(
                where, f"{value!r} is not a code (lowercase letters, digits and _, starting with a letter)."
            )
            return None
        return value

    def choice(self, value: Any, where: str, choices: tuple[str, ...]) -> str | None:
        if value not in choices:
            self.error(where, f"{value!r} is not one of {', '.join(choices)}.")
            return None
        return value

    def pair(self, value: Any, where: str, *, numbers: bool = False) -> tuple | None:
        check = self.number if numbers else self.integer
        if not isinstance(value, list) or len(value) != 2:
            self.error(where, "must be a list of two numbers [min, max].")
            return None
        low, high = check(value[0], f"{where}[0]"), check(value[1], f"{where}[1]")
        if low is None or high is None:
            return None
        if low > high:
            self.error(where, f"min {low} is above max {high}.")
            return None
        return (low, high)


def _kind(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)


TOP_REQUIRED = (
    "format", "code", "version", "kind", "short_name", "name", "instructions", "age", "items", "scoring",
    "bands", "source", "licence",
)  # fmt: skip
TOP_OPTIONAL = ("option_sets", "cutoffs", "subscales", "derived", "risk_items")


def parse(data: Any, *, name: str = "<instrument>", path: Path | None = None) -> Instrument:
    """Check one instrument's data (as read from JSON) and build it. Raises InstrumentError."""
    check = _Checker(name)
    if check.object(data, "", TOP_REQUIRED, TOP_OPTIONAL) is None:
        raise InstrumentError(check.errors)
    if "format" in data and data["format"] != FORMAT:
        check.error("format", f"must be {FORMAT}, not {data['format']!r}.")
    code = check.code(data.get("code"), "code")
    version = check.integer(data.get("version"), "version", minimum=1)
    if path is not None and code and version:
        match = FILE_RE.match(path.name)
        if not match or (match["code"], int(match["version"])) != (code, version):
            check.error("", f"the file must be named {code}.v{version}.json (from its code and version).")
    kind = check.choice(data.get("kind"), "kind", KINDS)
    texts = {key: check.text(data.get(key), key) for key in ("short_name", "name", "instructions")}
    texts |= {key: check.text(data.get(key), key) for key in ("source", "licence")}
    ages = _age(check, data.get("age"))
    option_sets = _option_sets(check, data.get("option_sets", {}))
    items = _items(check, data.get("items"), option_sets)
    scored = [item for item in items if item.scored]
    if items and not scored:
        check.error("items", "no item is scored.")
    item_range = (
        (sum(min(map(item.scored_value, item.values)) for item in scored),
         sum(max(map(item.scored_value, item.values)) for item in scored))
    )  # fmt: skip
    total_range = _scoring(check, data.get("scoring"), item_range if scored else None)
    bands = _bands(check, data.get("bands"), "bands", total_range, severity=True)
    cutoffs = _cutoffs(check, data.get("cutoffs", []), total_range)
    subscales = _subscales(check, data.get("subscales", []), items)
    derived = _derived(check, data.get("derived", []), total_range, subscales)
    risk_items = _risk_items(check, data.get("risk_items", []), items)
    used = {code} | {s.code for s in subscales} | {d.code for d in derived}
    if len(used) != 1 + len(subscales) + len(derived):
        check.error(
            "", "subscale and derived codes must differ from each other and from the instrument code."
        )
    if check.errors:
        raise InstrumentError(check.errors)
    return Instrument(
        code=code, version=version, kind=kind, short_name=texts["short_name"], name=texts["name"],
        instructions=texts["instructions"], age_min=ages[0], age_max=ages[1], items=tuple(items),
        range=total_range, bands=bands, cutoffs=cutoffs, subscales=subscales, derived=derived,
        risk_items=risk_items, source=texts["source"], licence=texts["licence"], path=path,
    )  # fmt: skip


def _age(check: _Checker, value: Any) -> tuple[int, int | None]:
    if check.object(value, "age", ("min", "max")) is None or not {"min", "max"} <= set(value):
        return (0, None)
    low = check.integer(value["min"], "age.min", minimum=0)
    high = None if value["max"] is None else check.integer(value["max"], "age.max", minimum=0)
    if low is not None and high is not None and low > high:
        check.error("age", f"min {low} is above max {high}.")
    return (low or 0, high)


def _options(check: _Checker, value: Any, where: str) -> tuple[Option, ...]:
    options = []
    for index, raw in enumerate(check.list(value, where)):
        at = f"{where}[{index}]"
        if check.object(raw, at, ("value", "label")) is None:
            continue
        number = check.integer(raw.get("value"), f"{at}.value")
        label = check.text(raw.get("label"), f"{at}.label")
        if number is not None and label is not None:
            options.append(Option(number, label))
    values = [option.value for option in options]
    if len(set(values)) != len(values):
        check.error(where, f"option values must differ; got {values}.")
    if isinstance(value, list) and len(value) == 1:
        check.error(where, "needs at least two options.")
    for language in LANGUAGES:
        labels = [option.label.get(language) for option in options]
        if len(set(labels)) != len(labels):
            check.error(where, f"two options have the same {language} label.")
    return tuple(options)


def _option_sets(check: _Checker, value: Any) -> dict[str, tuple[Option, ...]]:
    if not isinstance(value, dict):
        check.error("option_sets", f"must be an object of named option lists, not {_kind(value)}.")
        return {}
    return {
        name: _options(check, options, f"option_sets.{name}")
        for name, options in value.items()
        if check.code(name, f"option_sets.{name}")
    }


ITEM_REQUIRED = ("id", "text", "options")
ITEM_OPTIONAL = ("reverse", "scored", "required")


def _items(check: _Checker, value: Any, option_sets: dict[str, tuple[Option, ...]]) -> list[Item]:
    items: list[Item] = []
    used_sets: set[str] = set()
    for index, raw in enumerate(check.list(value, "items")):
        at = (
            f"items[{index}] ({raw['id']})"
            if isinstance(raw, dict) and isinstance(raw.get("id"), str)
            else ""
        )
        at = at or f"items[{index}]"
        if check.object(raw, at, ITEM_REQUIRED, ITEM_OPTIONAL) is None:
            continue
        item_id = check.code(raw.get("id"), f"{at}.id") if "id" in raw else None
        text = check.text(raw.get("text"), f"{at}.text") if "text" in raw else None
        options: tuple[Option, ...] = ()
        option_set = ""
        if isinstance(raw.get("options"), str):
            option_set = raw["options"]
            if option_set not in option_sets:
                check.error(f"{at}.options", f"no option set named {option_set!r}.")
            else:
                used_sets.add(option_set)
                options = option_sets[option_set]
        elif "options" in raw:
            options = _options(check, raw["options"], f"{at}.options")
        flags = {key: check.boolean(raw[key], f"{at}.{key}") for key in ITEM_OPTIONAL if key in raw}
        reverse, scored = flags.get("reverse") or False, flags.get("scored", True) is not False
        required = flags.get("required", True) is not False
        if reverse and not scored:
            check.error(at, "an item that is not scored cannot be reverse-scored.")
        if not required and scored:
            check.error(at, "an optional item (required: false) must not be scored (scored: false).")
        if required and items and not items[-1].required:
            check.error(at, "a required item cannot come after an optional one.")
        if item_id and options:  # kept even with a broken text (already reported), to avoid follow-on errors
            if any(item.id == item_id for item in items):
                check.error(at, f"the item id {item_id!r} is used twice.")
                continue
            text = text or Text("", "")
            items.append(Item(item_id, len(items) + 1, text, options, option_set, reverse, scored, required))
    for name in sorted(set(option_sets) - used_sets):
        check.error(f"option_sets.{name}", "is not used by any item.")
    return items


def _scoring(check: _Checker, value: Any, item_range: tuple[int, int] | None) -> tuple[int, int]:
    if check.object(value, "scoring", ("method", "range")) is None:
        return item_range or (0, 0)
    check.choice(value.get("method"), "scoring.method", ("sum",))
    declared = check.pair(value.get("range"), "scoring.range") if "range" in value else None
    if declared and item_range and declared != item_range:
        check.error("scoring.range", f"is {list(declared)} but the items give {list(item_range)}.")
    return item_range or declared or (0, 0)


BAND_KEYS = ("code", "min", "max", "label")


def _bands(check: _Checker, value: Any, where: str, score_range, *, severity: bool) -> tuple[Band, ...]:
    bands: list[Band] = []
    required = (*BAND_KEYS, "severity") if severity else BAND_KEYS
    optional = () if severity else ("severity",)
    for index, raw in enumerate(check.list(value, where)):
        at = f"{where}[{index}]"
        if check.object(raw, at, required, optional) is None:
            continue
        code = check.code(raw.get("code"), f"{at}.code")
        low = check.integer(raw.get("min"), f"{at}.min")
        high = check.integer(raw.get("max"), f"{at}.max")
        label = check.text(raw.get("label"), f"{at}.label")
        level = check.choice(raw.get("severity", "none"), f"{at}.severity", SEVERITIES)
        if low is not None and high is not None and low > high:
            check.error(at, f"min {low} is above max {high}.")
        elif None not in (code, low, high, label, level):
            bands.append(Band(code, low, high, label, level))
    codes = [band.code for band in bands]
    if len(set(codes)) != len(codes):
        check.error(where, f"band codes must differ; got {codes}.")
    if not bands or not isinstance(value, list) or len(bands) != len(value):
        return tuple(bands)
    low, high = score_range
    if bands[0].min != low:
        check.error(where, f"the first band ({bands[0].code}) must start at the lowest score {low}.")
    if bands[-1].max != high:
        check.error(where, f"the last band ({bands[-1].code}) must end at the highest score {high}.")
    for before, after in zip(bands, bands[1:], strict=False):
        if after.min <= before.max:
            check.error(
                where,
                f"{after.code} ({after.min}-{after.max}) overlaps {before.code} ({before.min}-{before.max}); "
                "bands go from the lowest score up.",
            )
        elif after.min > before.max + 1:
            check.error(where, f"no band covers {before.max + 1}-{after.min - 1} (between {before.code} "
                        f"and {after.code}).")  # fmt: skip
    return tuple(bands)


def _threshold(check: _Checker, raw: dict, at: str, score_range, *, code: str, label: bool) -> Cutoff | None:
    bounds = [key for key in ("min", "max") if key in raw]
    if len(bounds) != 1:
        check.error(at, "needs exactly one of 'min' (met at or above) or 'max' (met at or below).")
        return None
    bound = check.integer(raw[bounds[0]], f"{at}.{bounds[0]}")
    text = check.text(raw.get("label"), f"{at}.label") if label or "label" in raw else None
    if bound is None:
        return None
    low, high = score_range
    never_or_always = not low < bound <= high if bounds[0] == "min" else not low <= bound < high
    if never_or_always:
        check.error(at, f"the cut-off {bounds[0]} {bound} is met by every score or by none in {low}-{high}.")
    return Cutoff(code, bound if bounds[0] == "min" else None, bound if bounds[0] == "max" else None, text)


def _cutoffs(check: _Checker, value: Any, score_range) -> tuple[Cutoff, ...]:
    cutoffs = []
    for index, raw in enumerate(check.list(value, "cutoffs", empty=True)):
        at = f"cutoffs[{index}]"
        if check.object(raw, at, ("code", "label"), ("min", "max")) is None:
            continue
        code = check.code(raw.get("code"), f"{at}.code")
        cutoff = _threshold(check, raw, at, score_range, code=code or "", label=True)
        if code and cutoff:
            cutoffs.append(cutoff)
    codes = [cutoff.code for cutoff in cutoffs]
    if len(set(codes)) != len(codes):
        check.error("cutoffs", f"cut-off codes must differ; got {codes}.")
    return tuple(cutoffs)


def _subscales(check: _Checker, value: Any, items: list[Item]) -> tuple[Subscale, ...]:
    subscales = []
    by_id = {item.id: item for item in items}
    for index, raw in enumerate(check.list(value, "subscales", empty=True)):
        at = f"subscales[{index}]"
        if check.object(raw, at, ("code", "name", "items"), ("bands", "cutoff")) is None:
            continue
        code = check.code(raw.get("code"), f"{at}.code")
        name = check.text(raw.get("name"), f"{at}.name")
        ids = check.list(raw.get("items"), f"{at}.items")
        members = []
        for item_id in ids:
            item = by_id.get(item_id) if isinstance(item_id, str) else None
            if item is None:
                check.error(f"{at}.items", f"no item with id {item_id!r}.")
            elif not item.scored:
                check.error(f"{at}.items", f"item {item_id!r} is not scored.")
            else:
                members.append(item)
        if len(set(map(str, ids))) != len(ids):
            check.error(f"{at}.items", "lists an item twice.")
        if not members or len(members) != len(ids):
            continue
        score_range = (
            sum(min(map(item.scored_value, item.values)) for item in members),
            sum(max(map(item.scored_value, item.values)) for item in members),
        )
        bands = (
            _bands(check, raw["bands"], f"{at}.bands", score_range, severity=False) if "bands" in raw else ()
        )
        cutoff = None
        if "cutoff" in raw and check.object(raw["cutoff"], f"{at}.cutoff", (), ("min", "max", "label")):
            cutoff = _threshold(
                check, raw["cutoff"], f"{at}.cutoff", score_range, code=code or "", label=False
            )
        if code and name:
            subscales.append(
                Subscale(code, name, tuple(item.id for item in members), score_range, bands, cutoff)
            )
    codes = [subscale.code for subscale in subscales]
    if len(set(codes)) != len(codes):
        check.error("subscales", f"subscale codes must differ; got {codes}.")
    return tuple(subscales)


def _derived(
    check: _Checker, value: Any, total_range, subscales: tuple[Subscale, ...]
) -> tuple[Derived, ...]:
    derived = []
    ranges = {"total": total_range} | {subscale.code: subscale.range for subscale in subscales}
    for index, raw in enumerate(check.list(value, "derived", empty=True)):
        at = f"derived[{index}]"
        if check.object(raw, at, ("code", "label", "of", "multiply", "range"), ("add", "unit")) is None:
            continue
        code = check.code(raw.get("code"), f"{at}.code")
        label = check.text(raw.get("label"), f"{at}.label")
        of = raw.get("of") if isinstance(raw.get("of"), str) else None
        if of not in ranges:
            check.error(
                f"{at}.of", f"{raw.get('of')!r} is neither 'total' nor a subscale code ({', '.join(ranges)})."
            )
        multiply = check.number(raw.get("multiply"), f"{at}.multiply")
        add = check.number(raw.get("add", 0), f"{at}.add")
        unit = raw.get("unit", "")
        if not isinstance(unit, str):
            check.error(f"{at}.unit", "must be text.")
        declared = check.pair(raw.get("range"), f"{at}.range", numbers=True)
        if multiply == 0:
            check.error(f"{at}.multiply", "must not be 0.")
        elif None not in (code, label, multiply, add, declared) and of in ranges:
            item = Derived(code, label, of, multiply, add, declared, unit if isinstance(unit, str) else "")
            ends = sorted(item.compute(score) for score in ranges[of])
            if tuple(ends) != tuple(_tidy(end) for end in declared):
                check.error(f"{at}.range", f"is {list(declared)} but {of} gives {ends}.")
            derived.append(item)
    return tuple(derived)


def _risk_items(check: _Checker, value: Any, items: list[Item]) -> tuple[RiskItem, ...]:
    risks = []
    by_id = {item.id: item for item in items}
    for index, raw in enumerate(check.list(value, "risk_items", empty=True)):
        at = f"risk_items[{index}]"
        if check.object(raw, at, ("item", "op", "value", "flag", "label")) is None:
            continue
        item = by_id.get(raw.get("item")) if isinstance(raw.get("item"), str) else None
        if item is None:
            check.error(f"{at}.item", f"no item with id {raw.get('item')!r}.")
        op = check.choice(raw.get("op"), f"{at}.op", tuple(OPERATORS))
        threshold = check.integer(raw.get("value"), f"{at}.value")
        flag = check.code(raw.get("flag"), f"{at}.flag")
        label = check.text(raw.get("label"), f"{at}.label")
        if None in (item, op, threshold, flag, label):
            continue
        risk = RiskItem(item.id, op, threshold, flag, label)
        raised = [risk.raised(option_value) for option_value in item.values]
        if not any(raised) or all(raised):
            check.error(at, f"the condition {op} {threshold} is met by {'every' if all(raised) else 'no'} "
                        f"answer of item {item.id!r} {list(item.values)}.")  # fmt: skip
        risks.append(risk)
    flags = [risk.flag for risk in risks]
    if len(set(flags)) != len(flags):
        check.error("risk_items", f"flag codes must differ; got {flags}.")
    return tuple(risks)
