"""Letter numbers (nomor surat) from the organization's pattern, e.g.
`421.5/{seq:03}/BK/{month_roman}/{year}` → `421.5/015/BK/XII/2026`.

A document gets its number the first time it is issued and keeps it. The running number comes
from a counter row per organization and year (and per kind of letter when the pattern has
{code}), locked with select_for_update inside the transaction: two counselors printing at the
same moment get consecutive numbers, never the same one, and no number is skipped.
"""

from __future__ import annotations

import datetime
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sebaya.organizations.models import IssuedLetter, LetterCounter, Letterhead

# The kinds of letter and their {code}.
CODES = {
    "referral": "ATK",  # surat alih tangan kasus
    "home_visit": "BAKR",  # berita acara kunjungan rumah
    "conference": "NKK",  # notulen konferensi kasus
    "report": "LAP",  # laporan
}

DEFAULT_PATTERN = Letterhead._meta.get_field("number_pattern").default
_TOKEN = re.compile(r"\{(seq)(?::0?([1-9]))?\}|\{(code|month_roman|year)\}")
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


class PatternError(ValueError):
    pass


def check_pattern(pattern: str) -> None:
    """Raise PatternError with a message for the admin when the pattern cannot make numbers."""
    leftover = _TOKEN.sub("", pattern)
    if "{" in leftover or "}" in leftover:
        raise PatternError(_("Use only {seq}, {seq:03}, {code}, {month_roman} and {year} in braces."))
    if not any(m.group(1) for m in _TOKEN.finditer(pattern)):
        raise PatternError(_("The pattern needs {seq}, the running number."))


def format_number(pattern: str, *, seq: int, kind: str, on: datetime.date) -> str:
    def token(match: re.Match) -> str:
        if match.group(1):
            return str(seq).zfill(int(match.group(2) or 0))
        name = match.group(3)
        if name == "code":
            return CODES[kind]
        if name == "month_roman":
            return _ROMAN[on.month - 1]
        return str(on.year)

    return _TOKEN.sub(token, pattern)


def per_kind(pattern: str) -> bool:
    return "{code}" in pattern


def letter_number(*, organization, kind: str, ref: str, on: datetime.date, by=None) -> IssuedLetter:
    """The document's number: the one it got before, or the next one now."""
    issued = IssuedLetter.objects.filter(organization=organization, kind=kind, ref=ref).first()
    if issued:
        return issued
    letterhead = Letterhead.objects.filter(organization=organization).first()
    pattern = (
        letterhead.number_pattern if letterhead else Letterhead._meta.get_field("number_pattern").default
    )
    counter_kind = kind if per_kind(pattern) else ""
    with transaction.atomic():
        counter = _locked_counter(organization, on.year, counter_kind)
        # Checked again under the lock: the same document issued twice at once gets one number.
        issued = IssuedLetter.objects.filter(organization=organization, kind=kind, ref=ref).first()
        if issued:
            return issued
        counter.last += 1
        counter.save(update_fields=["last"])
        return IssuedLetter.objects.create(
            organization=organization,
            kind=kind,
            ref=ref,
            number=format_number(pattern, seq=counter.last, kind=kind, on=on),
            year=on.year,
            seq=counter.last,
            issued_on=on,
            issued_by=by,
        )


def _locked_counter(organization, year: int, kind: str) -> LetterCounter:
    rows = LetterCounter.objects.select_for_update()
    counter = rows.filter(organization=organization, year=year, kind=kind).first()
    if counter:
        return counter
    try:
        with transaction.atomic():  # a savepoint: another request may create the row first
            LetterCounter.objects.create(organization=organization, year=year, kind=kind)
    except IntegrityError:
        pass
    return rows.get(organization=organization, year=year, kind=kind)
