"""The evaluation dashboards (issue 17) on a province's data, against a bare page in the same run.

    createdb -h 127.0.0.1 -U postgres sebaya_evalbench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sebaya_evalbench
    .venv/bin/sebaya migrate
    .venv/bin/sebaya generate --orgs 200 --people 200000 --screening-results 1000000 \\
        --sessions 200000 --help-requests 50000 --messages 500000 --cases 20000
    .venv/bin/python bench/dashboard.py [--n 15] [--org gen-122] [--explain] [--profile org]

Requests go through Django's test Client in this process: the whole middleware stack, a signed-in
session (`force_login`; generated staff have two-step sign-in set up, which is all the account
gate asks), the view, the template. Pages:
- org: `/o/<org>/evaluasi/` as its coordinator, the default period (this semester);
- org-year: the same for the whole school year (`?periode=<year>-year`);
- org-filter: this semester, one grade and one gender (`?kelas=11&gender=female`);
- csv: one table as CSV (`evaluasi/tabel/reach_by_tier.csv`);
- network: `/n/<network>/evaluasi/` as the network's viewer (`gen-dinas-<n>`);
- each again as `<page>-count`: counted afresh on every request (the cache emptied before it),
  what the first view of the day costs when the worker has not computed it (the others read the
  figures computed earlier today: `sebaya.evaluation.snapshots`).
Each is measured next to two bare pages, interleaved request by request so that any drift of
the machine falls on both: `fortunes`, TechEmpower's "fortunes" shape (bench/bare.py) (a view
that reads 12 rows, adds one, sorts them and renders a tiny escaped template) served through
a urlconf that wraps the project's; and `fortunes-base`, the same list inside the site's
`base.html` (its context processors: menus, roles), what any signed-in page pays.

The organization is by default the generated one with the most members (gen-158: 4,946 with its
staff, on the command above; `--org gen-122` is the busiest). Prints, per page: the median, 90th
percentile and fastest of `--n` requests (wall clock), the median CPU time of this process (what
other work on a shared machine changes least), the time spent waiting for PostgreSQL, the number
of queries, and the ratio of the median to each bare page's median. `--explain` prints EXPLAIN
ANALYZE of each page's slowest queries; `--profile PAGE` the cProfile of one request (`SORT=tottime`
to sort by own time). Prints figures; asserts nothing. About a minute with `--n 15`.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bare  # noqa: E402


class SQLClock:
    """Counts the queries of a request and the time spent waiting for them."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.log = None  # [(seconds, sql, params)] when asked

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - start
            self.count += 1
            self.seconds += spent
            if self.log is not None:
                self.log.append((spent, sql, params))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=15, help="requests per page (after 2 to warm up)")
    parser.add_argument("--org", default="", help="organization slug (default: the largest gen- one)")
    parser.add_argument(
        "--pages", default="org,org-count,org-year,org-year-count,org-filter-count,csv,network,network-count"
    )
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each page's slowest queries")
    parser.add_argument("--profile", default="", help="cProfile one request of this page")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds at most per page")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from sebaya.accounts.models import User
    from sebaya.evaluation import period as periods
    from sebaya.organizations.models import Organization
    from sebaya.people.models import Role

    if connection.vendor != "postgresql":
        sys.exit("Run it on the PostgreSQL database built by `sebaya generate` (see the docstring).")
    bare.use()

    organizations = Organization.objects.filter(slug__startswith="gen-")
    if args.org:
        org = organizations.get(slug=args.org)
    else:
        org = organizations.annotate(n=Count("memberships")).order_by("-n", "slug").first()
    if org is None:
        sys.exit("No generated organization: run `sebaya generate` first (see the docstring).")
    network = org.network
    coordinator = User.objects.get(
        person__memberships__organization=org, person__memberships__roles__role=Role.COORDINATOR,
        username__endswith="-koordinator",
    )  # fmt: skip
    viewer = User.objects.filter(person__network_roles__network=network).order_by("username").first()
    this = periods.current(datetime_today())
    coordinator_client, viewer_client = Client(), Client()
    coordinator_client.force_login(coordinator)
    viewer_client.force_login(viewer)

    base = f"/o/{org.slug}/evaluasi/"
    pages = {
        "org": (coordinator_client, base),
        "org-year": (coordinator_client, f"{base}?periode={this.year}-year"),
        "org-filter": (coordinator_client, f"{base}?periode={this.code}&kelas=11&gender=female"),
        "csv": (coordinator_client, f"{base}tabel/reach_by_tier.csv"),
        "network": (viewer_client, f"/n/{network.slug}/evaluasi/"),
    }
    # "-count": the same page counted afresh each time (no figures computed earlier today).
    pages.update({f"{name}-count": page for name, page in list(pages.items())})
    bare_pages = {"fortunes": "/bench/fortunes/", "fortunes-base": "/bench/fortunes-base/"}
    members = org.memberships.count()
    size = network.organizations.count()
    print(f"# {org.slug}: {members} members; network {network.slug}: {size} organizations")
    print(f"# period {this.code}; {args.n} a page after 2 to warm up; PostgreSQL {connection.pg_version}")

    clock = SQLClock()

    def one(client, url, count=False):
        if count:
            cache.clear()  # the figures computed earlier today (evaluation.snapshots): none
        clock.count, clock.seconds = 0, 0.0
        start, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(clock):
            response = client.get(url)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        if response.status_code != 200:
            sys.exit(f"{url}: HTTP {response.status_code}")
        return total * 1000, clock.seconds * 1000, clock.count, len(response.content), cpu * 1000

    def summary(samples):
        times = sorted(s[0] for s in samples)
        p90 = times[max(0, -(-9 * len(times) // 10) - 1)]
        return (
            statistics.median(times), p90, statistics.median(s[1] for s in samples), samples[-1][2],
            statistics.median(s[4] for s in samples), times[0],
        )  # fmt: skip

    header = f"{'page':<14}{'median ms':>10}{'p90 ms':>9}{'min ms':>8}{'CPU ms':>8}{'SQL ms':>8}"
    header += f"{'queries':>8}{'KB':>6}"
    header += f"{'÷ fortunes':>12}{'÷ in base':>11}"
    rows = []
    for name in [p for p in args.pages.split(",") if p]:
        client, url = pages[name]
        count = name.endswith("-count")
        for _ in range(2):
            (
                one(client, url, count),
                one(client, bare_pages["fortunes"]),
                one(client, bare_pages["fortunes-base"]),
            )
        samples, tiny, in_base = [], [], []
        started = time.perf_counter()
        for _ in range(args.n):
            tiny.append(one(client, bare_pages["fortunes"]))
            samples.append(one(client, url, count))
            in_base.append(one(client, bare_pages["fortunes-base"]))
            if time.perf_counter() - started > args.budget:
                break
        rows.append(
            (name, url, summary(samples), summary(tiny), summary(in_base), len(samples), samples[-1][3])
        )
        if args.explain:
            explain(connection, clock, lambda client=client, url=url: one(client, url, True), name)
        if args.profile == name:
            profile = cProfile.Profile()
            profile.enable()
            one(client, url, count)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(60)
            print(out.getvalue())

    print()
    print(header)
    for name, _url, page, tiny, in_base, n, size in rows:
        print(
            f"{name:<14}{page[0]:>10.1f}{page[1]:>9.1f}{page[5]:>8.1f}{page[4]:>8.1f}{page[2]:>8.1f}{page[3]:>8}"
            f"{size / 1024:>6.0f}"
            f"{page[0] / tiny[0]:>12.1f}{page[0] / in_base[0]:>11.1f}" + (f"   (n={n})" if n < args.n else "")
        )
    tiny_all = [r[3] for r in rows]
    base_all = [r[4] for r in rows]
    for label, figures in (("fortunes", tiny_all), ("fortunes-base", base_all)):
        medians = ", ".join(f"{f[0]:.1f}" for f in figures)
        p90s = ", ".join(f"{f[1]:.1f}" for f in figures)
        cpus = ", ".join(f"{f[4]:.1f}" for f in figures)
        print(
            f"{label:<14} beside each page: median {medians} ms; p90 {p90s} ms; CPU {cpus} ms; "
            f"{figures[0][3]} queries"
        )
    print()
    for name, url, *_rest in rows:
        print(f"{name:<14}{url}")


def datetime_today():
    from django.utils import timezone

    return timezone.localdate()


def explain(connection, clock, request, name, top=4):
    """EXPLAIN ANALYZE of the page's slowest queries, measured in one request."""
    clock.log = []
    request()
    log, clock.log = clock.log, None
    print(f"\n## {name}: {len(log)} queries, {sum(s for s, *_ in log) * 1000:.1f} ms in SQL; the slowest:")
    for spent, sql, params in sorted(log, key=lambda item: -item[0])[:top]:
        print(f"\n-- {spent * 1000:.1f} ms: {sql[:300]}{'…' if len(sql) > 300 else ''}")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            for (line,) in cursor.fetchall():
                print(f"   {line}")


if __name__ == "__main__":
    main()
