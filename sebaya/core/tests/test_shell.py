from django.test import Client
from django.urls import reverse

from conftest import in_english, make_person
from sebaya.people.models import Role


def test_crisis_page_signed_out_shows_the_national_lines_and_the_organizations_own(org):
    page = Client().get(reverse("crisis"), {"org": org.slug}).content.decode()
    assert 'href="tel:119"' in page and 'href="tel:112"' in page and "healing119.id" in page
    assert "0800-111" in page
    assert "Butuh bantuan sekarang?" in page


def test_crisis_page_ignores_a_bad_organization_parameter(org):
    response = Client().get(reverse("crisis"), {"org": "../../etc"})
    assert response.status_code == 200 and "0800-111" not in response.content.decode()


def test_signed_in_crisis_page_shows_only_the_users_organizations(client_as, org, other_org):
    page = client_as("member").get(reverse("crisis")).content.decode()
    assert "0800-111" in page and "0800-999" not in page


def test_every_page_links_to_the_crisis_page(client_as, org):
    for client, url in [
        (Client(), reverse("home")),
        (Client(), reverse("account_login")),
        (client_as("counselor"), reverse("org_home", kwargs={"org": org.slug})),
    ]:
        assert 'id="crisis-link"' in client.get(url).content.decode(), url


def test_the_default_language_is_indonesian_and_english_is_complete(db):
    indonesian = Client().get(reverse("home")).content.decode()
    assert '<html lang="id">' in indonesian and "Butuh bantuan sekarang?" in indonesian
    # A phone set to English still gets Indonesian until the person switches.
    phone = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(reverse("home")).content.decode()
    assert '<html lang="id">' in phone
    english = in_english(Client()).get(reverse("home")).content.decode()
    assert '<html lang="en">' in english and "Need help now?" in english


def test_language_switch_is_remembered_for_the_user(client_as, users, org):
    client = client_as("member")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/bantuan/"})
    assert response.status_code == 302 and response["Location"] == "/bantuan/"
    users["member"].refresh_from_db()
    assert users["member"].language == "en"
    other_device = Client()
    other_device.force_login(users["member"])
    assert (
        '<html lang="en">' in other_device.get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    )


def test_language_switch_refuses_unknown_languages_and_foreign_redirects(db):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "sebaya_language" not in response.cookies
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/" and response.cookies["sebaya_language"].value == "en"


def test_home_sends_each_kind_of_user_to_their_place(client_as, org, network, other_org):
    assert client_as("member").get(reverse("home"))["Location"] == reverse(
        "org_home", kwargs={"org": org.slug}
    )
    assert client_as("network_viewer").get(reverse("home"))["Location"] == reverse(
        "network_home", kwargs={"network": network.slug}
    )
    assert client_as("outsider").get(reverse("home"))["Location"] == reverse(
        "org_home", kwargs={"org": other_org.slug}
    )


def test_org_home_is_role_aware_and_names_the_organization_and_role(client_as, org):
    for role in Role:
        page = client_as(role.value).get(
            reverse("org_home", kwargs={"org": org.slug}), HTTP_ACCEPT_LANGUAGE="en"
        )
        html = page.content.decode()
        assert f'id="home-{role.value}"' in html, role
        assert 'id="current-context"' in html and org.name in html


def test_switching_role_changes_the_home_page(org, client_as):
    membership, user = make_person(org, "X-1", roles=[Role.MEMBER, Role.PEER_SUPPORTER], username="both")
    from django.test import Client as C

    client = C()
    client.force_login(user)
    home = reverse("org_home", kwargs={"org": org.slug})
    assert 'id="home-peer_supporter"' in client.get(home).content.decode()  # the higher role first
    response = client.post(reverse("switch"), {"organization": str(org.pk), "role": "member"})
    assert response.status_code == 302
    assert 'id="home-member"' in client.get(home).content.decode()
    refused = client.post(reverse("switch"), {"organization": str(org.pk), "role": "org_admin"})
    assert refused.status_code == 400
    assert 'id="home-member"' in client.get(home).content.decode()


def test_network_viewers_see_aggregates_with_small_numbers_hidden(client_as, org, network):
    for i in range(7):
        make_person(org, f"M-{i}")
    page = client_as("network_viewer").get(reverse("network_home", kwargs={"network": network.slug}))
    rows = page.context["rows"]
    assert rows == [{"organization": org, "members": 8, "peer_supporters": None, "counselors": 1}]
    assert "member person" not in page.content.decode()  # never a name


def test_healthz_answers_ok(db):
    response = Client().get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok"


def test_org_settings_save_crisis_contacts_and_coordinators_cannot_rename(client_as, org):
    url = reverse("org_settings", kwargs={"org": org.slug})
    contact = org.crisis_contacts.get()
    data = {
        "name": "Renamed",
        "kind": "school",
        "region": "Bandung",
        "timezone": "Asia/Makassar",
        "alert_ack_minutes": "10",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "1",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-id": str(contact.pk),
        "contacts-0-name": "Ruang BK",
        "contacts-0-phone": "0800-111",
        "contacts-0-position": "0",
        "contacts-1-name": "Guru piket",
        "contacts-1-phone": "0812-000",
        "contacts-1-position": "1",
    }
    assert client_as("coordinator").post(url, data).status_code == 302
    org.refresh_from_db()
    assert org.name == "SMA Test"  # the coordinator's form has the settings disabled
    assert org.crisis_contacts.count() == 2
    assert client_as("org_admin").post(url, {**data, "contacts-TOTAL_FORMS": "1"}).status_code == 302
    org.refresh_from_db()
    assert org.name == "Renamed" and org.timezone == "Asia/Makassar" and org.alert_ack_minutes == 10
    never = client_as("org_admin").post(url, {**data, "contacts-TOTAL_FORMS": "1", "alert_ack_minutes": "0"})
    assert never.status_code == 400  # an alert must be acknowledged within at least a minute
    org.refresh_from_db()
    assert org.alert_ack_minutes == 10


def test_org_settings_refuse_an_unknown_time_zone_and_save_nothing(client_as, org):
    url = reverse("org_settings", kwargs={"org": org.slug})
    data = {
        "name": "Renamed",
        "kind": "school",
        "timezone": "Mars/Olympus",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-name": "New",
        "contacts-0-phone": "1",
        "contacts-0-position": "0",
    }
    assert client_as("org_admin").post(url, data).status_code == 400
    org.refresh_from_db()
    assert org.name == "SMA Test" and org.crisis_contacts.count() == 1


def test_pages_forbid_inline_scripts_and_framing(client_as, org):
    for response in (
        Client().get(reverse("home")),
        client_as("member").get(reverse("org_home", kwargs={"org": org.slug})),
    ):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy


def test_the_organization_remembered_in_the_session_and_the_first_one_otherwise(
    users, org, other_org, django_assert_num_queries
):
    from django.test import RequestFactory

    from sebaya import access
    from sebaya.core import context

    request = RequestFactory().get("/")
    request.user, request.session = users["counselor"], {}
    first = access.organizations_for(request.user).first()
    # A new session remembers none: the user's first organization, in one query.
    with django_assert_num_queries(1):
        assert context.remembered_organization(request) == first
    request.session[context.SESSION_KEY] = {"org": str(org.pk)}
    assert context.remembered_organization(request) == org
    # One the user does not belong to (any more) is not given back: their first one is.
    request.session[context.SESSION_KEY] = {"org": str(other_org.pk)}
    assert context.remembered_organization(request) == first and first != other_org
