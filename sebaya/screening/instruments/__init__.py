"""Screening instruments as data: one JSON file per instrument version, checked strictly when read.

The files sit next to this module, named `<code>.v<version>.json` (e.g. `phq9.v1.json`). A new
version of an instrument is a new file; old versions stay so that stored results can still be shown
and re-scored. Only `stored` touches the database (see below); `sebaya.screening.scoring.score`
does the scoring.

File format (format 1). Every key below is required unless marked optional; unknown keys are errors.
A "text" is always `{"id": "...", "en": "..."}`: both languages, non-empty, no stray spaces.

    format        1
    code          "phq9": lowercase letters, digits, "_"; stable, used in URLs and stored results
    version       1, 2, ...: a positive integer, must match the file name
    kind          "screening" (a clinical measure), "survey" (program satisfaction, knowledge...) or
                  "needs" (a needs questionnaire in the manner of the AKPD or the DCM: statements a
                  student marks, grouped by bidang; filled in screening rounds, read by
                  `sebaya.guidance.needs`). A needs questionnaire's subscales are the bidang
                  (NEEDS_AREAS: pribadi, sosial, belajar, karier) and every scored statement is in
                  exactly one of them; no item is reverse-scored; every band has severity "none"
                  (the total, the number of statements marked when they are yes/no, routes nothing:
                  statements that signal risk are risk_items). A statement is "marked" when its
                  answer is above its lowest option value (yes = 1, no = 0).
    short_name    text, e.g. {"id": "PHQ-9", "en": "PHQ-9"}: for staff
    friendly_name text, e.g. {"id": "Cek suasana hati", "en": "Mood check"}: what students see,
                  without clinical acronyms or diagnostic words
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
    change        optional: what judging change between two measures needs (the evaluation's
                  outcomes, `kernel.change`): {"direction": "lower_is_better" or
                  "higher_is_better", and any of "reliability" (0-1, for the Jacobson-Truax
                  threshold), "sd" (with a reliability; else the people's own first measures),
                  "points" (a published convention: a change of this many points or more is
                  reliable), "caseness" (a case at or beyond this score, for recovery), each
                  {"value": number, "source": text}}
    risk_items    optional: [{"item": item id, "op": ">", ">=", "==", "!=", "<" or "<=", "value",
                  "flag": code, "label": text, "level" (optional): "crisis" (the default) or
                  "concern"}]: the flag is raised when the item's answer (the option value,
                  before any reverse scoring) satisfies the condition; the alert it opens has
                  the highest level among the raised flags (`Instrument.alert_level`)
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

An organization's own version of a needs questionnaire is not a file: it is a row of
`screening.OrganizationInstrument` (its definition in this same format, checked by the same
`parse`), written by `sebaya.guidance.services.needs`. `get_instrument` falls back on those rows
when a code is not shipped (module `stored`, the one place here that reads the database).

The public API: `all_instruments()`, `get_instrument(code, version=None)`, `load_file(path)`,
`load_directory(path)`, the dataclasses, `InstrumentError` (a file is wrong) and
`UnknownInstrument` (no such code or version), all re-exported here from the modules:

- `definitions`: the dataclasses (`Instrument`, `Item`, `Band`...) and the two errors;
- `registry`: the shipped files (`DIRECTORY`), read once; finding an instrument by code and version;
- `parsing`: checking one file's data part by part and building the `Instrument`;
- `checker`: the checks the parts are made of, collecting every problem in a file.
"""

from sebaya.screening.instruments.checker import CODE_RE
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
    UnknownInstrument,
)
from sebaya.screening.instruments.parsing import (
    BAND_KEYS,
    FILE_RE,
    FORMAT,
    ITEM_OPTIONAL,
    ITEM_REQUIRED,
    KINDS,
    NEEDS_AREAS,
    SEVERITIES,
    TOP_OPTIONAL,
    TOP_REQUIRED,
    parse,
)
from sebaya.screening.instruments.registry import (
    DIRECTORY,
    all_instruments,
    get_instrument,
    load_directory,
    load_file,
    normalise_code,
)

__all__ = [
    "BAND_KEYS",
    "CODE_RE",
    "DIRECTORY",
    "FILE_RE",
    "FORMAT",
    "ITEM_OPTIONAL",
    "ITEM_REQUIRED",
    "KINDS",
    "LANGUAGES",
    "NEEDS_AREAS",
    "OPERATORS",
    "RISK_LEVELS",
    "SEVERITIES",
    "TOP_OPTIONAL",
    "TOP_REQUIRED",
    "Band",
    "Change",
    "Cutoff",
    "Derived",
    "Instrument",
    "InstrumentError",
    "Item",
    "Option",
    "RiskItem",
    "Subscale",
    "Text",
    "UnknownInstrument",
    "all_instruments",
    "get_instrument",
    "load_directory",
    "load_file",
    "normalise_code",
    "parse",
]
