"""Contact details in what a peer supporter writes are hidden (support/text.py), in the spellings
students use, while ordinary words that only contain an app's name stay as they are."""

import pytest
from django.utils import translation

from sebaya.support.text import mask_contacts

HIDDEN = ("[link hidden]", "[email hidden]", "[number hidden]", "[contact hidden]")

CAUGHT = [
    # (text, what must disappear, which label replaces it)
    ("hubungi aku 0812-3456-7890 ya", "0812-3456-7890", "[number hidden]"),
    ("wa aku +62 812 3456 7890", "812 3456 7890", "[number hidden]"),
    ("wa: 081234567890", "081234567890", "[number hidden]"),
    ("chat aku di wa.me/6281234567890", "wa.me/6281234567890", "[link hidden]"),
    ("https://example.com/aku", "example.com/aku", "[link hidden]"),
    ("www.budi.id", "budi.id", "[link hidden]"),
    ("api.whatsapp.com/send?phone=6281234567890", "6281234567890", "[link hidden]"),
    ("ig: @budi.santoso", "budi.santoso", "[contact hidden]"),
    ("IG @budi_123 ya", "budi_123", "[contact hidden]"),
    ("ig:budi123", "budi123", "[contact hidden]"),
    ("Instagram: budi", "budi", "[contact hidden]"),
    ("follow instagram.com/budi.s", "budi.s", "[link hidden]"),
    ("Insta @budi", "budi", "[contact hidden]"),
    ("line: budi99", "budi99", "[contact hidden]"),
    ("LINE: budi99", "budi99", "[contact hidden]"),
    ("id line budi99", "budi99", "[contact hidden]"),
    ("ID LINE: budi99", "budi99", "[contact hidden]"),
    ("line id budi99", "budi99", "[contact hidden]"),
    ("add line.me/ti/p/~budi99", "budi99", "[link hidden]"),
    ("tiktok.com/@budi.dance", "budi.dance", "[link hidden]"),
    ("tiktok: budidance", "budidance", "[contact hidden]"),
    ("TikTok @budidance", "budidance", "[contact hidden]"),
    ("t.me/budi99", "budi99", "[link hidden]"),
    ("telegram: budi99", "budi99", "[contact hidden]"),
    ("tele @budi99", "budi99", "[contact hidden]"),
    ("dm aku @budi99", "budi99", "[contact hidden]"),
    ("budi@gmail.com", "budi", "[email hidden]"),
    ("email aku budi.s+bk@sekolah.sch.id", "budi.s", "[email hidden]"),
    ("budi@gmail", "budi", "[email hidden]"),
    ("budi [at] gmail [dot] com", "budi", "[email hidden]"),
    ("budi (at) yahoo (dot) co (dot) id", "budi", "[email hidden]"),
    ("budi at gmail dot com", "budi", "[email hidden]"),
]

NOT_CAUGHT = [
    "deadline tugasnya besok",
    "deadline: besok jam 7",
    "aku online terus kok",
    "online: tiap malam",
    "garis finish sudah dekat",
    "aku baca di timeline, sedih banget",
    "ig aku jarang dibuka",
    "tig, bigger, sigh",
    "dia tinggal di Lingkungan 3",
    "nilai ujianku 85 dari 100",
    "kelas 10 IPA 2, absen 12",
    "ketemu di kantin @ jam 10",
    "ketemu @10.00 ya",
    "tanggal 12-05-2026",
    "aku tidak kuat lagi, tolong",
    "lihat di halaman 3.5 buku paket",
    "dan/atau",
    "wa-nya nanti aja",
]


@pytest.mark.parametrize(("text", "gone", "label"), CAUGHT)
def test_contact_details_are_hidden(text, gone, label):
    with translation.override("en"):
        masked = mask_contacts(text)
    assert gone not in masked, masked
    assert label in masked, masked


@pytest.mark.parametrize("text", NOT_CAUGHT)
def test_ordinary_words_stay(text):
    with translation.override("en"):
        masked = mask_contacts(text)
    assert masked == text
    assert not any(label in masked for label in HIDDEN)


def test_the_words_around_a_handle_stay():
    with translation.override("en"):
        assert mask_contacts("kalau mau cerita, ig: @budi. Semangat ya!") == (
            "kalau mau cerita, [contact hidden]. Semangat ya!"
        )


def test_the_labels_are_in_the_readers_language():
    with translation.override("id"):
        masked = mask_contacts("ig: @budi, budi@gmail.com, t.me/budi, 081234567890")
    assert masked == (
        "[kontak disembunyikan], [email disembunyikan], [tautan disembunyikan], [nomor disembunyikan]"
    )


def test_a_link_leaves_the_punctuation_after_it():
    with translation.override("en"):
        masked = mask_contacts("cek t.me/budi, atau https://x.id/a.")
    assert masked == "cek [link hidden], atau [link hidden]."
