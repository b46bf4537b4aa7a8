"""One date format per language (sebaya/formats/): "6 Desember 2026", "Senin, 6 Desember 2026 pukul
14.00"; English "6 December 2026", "Monday, 6 December 2026 at 14:00"."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
# Documents and the alert pages are being reworked elsewhere (issue 14, sections 1 and 2); they
# move to the shared formats with that work.
NOT_YET: set[str] = set()
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "c",
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "7 Desember 2026|Senin, 7 Desember 2026 pukul 14.05|7 Desember 2026 pukul 14.05|14.05"),
        ("en", "7 December 2026|Monday, 7 December 2026 at 14:05|7 December 2026 at 14:05|14:05"),
    ],
)
def test_the_shared_formats(language, expected, settings):
    settings.USE_TZ = False
    template = engines["django"].from_string(
        '{{ t|date:"DATE_FORMAT" }}|{{ t|date:"DATETIME_FORMAT" }}|'
        '{{ t|date:"SHORT_DATETIME_FORMAT" }}|{{ t|time }}'
    )
    with translation.override(language):
        assert template.render({"t": datetime.datetime(2026, 12, 7, 14, 5)}) == expected


def test_templates_name_a_format_instead_of_writing_one():
    hand_written = []
    for path in sorted(ROOT.glob("*/templates/**/*")):
        relative = str(path.relative_to(ROOT))
        if path.suffix not in {".html", ".txt"} or relative in NOT_YET:
            continue
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text(encoding="utf-8")):
            if fmt not in NAMED:
                hand_written.append(f"{relative}: {fmt}")
    assert not hand_written, "\n".join(hand_written)
