"""Checking one instrument file's data, part by part, and building the `Instrument` from it. The
format is described in the package's docstring (`sebaya.screening.instruments`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sebaya.screening.instruments.checker import _Checker, _kind
from sebaya.screening.instruments.definitions import (
    LANGUAGES,
    OPERATORS,
    RISK_LEVELS,
    Band,
    Change,
    Cutoff,
    Derived,
    Instrument,
    InstrumentError,
    Item,
    Option,
    RiskItem,
    Subscale,
    Text,
    _tidy,
)

FORMAT = 1
KINDS = ("screening", "survey", "needs")
# A needs questionnaire's subscales are the bidang of BK (counseling.Domain's values).
NEEDS_AREAS = ("pribadi", "sosial", "belajar", "karier")
SEVERITIES = ("none", "mild", "moderate", "severe")
FILE_RE = re.compile(r"^(?P<code>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.json$")


TOP_REQUIRED = (
    "format", "code", "version", "kind", "short_name", "friendly_name", "name", "instructions", "age",
    "items", "scoring", "bands", "source", "licence",
)  # fmt: skip
TOP_OPTIONAL = ("option_sets", "cutoffs", "subscales", "derived", "risk_items", "change")


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
    names = ("short_name", "friendly_name", "name", "instructions")
    texts = {key: check.text(data.get(key), key) for key in names}
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
    change = _change(check, data["change"], total_range) if "change" in data else None
    used = {code} | {s.code for s in subscales} | {d.code for d in derived}
    if len(used) != 1 + len(subscales) + len(derived):
        check.error(
            "", "subscale and derived codes must differ from each other and from the instrument code."
        )
    if kind == "needs":
        _needs(check, items, bands, subscales)
    if check.errors:
        raise InstrumentError(check.errors)
    return Instrument(
        code=code, version=version, kind=kind, short_name=texts["short_name"],
        friendly_name=texts["friendly_name"], name=texts["name"],
        instructions=texts["instructions"], age_min=ages[0], age_max=ages[1], items=tuple(items),
        range=total_range, bands=bands, cutoffs=cutoffs, subscales=subscales, derived=derived,
        risk_items=risk_items, source=texts["source"], licence=texts["licence"], change=change,
        path=path,
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


CHANGE_PARTS = ("reliability", "sd", "points", "caseness")


def _change(check: _Checker, value: Any, score_range) -> Change | None:
    """`change`: {"direction": "lower_is_better" or "higher_is_better", and any of "reliability",
    "sd", "points", "caseness", each {"value": number, "source": text}}."""
    if check.object(value, "change", ("direction",), CHANGE_PARTS) is None:
        return None
    direction = check.choice(
        value.get("direction"), "change.direction", ("lower_is_better", "higher_is_better")
    )
    parts: dict[str, Any] = {}
    low, high = score_range
    for part in CHANGE_PARTS:
        if part not in value:
            continue
        at = f"change.{part}"
        keys = ("value", "source")
        if check.object(value[part], at, keys) is None or set(value[part]) != set(keys):
            continue  # its wrong or missing keys are reported already
        number = check.number(value[part]["value"], f"{at}.value")
        source = check.text(value[part]["source"], f"{at}.source")
        if number is None or source is None:
            continue
        if part == "reliability" and not 0 < number < 1:
            check.error(at, f"must be between 0 and 1 (not included), not {number}.")
        elif part in ("sd", "points") and not 0 < number <= high - low:
            check.error(at, f"must be above 0 and at most the score range ({high - low}), not {number}.")
        elif part in ("points", "caseness") and not isinstance(number, int):
            check.error(at, f"must be a whole number of points, not {number}.")
        elif part == "caseness" and not low < number < high:
            check.error(at, f"must lie inside the score range {low}-{high}, not at {number}.")
        parts[part] = number
        parts[f"{part}_source"] = source
    if "sd" in parts and "reliability" not in parts:
        check.error("change", "an sd is only used with a reliability.")
    if direction is None:
        return None
    return Change(higher_is_better=direction == "higher_is_better", **parts)


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
        if check.object(raw, at, ("item", "op", "value", "flag", "label"), ("level",)) is None:
            continue
        item = by_id.get(raw.get("item")) if isinstance(raw.get("item"), str) else None
        if item is None:
            check.error(f"{at}.item", f"no item with id {raw.get('item')!r}.")
        op = check.choice(raw.get("op"), f"{at}.op", tuple(OPERATORS))
        threshold = check.integer(raw.get("value"), f"{at}.value")
        flag = check.code(raw.get("flag"), f"{at}.flag")
        label = check.text(raw.get("label"), f"{at}.label")
        level = check.choice(raw.get("level", "crisis"), f"{at}.level", RISK_LEVELS)
        if None in (item, op, threshold, flag, label, level):
            continue
        risk = RiskItem(item.id, op, threshold, flag, label, level)
        raised = [risk.raised(option_value) for option_value in item.values]
        if not any(raised) or all(raised):
            check.error(at, f"the condition {op} {threshold} is met by {'every' if all(raised) else 'no'} "
                        f"answer of item {item.id!r} {list(item.values)}.")  # fmt: skip
        risks.append(risk)
    flags = [risk.flag for risk in risks]
    if len(set(flags)) != len(flags):
        check.error("risk_items", f"flag codes must differ; got {flags}.")
    return tuple(risks)


def _needs(check: _Checker, items: list[Item], bands: tuple[Band, ...], subscales: tuple[Subscale, ...]):
    """A needs questionnaire: every statement in exactly one bidang subscale; no band routes."""
    for subscale in subscales:
        if subscale.code not in NEEDS_AREAS:
            check.error(
                "subscales",
                f"{subscale.code!r} is not a bidang; a needs questionnaire's subscales are "
                f"{', '.join(NEEDS_AREAS)}.",
            )
    for item in items:
        if not item.scored:
            continue
        homes = [subscale.code for subscale in subscales if item.id in subscale.items]
        if len(homes) != 1:
            check.error(
                f"items ({item.id})", f"a statement belongs to exactly one bidang subscale, not {len(homes)}."
            )
        if item.reverse:
            check.error(f"items ({item.id})", "a needs statement cannot be reverse-scored.")
    for band in bands:
        if band.severity != "none":
            check.error(
                "bands",
                f"{band.code}: a needs questionnaire's bands have severity none (nothing is routed "
                "by the total; risk statements are risk_items).",
            )
