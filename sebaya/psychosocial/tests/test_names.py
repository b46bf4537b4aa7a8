"""Names and likely duplicates of people registered after a disaster: pure functions, no database.

The worked examples (SAME, DIFFERENT) are the ones the thresholds in names.py were chosen on. BLIND
was written after the thresholds were fixed and never used to change them; its misses are listed
in BLIND_MISSES so the figure in the report stays true (a test fails if a miss starts passing too).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sebaya.psychosocial.names import (
    PREFIX_TITLES,
    candidates,
    is_unknown,
    likely_same,
    name_key,
    normalize,
    similarity,
)


def person(name, sex=None, born=None, village="Sukamaju", head=None, age=None):
    return {
        "name": name,
        "sex": sex,
        "birth_year": born,
        "age": age,
        "village": village,
        "household_head": head,
    }


# Pairs that are one person written two ways (same birth year or age, same village unless noted).
SAME = [
    (person("Muhammad Rizki", "L", 2012), person("M. Rizky", "L", 2012)),
    (person("Moh. Ali Imron", "L", 1979), person("Mohammad Ali Imron", "L", 1979)),
    (person("Soekarni", "P", 1958), person("Sukarni", "P", 1959)),
    (person("Djoko Susilo", "L", 1975), person("Joko Susilo", "L", 1975)),
    (person("Tjahjo Wibowo", "L", 1968), person("Cahyo Wibowo", "L", 1968)),
    (person("Jusuf Hamdani", "L", 1981), person("Yusuf Hamdani", "L", 1981)),
    (person("Achmad Fauzi", "L", 1990), person("Ahmad Fauzi", "L", 1990)),
    (person("Elly Susanti", "P", 1985), person("Eli Susanti", "P", 1986)),
    (person("Siti Fatimah", "P", 1970), person("Siti Fatima", "P", 1970)),
    (person("Nurhayati", "P", 1988), person("Nur Hayati", "P", 1988)),
    (person("Siti Aminah", "P", 1964), person("Aminah", "P", 1964)),
    (person("Muhammad Rizki Pratama", "L", 2009), person("Rizki Pratama", "L", 2009)),
    (person("Hj. Siti Khadijah", "P", 1955), person("Siti Hadijah", "P", 1955)),
    (person("Ramadhan Saputra", "L", 2001), person("Ramadan Saputra", "L", 2001)),
    (person("Dr. Bambang Hartono, M.Pd.", "L", 1966), person("Bambang Hartono", "L", 1966)),
    (person("Ibu Sri Wahyuni", "P", age=45), person("Sri Wahyuni", "P", age=44)),
    (person("Rizky Ramadhani", "L", 2004), person("Rizki Ramadani", "L", 2004)),
    (person("Dewi Lestari", "P", 1992), person("Dewi Lestary", "P", 1992)),
    (person("Agus Setiawan", "L", 1983), person("Agus Setiawam", "L", 1983)),
    (person("Putri Ayu Lestari", "P", 2010), person("Putri Lestari", "P", 2010)),
    (person("Nurul Hidayah", "P", 1999), person("Nur Hidayah", "P", 1999)),
    (person("Syamsul Bahri", "L", 1972), person("Samsul Bahri", "L", 1972)),
    (person("Taufiq Hidayat", "L", 1987), person("Taufik Hidayat", "L", 1987)),
    (person("Novi Andriani", "P", 1995), person("Nofi Andriani", "P", 1995)),
    (person("I Made Sudarma", "L", 1977, "Tegallalang"), person("Made Sudarma", "L", 1977, "Tegallalang")),
    (person("Abdurrahman", "L", 1960), person("Abdul Rahman", "L", 1960)),
    (person("Ustadz Hasan Basri", "L", 1969), person("Hasan Basri", "L", 1969)),
    (person("Fadjar Nugroho", "L", 1980), person("Fajar Nugroho", "L", 1980)),
    (person("Sukarni", "P", age=60), person("Sukarni", "P", age=62)),
    (person("Yohanes Pasaribu", "L", 1974, "Balige"), person("Johanes Pasaribu", "L", 1974, "Balige")),
    (person("Bapak Slamet", "L", age=58), person("Slamet", "L", age=57)),
    (person("Nenek Kartini", "P", age=70), person("Kartini", "P", age=75)),
    (person("Siti Nur Aisyah", "P", 2011), person("Siti Nuraisyah", "P", 2011)),
    (person("Ahmad bin Yusuf", "L", 2008, head="Yusuf"), person("Ahmad", "L", 2008, head="Yusuf")),
    (person("Wahyu Hidayat, S.Kom.", "L", 1993), person("Wahyu Hidayat", "L", 1993)),
    (person("Soeparman", "L", 1950), person("Suparman", "L", 1951)),
    (person("Rachmawati", "P", 1978), person("Rahmawati", "P", 1978)),
    (person("Eka Saputra", "L", 2006, head="Darsono"), person("Eka Saputra", "P", 2006, head="Darsono")),
    (
        person("Anak perempuan, nama tidak diketahui", "P", age=7, head="Budi Hartono"),
        person("Ani", "P", age=7, head="Budi Hartono"),
    ),
    (person("Rizki", "L", 2012, head="Sutrisno"), person("Rizki Pratama", "L", 2012, head="Sutrisno")),
    (person("Sri Wahyuni", "P", 1980, "Desa Sukamaju"), person("Sri Wahyuni", "P", 1980, "Sukamaju")),
    (person("Siti Aminah", "P", 1964, None), person("Siti Aminah", "P", 1964, "Sukamaju")),
]

# Pairs that are two people.
DIFFERENT = [
    # Siblings in one household, a few years apart.
    (person("Ahmad Fauzi", "L", 2010, head="Karim"), person("Ahmad Fauzan", "L", 2013, head="Karim")),
    (person("Rina Marlina", "P", 2005, head="Ujang"), person("Rini Marlina", "P", 2008, head="Ujang")),
    # Twins: same household, birth year, sex.
    (person("Hasan", "L", 2015, head="Abdullah"), person("Husain", "L", 2015, head="Abdullah")),
    (person("Eka Putra", "L", 2012, head="Darmo"), person("Eka Putri", "P", 2012, head="Darmo")),
    # A common first element and a different second name.
    (person("Siti Aminah", "P", 1990), person("Siti Aisyah", "P", 1990)),
    (person("Muhammad Rizki", "L", 2012), person("Muhammad Fajar", "L", 2012)),
    (person("Sri Wahyuni", "P", 1980), person("Sri Rahayu", "P", 1980)),
    (person("Dewi Lestari", "P", 1992), person("Dewi Sartika", "P", 1992)),
    (person("Muhammad Iqbal", "L", 2000), person("Muhammad Ikhsan", "L", 2000)),
    (person("I Made Sudarma", "L", 1977, "Tegallalang"), person("I Made Suarta", "L", 1977, "Tegallalang")),
    (person("Rizki Pratama", "L", 2011), person("Rizki Ramadhan", "L", 2011)),
    (person("Putri Ayu", "P", 2009), person("Ayu Lestari", "P", 2009)),
    (person("Siti Nurhaliza", "P", 1995), person("Siti Nurjanah", "P", 1995)),
    (person("Dian Pratiwi", "P", 1998), person("Dian Permata", "P", 1998)),
    # The same name elsewhere or at another age.
    (person("Budi Santoso", "L", 1980, "Sukamaju"), person("Budi Santoso", "L", 1980, "Cibodas")),
    (person("Agus Salim", "L", 1980), person("Agus Salim", "L", 1990)),
    # A common name with nothing else to go on.
    (person("Budi Santoso", None, None, None), person("Budi Santoso", None, None, None)),
    # Male and female forms of one name.
    (person("Nur Hidayat", "L", 1985), person("Nur Hidayati", "P", 1985)),
    (person("Wahyu", "L", 1990), person("Wahyuni", "P", 1990)),
    # Two people called Ahmad, sons of different fathers.
    (person("Ahmad bin Yusuf", "L", 2008), person("Ahmad bin Hasan", "L", 2008)),
    # One-letter-apart names of two households.
    (person("Sumarni", "P", age=60, head="Karto"), person("Sukarni", "P", age=60, head="Wiryo")),
    # Two people whose names are not known.
    (person("Tidak diketahui", "L", age=30), person("tidak diketahui", "L", age=30)),
    (person("NN", "P", age=8, head="Budi"), person("Tanpa nama", "P", age=8, head="Slamet")),
]
