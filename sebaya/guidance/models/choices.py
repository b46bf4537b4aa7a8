"""The vocabulary of the BK program (Permendikbud 111/2014, POP BK)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Component(models.TextChoices):
    """The four components of a BK program."""

    BASIC = "layanan_dasar", _("Basic services (layanan dasar)")
    INDIVIDUAL = (
        "peminatan",
        _("Specialisation and individual planning (peminatan dan perencanaan individual)"),
    )
    RESPONSIVE = "responsif", _("Responsive services (layanan responsif)")
    SYSTEM = "dukungan_sistem", _("System support (dukungan sistem)")


class Semester(models.IntegerChoices):
    # The Indonesian school year starts in July: semester 1 (ganjil) is July–December.
    ODD = 1, _("Semester 1 (odd, July–December)")
    EVEN = 2, _("Semester 2 (even, January–June)")


SCHOOL_YEAR_RE = re.compile(r"^(\d{4})/(\d{4})$")


def validate_school_year(value: str) -> None:
    """ "2026/2027": two consecutive years."""
    match = SCHOOL_YEAR_RE.match(value or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _("Write the school year as two consecutive years, for example 2026/2027."), code="school_year"
        )


def school_year_of(day) -> str:
    """The school year a date falls in: 6 December 2026 → "2026/2027"; 6 March 2027 → "2026/2027"."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}/{start + 1}"


def semester_of(day) -> int:
    return Semester.ODD if day.month >= 7 else Semester.EVEN
