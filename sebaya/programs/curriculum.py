"""The default curriculum shipped with Sebaya: one folder per module under `curriculum/`
(module.json, content.id.md, content.en.md, questions.json) and the practice checklist
(see curriculum/README.md). Read strictly: a broken file is an error, never half a module."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent / "curriculum"


class CurriculumError(ValueError):
    pass


@dataclass(frozen=True)
class DefaultModule:
    code: str
    order: int
    title: dict
    summary: dict
    minutes: int
    pass_mark: int
    quiz_size: int
    live_session: dict
    content: dict
    questions: list


def _text(value, where: str) -> dict:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k), str) and value[k].strip() for k in ("id", "en")
    ):
        raise CurriculumError(f"{where}: needs non-empty 'id' and 'en' texts")
    return {"id": value["id"].strip(), "en": value["en"].strip()}


@cache
def default_modules() -> tuple[DefaultModule, ...]:
    modules = []
    for folder in sorted(p for p in DIRECTORY.iterdir() if p.is_dir()):
        data = json.loads((folder / "module.json").read_text(encoding="utf-8"))
        questions = json.loads((folder / "questions.json").read_text(encoding="utf-8"))
        checked = []
        for question in questions:
            options = question.get("options") or []
            if sum(bool(option.get("correct")) for option in options) != 1 or len(options) < 2:
                raise CurriculumError(f"{folder.name}/{question.get('id')}: needs exactly one correct option")
            checked.append(
                {
                    "code": str(question["id"]),
                    "text": _text(question["text"], f"{folder.name}/{question['id']}"),
                    "options": [
                        {
                            **_text(option["text"], f"{folder.name}/{question['id']}"),
                            "correct": bool(option["correct"]),
                        }
                        for option in options
                    ],
                    "explanation": _text(question["explanation"], f"{folder.name}/{question['id']}"),
                }
            )
        if len(checked) < int(data["quiz_size"]):
            raise CurriculumError(f"{folder.name}: fewer questions than a quiz needs")
        modules.append(
            DefaultModule(
                code=data["code"],
                order=int(data["order"]),
                title=_text(data["title"], folder.name),
                summary=_text(data["summary"], folder.name),
                minutes=int(data["minutes"]),
                pass_mark=int(data["pass_mark"]),
                quiz_size=int(data["quiz_size"]),
                live_session=_text(data["live_session"], folder.name),
                content={
                    language: (folder / f"content.{language}.md").read_text(encoding="utf-8").strip()
                    for language in ("id", "en")
                },
                questions=checked,
            )
        )
    return tuple(modules)


@cache
def practice_checklist() -> tuple[dict, ...]:
    items = json.loads((DIRECTORY / "practice_checklist.json").read_text(encoding="utf-8"))
    return tuple({"code": item["code"], **_text(item["text"], item["code"])} for item in items)
