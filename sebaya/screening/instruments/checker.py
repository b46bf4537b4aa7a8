"""The checks every part of an instrument file is made of (an object with these keys, a text in
both languages, a whole number, a code...), collecting every problem rather than stopping at the
first."""

from __future__ import annotations

import re
from typing import Any

from sebaya.screening.instruments.definitions import LANGUAGES, Text

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


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
