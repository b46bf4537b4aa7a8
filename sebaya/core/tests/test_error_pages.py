"""Error pages (403, 404, 500, a refused form) speak the person's language, calmly, with the
crisis bar and the way home; and no page shows a link its reader would be refused."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from conftest import in_english
from sebaya.core import errors

CRISIS_BAR = {"id": "Butuh bantuan sekarang?", "en": "Need help now?"}


def assert_error_page(response, status, title, language="id"):
    assert response.status_code == status
    text = response.content.decode()
    assert title in text
    assert CRISIS_BAR[language] in text and f'href="{reverse("crisis")}"' in text
    assert 'id="error-home"' in text and f'href="{reverse("home")}"' in text
    assert "Forbidden" not in text and "Not Found" not in text


def test_a_missing_page_in_indonesian_and_in_english(client):
    assert_error_page(client.get("/tidak-ada/"), 404, "Halaman tidak ditemukan")
    assert_error_page(in_english(client).get("/tidak-ada/"), 404, "Page not found", "en")


def test_a_missing_page_for_a_signed_in_member(client_as, org):
    response = client_as("member").get(f"/o/{org.slug}/tidak-ada/")
    assert_error_page(response, 404, "Halaman tidak ditemukan")


def test_a_refused_page_is_calm_and_translated(client_as, org):
    """The guru BK who followed the rubric link got a bare English "403 Forbidden"."""
    url = reverse("rubric", kwargs={"org": org.slug})
    counselor = client_as("counselor")
    assert_error_page(counselor.get(url), 403, "Halaman ini tidak tersedia untuk akun ini")
    assert_error_page(in_english(counselor).get(url), 403, "This page is not available to this account", "en")


def test_the_recruitment_page_links_the_rubric_only_for_who_may_open_it(client_as, org):
    url = reverse("recruitment_list", kwargs={"org": org.slug})
    rubric = reverse("rubric", kwargs={"org": org.slug})
    counselor_page = client_as("counselor").get(url)
    assert counselor_page.status_code == 200 and rubric not in counselor_page.content.decode()
    coordinator_page = client_as("coordinator").get(url)
    assert rubric in coordinator_page.content.decode()
    assert client_as("coordinator").get(rubric).status_code == 200


def test_a_form_sent_without_its_token_gets_the_calm_page(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["member"])
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert_error_page(response, 403, "Formulir belum dapat dikirim")
    assert "terlalu lama terbuka, atau formulirnya terkirim dua kali" in response.content.decode()
    in_english(client)
    response = client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert_error_page(response, 403, "The form could not be sent", "en")


def test_the_server_error_page_needs_no_database_and_no_request():
    # No django_db mark: pytest-django makes any database query here fail the test.
    request = RequestFactory().get("/")
    with translation.override("id"):
        response = errors.server_error(request)
    assert_error_page(response, 500, "Terjadi gangguan di sistem kami")
    assert 'lang="id"' in response.content.decode()
    with translation.override("en"):
        assert_error_page(errors.server_error(request), 500, "Something went wrong on our side", "en")


def test_the_server_error_page_renders_when_the_urls_are_what_failed(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("urlconf broken")

    monkeypatch.setattr(errors, "reverse", broken)
    monkeypatch.setattr(errors, "static", broken)
    with translation.override("id"):
        response = errors.server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500 and "Terjadi gangguan di sistem kami" in text
    assert 'href="/bantuan/"' in text and "Butuh bantuan sekarang?" in text


@pytest.mark.django_db
def test_django_uses_the_server_error_page(settings):
    """An exception in a view ends on our page (handler500), not on Django's bare one."""
    settings.ROOT_URLCONF = "sebaya.core.tests.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500 and "Terjadi gangguan di sistem kami" in response.content.decode()
