"""The page allauth shows when a limit is reached (429): Sebaya's look, in the person's language,
with the way to the crisis lines."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import in_english


@pytest.fixture(autouse=True)
def one_sign_in_a_minute(settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    yield
    cache.clear()


def limited(client):
    client.post(reverse("account_login"), {"login": "siapa", "password": "salah-salah-salah"})
    return client.post(reverse("account_login"), {"login": "siapa", "password": "salah-salah-salah"})


def test_the_limit_page_is_in_indonesian_by_default(db):
    response = limited(Client())
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "Terlalu banyak percobaan" in page
    assert "Too Many Requests" not in page and "Too many attempts" not in page
    assert reverse("crisis") in page  # the crisis lines stay one tap away
    assert 'href="/static/sebaya/sebaya.css"' in page or "sebaya.css" in page


def test_the_limit_page_in_english(db):
    response = limited(in_english(Client()))
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Too many attempts" in page and "Please wait a few minutes and try again." in page
    assert "Too Many Requests" not in page
