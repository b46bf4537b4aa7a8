"""Removing what identifies people from a text before it becomes a training line.

A counselor's "not a risk" or "missed risk" mark makes a labelled example of real words someone
wrote. Before anyone reviews it, and long before it joins the training data, the words lose their
contacts (emails, links, handles, phone numbers), every number, the names of the organization's
people and places: addresses, the organization's own names, and Indonesia's provinces and larger
cities. What is left keeps the way of saying it, which is what the model learns from.

Pure Python, like the rest of `risk`: the caller passes the names to remove.
"""

from __future__ import annotations

import re

NAME, PLACE, CONTACT, NUMBER = "[nama]", "[tempat]", "[kontak]", "N"

# Provinces and the larger cities and regencies (lower case); a mention of any is a place.
PLACES = frozenset(
    """
    aceh bali banten bengkulu gorontalo jakarta jambi lampung maluku papua riau sulawesi sumatera
    sumatra kalimantan jawa yogyakarta jogja yogya ntb ntt
    medan palembang padang pekanbaru batam tanjungpinang pangkalpinang bandarlampung serang
    tangerang bekasi depok bogor bandung cimahi sukabumi cirebon tasikmalaya garut karawang
    purwakarta subang indramayu semarang solo surakarta magelang salatiga pekalongan tegal
    purwokerto banyumas cilacap kudus jepara pati klaten boyolali sragen wonogiri sleman bantul
    kulonprogo gunungkidul surabaya malang kediri blitar madiun jember banyuwangi probolinggo
    pasuruan mojokerto sidoarjo gresik lamongan tuban bojonegoro ponorogo pacitan
    denpasar mataram kupang pontianak palangkaraya banjarmasin balikpapan samarinda tarakan
    manado makassar palu kendari ambon ternate jayapura sorong merauke manokwari
    """.split()
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|id|net|org|co|io|me|ly)(?:/\S*)?\b", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{6,}\d(?!\w)")
_NUMBER = re.compile(r"\d+")
_ADDRESS = re.compile(
    r"\b(?:jl|jln|jalan|gg|gang|rt|rw|desa|ds|kel|kelurahan|kec|kecamatan|kab|kabupaten|kota|"
    r"perum|perumahan|komplek|kompleks|blok|dusun|kampung|kp)\b\.?\s*[\w.'-]+(?:\s+[A-Z][\w'-]*)*",
    re.IGNORECASE,
)
# A title or kinship word before a name: "kak Rina", "pak Budi", "si Andi".
_TITLED = re.compile(
    r"\b(kak|ka|bu|ibu|pak|bapak|mas|mbak|mba|bang|abang|dek|adek|om|tante|si|teh|aa|ko|cici)\s+[A-Z][a-z]+"
)


def scrub(text: str, *, names=(), places=()) -> str:
    """The text without contacts, numbers, the given names and places, or known places."""
    text = _EMAIL.sub(CONTACT, text)
    text = _URL.sub(CONTACT, text)
    text = _HANDLE.sub(CONTACT, text)
    text = _PHONE.sub(CONTACT, text)
    text = _ADDRESS.sub(PLACE, text)
    text = _TITLED.sub(lambda match: f"{match.group(1)} {NAME}", text)
    text = _NUMBER.sub(NUMBER, text)
    words = {w.lower() for w in names if len(w) >= 3}
    extra_places = {w.lower() for w in places if len(w) >= 3}

    def replace(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in words:
            return NAME
        if lower in PLACES or lower in extra_places:
            return PLACE
        return word

    return re.sub(r"[^\W\d_]+", replace, text)


def name_words(*full_names: str) -> set[str]:
    """The words of people's names, to pass as `names` (each word of three letters or more)."""
    return {word for name in full_names for word in re.findall(r"[^\W\d_]{3,}", name or "")}
