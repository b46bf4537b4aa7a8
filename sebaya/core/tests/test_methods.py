"""Pages that only show something answer GET and HEAD; anything else is 405."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize("name", ["crisis", "healthz", "home"])
def test_public_pages_take_only_get_and_head(db, name):
    url = reverse(name)
    client = Client()
    assert client.get(url).status_code in {200, 302}
    assert client.head(url).status_code in {200, 302}
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url).status_code == 405, (name, method)


def test_organization_and_network_home_take_only_get_and_head(client_as, org, network):
    for kind, url in (
        ("member", reverse("org_home", kwargs={"org": org.slug})),
        ("network_viewer", reverse("network_home", kwargs={"network": network.slug})),
    ):
        client = client_as(kind)
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 405, url
