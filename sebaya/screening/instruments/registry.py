"""Finding instruments: the shipped files in this directory are read once and kept; an
instrument is found by its code (and version)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from sebaya.screening.instruments.checker import CODE_RE
from sebaya.screening.instruments.definitions import Instrument, InstrumentError, UnknownInstrument
from sebaya.screening.instruments.parsing import parse
from sebaya.screening.instruments.stored import stored_instrument

DIRECTORY = Path(__file__).resolve().parent


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
    """The instrument with this code: its latest version, or the given one. Raises UnknownInstrument.

    A code that is not a shipped file may be an organization's own needs questionnaire (`stored`)."""
    registry = _registry()
    wanted = normalise_code(code)
    found = next((key for key in registry if normalise_code(key) == wanted), None)
    if found is None and _stored_code(registry, str(code)):
        return stored_instrument(str(code), version)
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


def _stored_code(registry: dict[str, dict[int, Instrument]], code: str) -> bool:
    """An organization's own version of a shipped needs questionnaire is named `<base>_<suffix>`
    (e.g. akpd_sman1): only such codes are looked for in the database."""
    base = code.split("_", 1)[0]
    return (
        "_" in code
        and base in registry
        and registry[base][max(registry[base])].kind == "needs"
        and CODE_RE.match(code) is not None
    )


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
