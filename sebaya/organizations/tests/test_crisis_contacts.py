"""The crisis contacts on the organization settings page, labelled in the reader's language."""

from django.urls import reverse

from conftest import in_english


def test_the_crisis_contacts_order_is_labelled_in_indonesian(client_as, org):
    response = client_as("org_admin").get(reverse("org_settings", kwargs={"org": org.slug}))
    assert response.context["contacts"].forms[0]["position"].label == "Urutan dalam daftar"
    page = response.content.decode()
    assert "Urutan dalam daftar" in page and "Nomor yang lebih kecil ditampilkan lebih dulu." in page
    assert "Position" not in page


def test_the_crisis_contacts_order_is_labelled_in_english(client_as, org):
    response = in_english(client_as("org_admin")).get(reverse("org_settings", kwargs={"org": org.slug}))
    assert response.context["contacts"].forms[0]["position"].label == "Order in the list"
    page = response.content.decode()
    assert "Lower numbers are listed first." in page and "Position" not in page
