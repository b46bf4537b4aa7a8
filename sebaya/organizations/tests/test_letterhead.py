"""The kop surat settings (logo checked by content) and letter numbers (no gaps, no duplicates)."""

import datetime
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

from sebaya.organizations.models import IssuedLetter, Letterhead
from sebaya.organizations.numbering import PatternError, check_pattern, format_number, letter_number

DEC_6 = datetime.date(2026, 12, 6)


def image_bytes(kind="PNG", size=(120, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(out, kind)
    return out.getvalue()


def post_letterhead(client, org, **extra):
    data = {
        "upper_lines": "PEMERINTAH PROVINSI JAWA BARAT\nDINAS PENDIDIKAN",
        "name": "SMA Negeri 1 Harapan",
        "address": "Jl. Merdeka 1, Bandung",
        "city": "Bandung",
        "principal_name": "Drs. Budi Santoso, M.Pd.",
        "principal_nip": "196805121994031004",
        "number_pattern": "421.5/{seq:03}/BK/{month_roman}/{year}",
        **extra,
    }
    return client.post(reverse("letterhead_edit", kwargs={"org": org.slug}), data)


def test_the_admin_sets_the_letterhead_with_a_png_logo(client_as, org):
    logo = SimpleUploadedFile("logo.png", image_bytes("PNG"), content_type="image/png")
    assert post_letterhead(client_as("org_admin"), org, logo_file=logo).status_code == 302
    letterhead = Letterhead.objects.get(organization=org)
    assert letterhead.lines == ["PEMERINTAH PROVINSI JAWA BARAT", "DINAS PENDIDIKAN"]
    assert letterhead.logo_type == "image/png" and bytes(letterhead.logo).startswith(b"\x89PNG")
    assert letterhead.logo_data_uri.startswith("data:image/png;base64,")
    # Saving again without a file keeps the logo; "remove" takes it away.
    assert post_letterhead(client_as("org_admin"), org).status_code == 302
    letterhead.refresh_from_db()
    assert letterhead.logo
    assert post_letterhead(client_as("org_admin"), org, remove_logo="on").status_code == 302
    letterhead.refresh_from_db()
    assert not letterhead.logo


@pytest.mark.parametrize(
    "content, message",
    [
        (b"GIF89a" + b"\0" * 100, "bukan gambar PNG atau JPEG"),  # a GIF named .png
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "bukan gambar PNG atau JPEG"),
        (image_bytes("PNG", (3000, 200)), "antara 32 dan 2000 piksel"),
        (image_bytes("PNG", (10, 10)), "antara 32 dan 2000 piksel"),
        (b"\x89PNG" + b"\0" * (1024 * 1024 + 1), "lebih besar dari 1 MB"),
    ],
)
def test_a_bad_logo_is_refused_in_the_users_language_and_nothing_is_saved(client_as, org, content, message):
    logo = SimpleUploadedFile("logo.png", content, content_type="image/png")
    response = post_letterhead(client_as("org_admin"), org, logo_file=logo)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Letterhead.objects.filter(organization=org).exists()


def test_a_jpeg_logo_is_accepted(client_as, org):
    logo = SimpleUploadedFile("logo.bin", image_bytes("JPEG"), content_type="application/octet-stream")
    assert post_letterhead(client_as("org_admin"), org, logo_file=logo).status_code == 302
    assert Letterhead.objects.get(organization=org).logo_type == "image/jpeg"


def test_a_pattern_without_the_running_number_or_with_unknown_braces_is_refused(client_as, org):
    response = post_letterhead(client_as("org_admin"), org, number_pattern="421.5/BK/{year}")
    assert response.status_code == 400 and "{seq}" in response.content.decode()
    response = post_letterhead(client_as("org_admin"), org, number_pattern="{seq}/{seq.__class__}")
    assert response.status_code == 400


def test_pattern_tokens():
    assert format_number("421.5/{seq:03}/BK/{month_roman}/{year}", seq=15, kind="referral", on=DEC_6) == (
        "421.5/015/BK/XII/2026"
    )
    assert format_number("{seq}/{code}/{year}", seq=7, kind="home_visit", on=DEC_6) == "7/BAKR/2026"
    check_pattern("{seq:4}-{year}")
    for bad in ["{year}", "{seq}/{nama}", "{seq}{"]:
        with pytest.raises(PatternError):
            check_pattern(bad)


def test_a_letter_keeps_its_number_and_the_next_letter_takes_the_next(org):
    first = letter_number(organization=org, kind="referral", ref="counseling.referral:1", on=DEC_6)
    again = letter_number(organization=org, kind="referral", ref="counseling.referral:1", on=DEC_6)
    second = letter_number(organization=org, kind="home_visit", ref="counseling.homevisit:1", on=DEC_6)
    next_year = letter_number(
        organization=org, kind="referral", ref="counseling.referral:2", on=datetime.date(2027, 1, 4)
    )
    assert first.number == again.number == "421.5/001/BK/XII/2026"
    assert second.number == "421.5/002/BK/XII/2026"  # one counter for every kind without {code}
    assert next_year.number == "421.5/001/BK/I/2027"


def test_with_a_code_each_kind_counts_on_its_own(org):
    Letterhead.objects.create(organization=org, number_pattern="{seq:02}/{code}/{year}")
    numbers = [
        letter_number(organization=org, kind=kind, ref=f"x:{n}", on=DEC_6).number
        for n, kind in enumerate(["referral", "home_visit", "referral"])
    ]
    assert numbers == ["01/ATK/2026", "01/BAKR/2026", "02/ATK/2026"]


def test_two_counselors_issuing_at_once_get_consecutive_numbers(transactional_db, org):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serializes writers anyway")
    errors, barrier = [], threading.Barrier(8)

    def issue(n):
        try:
            barrier.wait()
            letter_number(organization=org, kind="referral", ref=f"r:{n % 6}", on=DEC_6)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    # Six letters (two issued twice at once): numbers 1 to 6, each once.
    assert sorted(IssuedLetter.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6]
