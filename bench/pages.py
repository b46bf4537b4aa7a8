"""Key pages against the bare page, served the same way (issue 18, part 1).

    createdb -h 127.0.0.1 -U postgres sebaya_pagesbench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sebaya_pagesbench
    .venv/bin/sebaya migrate && .venv/bin/sebaya demo
    .venv/bin/python bench/pages.py [--seconds 3] [--rounds 3] [--connections 16] [--pages case,journal]

or on generated data (`sebaya generate`, docs/PERFORMANCE.md), as one of its organizations:

    .venv/bin/python bench/pages.py --org gen-158
    .venv/bin/python bench/pages.py --org gen-158 --explain   # sequential scans of big tables, no load
    .venv/bin/python bench/pages.py --org gen-158 --connections 1 --workers 1   # one person clicking

Starts gunicorn (`--workers 2`, sync, DEBUG off) on 127.0.0.1 with Sebaya and the bare pages of
bench/bare.py, so both go through the same server, middleware and database. Signs each role in
with a session made the way Django's test client's `force_login` makes one, in the database the
server reads (the demo's staff have two-step sign-in set up, which is all the account gate asks).
Then, for each page, runs `wrk -t2 -c16` in rounds against the bare "fortunes" page signed out
(what the framework costs: the issue's baseline), the same bare page signed in as the page's user
(what every signed-in page pays before its own work: the session, the user, the roles, the menu)
and the page, and prints each one's requests a second, the page's ratio to each bare page (the
median of the rounds' ratios), its median latency, and the queries and size of one request
(measured in this process through the test client). Needs PostgreSQL and wrk (Debian's
package). Prints figures; asserts nothing. About 40 s a page with the defaults."""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bare  # noqa: E402
from cluster import free_port  # noqa: E402

ORG = "sman-1-harapan"


def accounts_of(org) -> dict:
    """Who signs in as each role: the demo's accounts, or a generated organization's
    (`sebaya generate`: `<org>-siswa`, `<org>-sebaya1`, `<org>-konselor1`, `<org>-koordinator`)."""
    if org.slug.startswith("gen-"):
        names = {
            "student": "siswa",
            "peer": "sebaya1",
            "counselor": "konselor1",
            "coordinator": "koordinator",
        }
        return {role: f"{org.slug}-{name}" for role, name in names.items()}
    return {"student": "siswa", "peer": "sebaya", "counselor": "konselor1", "coordinator": "koordinator"}


def key_pages(org):
    """{name: (username or "", url)} of the key pages, with their objects."""
    from django.db.models import Count
    from django.urls import reverse

    from sebaya.counseling.models import Case
    from sebaya.support.models import SupportRelationship

    here = {"org": org.slug}
    who = accounts_of(org)
    student, peer, counselor, coordinator = (who[k] for k in ("student", "peer", "counselor", "coordinator"))
    thread = (
        SupportRelationship.objects.filter(
            organization=org, supporter__membership__person__user__username=peer
        )
        .order_by("-started_at")
        .first()
    )
    case = (
        Case.objects.filter(organization=org, counselors__username=counselor)
        .annotate(n=Count("sessions"))
        .order_by("-n", "opened_at")
        .first()
    )
    pages = {
        "crisis": ("", reverse("crisis")),
        "student-home": (student, reverse("org_home", kwargs=here)),
        "peer-home": (peer, reverse("org_home", kwargs=here)),
        "counselor-home": (counselor, reverse("org_home", kwargs=here)),
        "alerts": (counselor, reverse("alert_queue", kwargs=here)),
        "triage": (counselor, reverse("triage_queue", kwargs=here)),
        "screening-follow-up": (counselor, reverse("outreach_queue", kwargs=here)),
        "journal": (counselor, reverse("journal", kwargs=here)),
        "supporters": (coordinator, reverse("supporter_list", kwargs=here)),
        "program": (coordinator, reverse("program_overview", kwargs=here)),
    }
    if thread is not None:
        pages["peer-thread"] = (
            peer,
            reverse("relationship_detail", kwargs={**here, "relationship": thread.pk}),
        )
    if case is not None:
        pages["case"] = (counselor, reverse("case_detail", kwargs={**here, "case": case.pk}))
    return pages


def session_cookie(username: str) -> str:
    """A signed-in session for `username` in the database, as `Client.force_login` makes it."""
    from django.conf import settings
    from django.test import Client

    from sebaya.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def queries_and_size(username: str, url: str, *, explain: bool = False) -> tuple[int, int]:
    """Queries and bytes of one request through the test client (after one to warm up); with
    `explain`, print each of its queries that reads a big table sequentially."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sebaya.accounts.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} as {username or 'anonymous'}: HTTP {response.status_code}")
    if explain:
        for query in captured.captured_queries:
            for table, rows in sequential_scans(connection, query["sql"]):
                print(f"#   seq scan of {table} ({rows:,.0f} rows estimated): {query['sql'][:160]}")
    return len(captured), len(response.content)


BIG_TABLE = 10_000  # rows: a sequential scan of a table this size on a page is a missing index


def sequential_scans(connection, sql: str) -> list[tuple[str, float]]:
    """(table, rows the planner expects to read) of each sequential scan of a big table in the
    plan of `sql` (a SELECT as Django sent it, its parameters inlined)."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0][0]["Plan"]
        found, stack = [], [plan]
        while stack:
            node = stack.pop()
            stack.extend(node.get("Plans", []))
            if node["Node Type"] == "Seq Scan":
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [node["Relation Name"]])
                size = cursor.fetchone()[0]
                if size >= BIG_TABLE:
                    found.append((node["Relation Name"], size))
    return found


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "sebaya.settings"}
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}", "--pythonpath", str(ROOT / "bench"),
        "--log-level", "warning", "bare_wsgi:application",
    ]  # fmt: skip
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn and module)
        command, cwd=ROOT, env=env, start_new_session=True
    )
    for _ in range(100):
        try:
            address = f"http://127.0.0.1:{port}/bench/fortunes/"
            urllib.request.urlopen(address, timeout=2).read()  # noqa: S310 (http to 127.0.0.1)
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer on 127.0.0.1")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def check(port: int, url: str, cookie: str) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{url}", headers={"Cookie": cookie} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http to 127.0.0.1)
        if response.status != 200 or response.url != f"http://127.0.0.1:{port}{url}":
            sys.exit(f"{url}: HTTP {response.status}, ended at {response.url} (sign-in or the account gate?)")


