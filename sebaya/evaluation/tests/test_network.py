"""The network's dashboard: counts per organization and in total, small numbers hidden the same
way, and the page for a network viewer only."""

import datetime

from django.urls import reverse

from sebaya.evaluation.network import network_table
from sebaya.evaluation.period import YEAR, Period
from sebaya.evaluation.tests.measures import measure
from sebaya.organizations.models import Organization

DAY = datetime.date(2026, 8, 3)


def test_each_organization_and_the_total_with_small_numbers_hidden(org, other_org, network, pupils):
    other_org.network = network
    other_org.save()
    for person in pupils[:12]:
        measure(org, person, total=5, day=DAY)
    for person in pupils[12:15]:  # three results in the other school: a small number
        measure(other_org, person, total=5, day=DAY)
    organizations = list(Organization.objects.filter(network=network).order_by("name"))
    table = network_table(network=network, organizations=organizations, period=Period(2026, "1"))
    by_org = {code: table.cells[code, "screenings"] for code, _label in table.rows}
    assert by_org[str(org.pk)] is None and by_org[str(other_org.pk)] is None  # 12 + 3 = 15: both hide
    assert table.column_totals["screenings"] == 15
    # The semester is part of the year: the year hides what would give the semester away.
    year = network_table(network=network, organizations=organizations, period=Period(2026, YEAR))
    assert year.cells[str(other_org.pk), "screenings"] is None


def test_a_network_of_one_organization_shows_nothing_its_total_does_not(org, network, pupils):
    for person in pupils[:7]:
        measure(org, person, total=5, day=DAY)
    table = network_table(network=network, organizations=[org], period=Period(2026, "1"))
    assert table.cells[str(org.pk), "screenings"] is None and table.column_totals["screenings"] is None


def test_the_page_is_for_network_viewers_and_refuses_a_period_not_offered(client_as, network):
    client = client_as("network_viewer")
    url = reverse("network_evaluation", kwargs={"network": network.slug})
    assert client.get(url).status_code == 200
    assert client.get(url, {"periode": "1999-1"}).status_code == 400
    assert client_as("coordinator").get(url).status_code == 404
    csv = client.get(reverse("network_evaluation_export", kwargs={"network": network.slug, "kind": "csv"}))
    assert csv.status_code == 200 and "Lembaga" in csv.content.decode("utf-8-sig")
