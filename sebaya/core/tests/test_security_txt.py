"""/.well-known/security.txt (RFC 9116) and the disclosure policy it points to."""

import datetime

from django.urls import reverse
from django.utils import timezone

from conftest import in_english


def fields(response) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in response.content.decode().splitlines():
        name, _sep, value = line.partition(": ")
        found.setdefault(name, []).append(value)
    return found


def test_security_txt_names_the_contact_and_expires_within_a_year(client, settings):
    settings.SEBAYA_SECURITY_CONTACT = "mailto:keamanan@sma.example.sch.id, https://sma.example.sch.id/lapor"
    settings.SEBAYA_BASE_URL = "https://sebaya.example.sch.id"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    found = fields(response)
    assert found["Contact"] == ["mailto:keamanan@sma.example.sch.id", "https://sma.example.sch.id/lapor"]
    assert found["Preferred-Languages"] == ["id, en"]
    assert found["Canonical"] == ["https://sebaya.example.sch.id/.well-known/security.txt"]
    assert found["Policy"] == ["https://sebaya.example.sch.id/security/"]
    expires = datetime.datetime.strptime(found["Expires"][0], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.UTC
    )
    assert (
        timezone.now() + datetime.timedelta(days=300)
        < expires
        < timezone.now() + datetime.timedelta(days=365)
    )
    # Every field RFC 9116 knows, each once except Contact, and nothing else.
    assert set(found) == {"Contact", "Expires", "Preferred-Languages", "Canonical", "Policy"}


def test_a_fixed_expiry_and_no_contact(client, settings):
    settings.SEBAYA_SECURITY_TXT_EXPIRES = "2027-06-30"
    assert fields(client.get("/.well-known/security.txt"))["Expires"] == ["2027-06-30T00:00:00Z"]
    settings.SEBAYA_SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404  # a file without a contact says nothing
    assert client.post("/.well-known/security.txt").status_code == 405


def test_the_policy_page_is_public_and_in_both_languages(client, settings):
    settings.SEBAYA_SECURITY_CONTACT = "mailto:keamanan@sma.example.sch.id"
    page = client.get(reverse("security_policy")).content.decode()
    assert "keamanan@sma.example.sch.id" in page
    english = in_english(client).get(reverse("security_policy")).content.decode()
    assert "Reporting a security problem" in english
