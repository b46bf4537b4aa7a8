"""Dates as Indonesian official documents write them (Tata Naskah Dinas): "6 Desember 2026" on
the date line, and in words at the opening of a berita acara ("Pada hari ini Minggu tanggal enam
bulan Desember tahun dua ribu dua puluh enam"). Independent of the page's language: a letter is
written in the organization's language, not the reader's."""

from __future__ import annotations

import datetime

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]  # date.weekday() order

_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def spell(n: int) -> str:
    """A whole number from 0 to 999,999,999 in Indonesian words ("dua ribu dua puluh enam")."""
    if not 0 <= n < 1_000_000_000:
        raise ValueError(n)
    if n < 10:
        return _UNITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    for size, word in ((1_000_000, "juta"), (1000, "ribu"), (100, "ratus"), (10, "puluh")):
        if n >= size:
            head, rest = divmod(n, size)
            # 100 and 1000 are "seratus" and "seribu", not "satu ratus"/"satu ribu".
            front = f"se{word}" if head == 1 and size in (100, 1000) else f"{spell(head)} {word}"
            return front if rest == 0 else f"{front} {spell(rest)}"
    raise AssertionError(n)  # pragma: no cover


def date_long(day: datetime.date) -> str:
    """ "6 Desember 2026" """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday(day: datetime.date) -> str:
    return DAYS[day.weekday()]


def date_in_words(day: datetime.date) -> str:
    """ "Minggu tanggal enam bulan Desember tahun dua ribu dua puluh enam" """
    return (
        f"{DAYS[day.weekday()]} tanggal {spell(day.day)} bulan {MONTHS[day.month - 1]} "
        f"tahun {spell(day.year)}"
    )
