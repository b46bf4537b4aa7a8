"""Dashboards slow to count are kept for the day (evaluation.snapshots): the page then says when
its figures were counted, a coordinator can count them again, and a fast one is always live.

`EVALUATION_KEEP_MS` is 0 here (every dashboard is slow enough to keep) or None (never kept), so
what is kept does not depend on the machine's speed. The worker's warming needs a cache shared
with the app processes: the tests of it use the Redis on this machine, under a prefix of their own."""

import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from conftest import in_english
from sebaya.evaluation import snapshots
from sebaya.evaluation.tests.measures import measure
from sebaya.organizations.models import Network, Organization

REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def kept(settings):
    settings.EVALUATION_KEEP_MS = 0
    cache.clear()  # this process's memory cache (the default in tests)
    yield
    cache.clear()


@pytest.fixture
def shared_cache(settings):
    """Django's cache on Redis, as a deployment with REDIS_URL has; its keys removed afterwards."""
    prefix = f"sebaya-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    settings.EVALUATION_KEEP_MS = 0
    yield
    client = redis.Redis.from_url(REDIS)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def _results_shown(client, org):
    """The page's screening results of PHQ-9 (severity table, this semester), and the page."""
    response = client.get(reverse("evaluation_dashboard", kwargs={"org": org.slug}))
    assert response.status_code == 200
    table = response.context["dashboard"].table("screening_severity")
    return table.row_totals["phq9"], response.content.decode()


def _measured(org, people):
    for person in people:
        measure(org, person, total=12, day=timezone.localdate())


def test_a_kept_dashboard_says_when_it_was_counted_and_counts_again_when_asked(kept, org, pupils, client_as):
    coordinator = client_as("coordinator")
    _measured(org, pupils[:12])
    shown, html = _results_shown(coordinator, org)
    assert shown == 12
    assert 'id="evaluation-computed"' in html and "Angka ini dihitung hari ini pukul" in html
    _measured(org, pupils[12:15])
    assert _results_shown(coordinator, org)[0] == 12  # the figures counted earlier today
    # Counting again keeps the page's choices and shows the new figures.
    url = reverse("evaluation_refresh", kwargs={"org": org.slug})
    code = _current_code(timezone.localdate())
    response = coordinator.post(url, {"periode": code, "gender": "", "kelas": "", "layanan": ""})
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("evaluation_dashboard", kwargs={"org": org.slug}) + f"?periode={code}"
    )
    assert _results_shown(coordinator, org)[0] == 15


def test_each_cut_and_language_is_kept_on_its_own(kept, org, pupils, client_as):
    coordinator = client_as("coordinator")
    _measured(org, pupils[:12])
    url = reverse("evaluation_dashboard", kwargs={"org": org.slug})
    assert "Tingkat keparahan" in coordinator.get(url).content.decode()
    english = in_english(client_as("coordinator")).get(url).content.decode()
    assert "Severity of the last result of each person" in english and "Tingkat keparahan" not in english
    # Grade 10 girls (14 of the pupils, 12 measured: pupils 0–11 are grade 10, girls up to 13).
    girls = coordinator.get(
        url, {"periode": _current_code(timezone.localdate()), "kelas": "10", "gender": "female"}
    )
    assert girls.context["dashboard"].context.cut.gender == "female"
    assert girls.context["dashboard"].table("screening_severity").row_totals["phq9"] == 12
    _measured(org, pupils[12:15])  # two more girls in grade 10, one boy
    # The everyone view was kept before; the grade 10 girls too: neither moves until counted again.
    assert _results_shown(coordinator, org)[0] == 12


def test_a_refresh_with_a_period_not_offered_is_refused_with_a_message(kept, org, pupils, client_as):
    coordinator = client_as("coordinator")
    refresh = reverse("evaluation_refresh", kwargs={"org": org.slug})
    response = coordinator.post(refresh, {"periode": "1999-1"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert coordinator.get(refresh).status_code == 405


def test_a_fast_dashboard_is_always_live_and_says_nothing_of_when(settings, org, pupils, client_as):
    settings.EVALUATION_KEEP_MS = 10_000  # slower than any test's counting
    coordinator = client_as("coordinator")
    _measured(org, pupils[:12])
    shown, html = _results_shown(coordinator, org)
    assert shown == 12 and 'id="evaluation-computed"' not in html
    _measured(org, pupils[12:15])
    assert _results_shown(coordinator, org)[0] == 15


def test_a_dashboard_kept_earlier_goes_when_it_is_counted_fast_again(kept, settings, org, pupils, client_as):
    coordinator = client_as("coordinator")
    _measured(org, pupils[:12])
    assert _results_shown(coordinator, org)[0] == 12  # kept
    _measured(org, pupils[12:15])
    settings.EVALUATION_KEEP_MS = 10_000
    coordinator.post(
        reverse("evaluation_refresh", kwargs={"org": org.slug}),
        {"periode": _current_code(timezone.localdate())},
    )
    settings.EVALUATION_KEEP_MS = 0
    # Counted fast, not kept, and the entry of the morning is gone: the next view counts afresh.
    assert _results_shown(coordinator, org)[0] == 15


def test_the_network_page_kept_and_counted_again(kept, org, network, pupils, client_as):
    viewer = client_as("network_viewer")
    _measured(org, pupils[:12])
    url = reverse("network_evaluation", kwargs={"network": network.slug})

    def total(response):
        return response.context["table"].column_totals["screenings"]

    first = viewer.get(url)
    assert total(first) == 12 and 'id="evaluation-computed"' in first.content.decode()
    _measured(org, pupils[12:15])
    assert total(viewer.get(url)) == 12
    code = _current_code(timezone.localdate())
    response = viewer.post(
        reverse("network_evaluation_refresh", kwargs={"network": network.slug}), {"periode": code}
    )
    assert response.status_code == 302 and response["Location"] == f"{url}?periode={code}"
    assert total(viewer.get(url)) == 15
    refused = viewer.post(
        reverse("network_evaluation_refresh", kwargs={"network": network.slug}), {"periode": "x"}
    )
    assert refused.status_code == 400


def test_the_worker_counts_each_default_dashboard_once_a_day_where_the_cache_is_shared(
    shared_cache, org, network, pupils, client_as
):
    _measured(org, pupils[:12])
    everyone = Organization.objects.count() + Network.objects.count()  # the fixtures' other school too
    assert snapshots.warm(seconds=60) == everyone
    assert snapshots.warm(seconds=60) == 0  # done for today
    _measured(org, pupils[12:15])
    shown, html = _results_shown(client_as("coordinator"), org)
    assert shown == 12 and 'id="evaluation-computed"' in html  # what the worker counted


def test_the_worker_stops_when_its_time_is_up_and_goes_on_next_round(shared_cache, org, other_org, network):
    assert snapshots.warm(seconds=0) == 0
    assert snapshots.warm(seconds=60) == 3  # two organizations and the network, from where it stopped
    assert snapshots.warm(seconds=60) == 0


def test_the_worker_counts_nothing_where_each_process_has_its_own_cache(kept, org, network):
    assert "locmem" in django_settings.CACHES["default"]["BACKEND"].lower()
    assert snapshots.warm(seconds=60) == 0


def _current_code(day):
    from sebaya.evaluation import period as periods

    return periods.current(day).code