def wrk(port: int, url: str, cookie: str, *, seconds: int, connections: int) -> tuple[float, float, int]:
    """(requests a second, median latency in ms, non-2xx answers) of one wrk run."""
    # wrk wants a connection per thread at least: one connection is one thread (what a single
    # person clicking feels, with `--connections 1 --workers 1`).
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(  # noqa: S603 (wrk against 127.0.0.1)
        [*command, f"http://127.0.0.1:{port}{url}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[median.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, float(median.group(1)) * scale, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3, help="each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="bare page and page, alternately")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--pages", default="", help="comma-separated names (default: all)")
    parser.add_argument("--org", default=ORG, help="the demo's school, or a generated gen-<n>")
    parser.add_argument(
        "--explain", action="store_true", help="print each page's sequential scans of big tables, and stop"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from sebaya.organizations.models import Organization

    if connection.vendor != "postgresql":
        sys.exit("Run it on PostgreSQL with the demo (see the docstring).")
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    bare.use()
    org = Organization.objects.filter(slug=args.org).first()
    if org is None:
        sys.exit(f"No organization {args.org}: run `sebaya demo` first (see the docstring).")
    pages = key_pages(org)
    chosen = [name for name in args.pages.split(",") if name] or list(pages)
    cookies = {username: session_cookie(username) for username in {pages[n][0] for n in chosen} if username}
    cookies[""] = ""
    shapes = {}
    for name in chosen:
        shapes[name] = queries_and_size(*pages[name], explain=args.explain)
        if args.explain:
            print(f"# {name}: {pages[name][1]}, {shapes[name][0]} queries, {shapes[name][1] / 1000:.0f} KB")
    if args.explain:
        return
    connection.close()

    port = free_port()
    server = start_gunicorn(port, args.workers)
    results = []
    try:
        bare_url = "/bench/fortunes/"
        for name in chosen:
            username, url = pages[name]
            cookie = cookies[username]
            check(port, url, cookie)
            wrk(port, url, cookie, seconds=1, connections=args.connections)  # warm up
            runs = {"out": [], "in": [], "page": []}  # (requests/s, p50 ms, errors) of each round
            for _ in range(args.rounds):
                # The bare page signed out, as in the figures (what the framework costs), and
                # signed in as the page's user (what every signed-in page pays: session, user, roles).
                for kind, address, sent in (
                    ("out", bare_url, ""),
                    ("in", bare_url, cookie),
                    ("page", url, cookie),
                ):
                    runs[kind].append(
                        wrk(port, address, sent, seconds=args.seconds, connections=args.connections)
                    )
            median = statistics.median
            rates = {kind: [run[0] for run in values] for kind, values in runs.items()}
            versus_out = median(page / out for page, out in zip(rates["page"], rates["out"], strict=True))
            versus_in = median(page / base for page, base in zip(rates["page"], rates["in"], strict=True))
            results.append(
                (name, username, url, median(rates["page"]), median(rates["out"]), median(rates["in"]),
                 versus_out, versus_in, median(run[1] for run in runs["page"]),
                 sum(run[2] for run in runs["page"]), *shapes[name])
            )  # fmt: skip
            print(
                f"# {name}: {versus_out:.2f} of the bare page signed out, {versus_in:.2f} signed in",
                flush=True,
            )
    finally:
        stop(server)

    print(
        f"\n# gunicorn {args.workers} workers; wrk -t2 -c{args.connections}, {args.rounds} rounds of "
        f"{args.seconds} s a page and the bare page, alternately; PostgreSQL {connection.pg_version}"
    )
    print(
        f"{'page':<21}{'as':<12}{'req/s':>7}{'bare out':>9}{'bare in':>8}{'÷ out':>7}{'÷ in':>6}{'p50 ms':>8}"
        f"{'queries':>8}{'KB':>5}{'errors':>7}"
    )
    for name, username, _url, rate, out, signed_in, v_out, v_in, latency, errors, queries, size in results:
        print(f"{name:<21}{username or '-':<12}{rate:>7.0f}{out:>9.0f}{signed_in:>8.0f}{v_out:>7.2f}"
              f"{v_in:>6.2f}{latency:>8.1f}{queries:>8}{size / 1024:>5.0f}{errors:>7}")  # fmt: skip
    print()
    for name, _username, url, *_rest in results:
        print(f"{name:<21}{url}")


if __name__ == "__main__":
    main()
