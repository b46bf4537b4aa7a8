"""The request code and PIN cannot be guessed: every try is counted before the PIN is checked,
per address and per code (security probe, issue 11: 60 parallel wrong PINs were all checked)."""

import re
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from sebaya.support import services
from sebaya.support.views import CODE_FAILURES

TOO_MANY = "Too many tries"
NO_MATCH = "do not match"


class SlowEnoughHasher(PBKDF2PasswordHasher):
    """Real PBKDF2, with fewer rounds than production but enough to leave a window for a race."""

    iterations = 60_000


@pytest.fixture(autouse=True)
def _clean_rate_limits():
    cache.clear()
    yield
    cache.clear()


def wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def english(client):
    client.cookies["sebaya_language"] = "en"
    return client


def try_pin(client, org, code, pin, address):
    response = client.post(
        reverse("ask_return", kwargs={"org": org.slug}), {"code": code, "pin": pin}, REMOTE_ADDR=address
    )
    text = response.content.decode()
    return "granted" if response.status_code == 302 else (TOO_MANY if TOO_MANY in text else NO_MATCH)


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_pins_are_counted_before_they_are_checked(org, live_server, settings):
    settings.PASSWORD_HASHERS = ["sebaya.support.tests.test_request_code_limits.SlowEnoughHasher"]
    help_request, _code, pin = services.help_request_submit(organization=org, topic="family")
    url = live_server.url + reverse("ask_return", kwargs={"org": org.slug})
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar) + "; sebaya_language=en"
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "code": help_request.request_code, "pin": wrong(pin)}
    ).encode()

    def attempt(_n):
        request = urllib.request.Request(url, data=body, headers={"Cookie": cookies, "Referer": url})
        for _try in range(10):
            try:
                return urllib.request.urlopen(request).read().decode()  # noqa: S310 (the test's own server)
            except urllib.error.HTTPError as error:
                return error.read().decode()
            except (ConnectionError, urllib.error.URLError):
                # The test server's listen queue is short: a refused connection was never answered,
                # so it is simply sent again.
                time.sleep(0.05)
        raise AssertionError("the test server refused the connection ten times")

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(attempt, range(60)))
    checked = sum(NO_MATCH in answer for answer in answers)
    refused = sum(TOO_MANY in answer for answer in answers)
    assert checked + refused == 60
    assert checked <= CODE_FAILURES, f"{checked} PINs were checked in parallel"


def test_tries_for_one_code_are_limited_from_many_addresses(org, db):
    help_request, _code, pin = services.help_request_submit(organization=org, topic="family")
    code = help_request.request_code
    client = english(Client())
    answers = [try_pin(client, org, code, wrong(pin), f"10.0.1.{n}") for n in range(CODE_FAILURES)]
    assert answers == [NO_MATCH] * CODE_FAILURES
    # Another address, even with the right PIN: this code is resting for a quarter of an hour.
    assert try_pin(client, org, code, pin, "10.0.2.1") == TOO_MANY
    # Other codes from other addresses are not affected.
    other, _code, other_pin = services.help_request_submit(organization=org, topic="family")
    assert try_pin(client, org, other.request_code, other_pin, "10.0.2.2") == "granted"


def test_the_right_pin_uses_up_no_tries(org, db):
    help_request, _code, pin = services.help_request_submit(organization=org, topic="family")
    client = english(Client())
    for _n in range(CODE_FAILURES * 2):
        assert try_pin(client, org, help_request.request_code, pin, "10.0.3.1") == "granted"
    assert try_pin(client, org, help_request.request_code, wrong(pin), "10.0.3.1") == NO_MATCH


def test_the_cache_never_holds_the_code(org, db, settings):
    help_request, _code, pin = services.help_request_submit(organization=org, topic="family")
    try_pin(Client(), org, help_request.request_code, wrong(pin), "10.0.4.1")
    keys = list(cache._cache.keys())  # the local-memory cache of the tests
    assert keys and not any(help_request.request_code.replace("-", "") in key for key in keys)
