import datetime

import pytest

from sebaya.kernel.tanggal import date_in_words, date_long, spell


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (17, "tujuh belas"),
        (20, "dua puluh"),
        (31, "tiga puluh satu"),
        (100, "seratus"),
        (115, "seratus lima belas"),
        (1000, "seribu"),
        (1999, "seribu sembilan ratus sembilan puluh sembilan"),
        (2026, "dua ribu dua puluh enam"),
        (12_345, "dua belas ribu tiga ratus empat puluh lima"),
        (2_500_000, "dua juta lima ratus ribu"),
    ],
)
def test_numbers_in_words(n, words):
    assert spell(n) == words


def test_out_of_range_is_refused():
    with pytest.raises(ValueError):
        spell(-1)


def test_dates_as_letters_write_them():
    assert date_long(datetime.date(2026, 12, 6)) == "6 Desember 2026"
    assert date_in_words(datetime.date(2026, 12, 7)) == (
        "Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam"
    )
    assert date_in_words(datetime.date(2027, 1, 1)).startswith(
        "Jumat tanggal satu bulan Januari tahun dua ribu dua puluh tujuh"
    )
