"""Rendering a collected export as JSON and as a readable PDF, both from the same dict.

The JSON is the collected dict itself. The PDF walks the same dict: every key of every section
is shown with its label (the section's, or a common one), choice codes as their labels, moments
and days as dates in the export's language. Nothing is added or dropped on the way, so the PDF
says exactly what the JSON says.
"""

from __future__ import annotations

import datetime
import json

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sebaya.kernel.pdf import html_to_pdf
from sebaya.kernel.personal_data import Section
from sebaya.privacy.export_sections import sections
from sebaya.privacy.models import DataExport

COMMON_LABELS = {
    "created_at": gettext_lazy("Date"),
    "date": gettext_lazy("Date"),
}


def to_json(collected: dict) -> bytes:
    return json.dumps(collected, ensure_ascii=False, indent=2).encode("utf-8")


def to_html(collected: dict) -> str:
    """The PDF's page, in the export's own language whatever the caller's."""
    with translation.override(collected.get("language") or "id"):
        return _html(collected)


def _html(collected: dict) -> str:
    return render_to_string(
        "privacy/export_pdf.html",
        {
            "collected": collected,
            "generated": _format("generated_at", collected["generated_at"], None),
            "requested": _format("requested_at", collected["export"]["requested_at"], None),
            "for_guardian": collected["export"]["purpose"] == DataExport.Purpose.GUARDIAN,
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "empty": _empty(collected["sections"].get(section.key)),
                    "node": _node(collected["sections"].get(section.key), section.key, section),
                }
                for section in sections()
            ],
        },
    )


def to_pdf(collected: dict) -> bytes:
    return html_to_pdf(to_html(collected), offline=True)


def label_for(key: str, section: Section) -> str | None:
    found = section.labels.get(key, COMMON_LABELS.get(key))
    return str(found) if found is not None else None


def keys_of(value) -> set[str]:
    """Every dict key inside a value (for the test that each key has a label)."""
    if isinstance(value, dict):
        return set(value).union(*(keys_of(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_of(v) for v in value))
    return set()


# --- The display tree: nodes the template draws ---------------------------------------------------


def _node(value, key: str, section: Section) -> dict:
    if isinstance(value, dict):
        return {
            "kind": "fields",
            "rows": [
                {"label": label_for(k, section) or k, "node": _node(v, k, section)} for k, v in value.items()
            ],
        }
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        if all(_flat(v) for v in value):
            columns = list(dict.fromkeys(k for row in value for k in row))
            return {
                "kind": "table",
                "columns": [label_for(k, section) or k for k in columns],
                "rows": [[_format(k, row.get(k), section) for k in columns] for row in value],
            }
        return {"kind": "items", "items": [_node(v, key, section) for v in value]}
    return {"kind": "text", "text": _format(key, value, section)}


def _flat(row: dict) -> bool:
    return all(
        not isinstance(v, dict) and not (isinstance(v, list) and any(isinstance(x, dict) for x in v))
        for v in row.values()
    )


def _empty(value) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    if isinstance(value, list):
        return not value
    return value is None


def _format(key: str, value, section: Section | None) -> str:
    if isinstance(value, list):
        return ", ".join(_format(key, v, section) for v in value) if value else "—"
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = dict(section.choices.get(key, ())) if section is not None else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and key.endswith("_at"):
        return formats.date_format(datetime.datetime.fromisoformat(value), "j F Y, H:i")
    if isinstance(value, str) and (key == "date" or key.endswith(("_on", "_date"))):
        return formats.date_format(datetime.date.fromisoformat(value), "j F Y")
    return str(value)
