"""Sebaya as production runs it, on one machine (issue 18, part 4): nginx in front of two gunicorn
instances, `sebaya worker` processes, PostgreSQL through PgBouncer in transaction mode, Redis for
the cache and the sign-in limits, and an SMTP sink for the emails.

    apt-get install nginx-light pgbouncer              # Debian's packages; the bench starts its own
    .venv/bin/pip install aiosmtpd
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sebaya_loadbench
    .venv/bin/python bench/cluster.py up [--app-servers 2] [--app-workers 2] [--workers 3]

`up` starts everything on free ports of 127.0.0.1, prints the address nginx serves, and runs until
Ctrl-C, then stops it all. bench/screening_load.py `run --cluster` starts the same cluster for its
load test and kills one app server and one worker in the middle of it (`--kill-app-at`,
`--kill-worker-at`). Nothing here is installed as a service or touches the machine's own nginx or
PgBouncer: their configuration, logs and pid files are written under var/cluster/.

The database is reached only through PgBouncer (`DB_POOLER=pgbouncer`: no server-side cursors, no
prepared statements), 20 server connections for all the processes together, which is what lets
many app processes share a PostgreSQL that allows 100. nginx hands a request whose app server
refuses the connection to the other one; a request already sent to a server that dies gets a 502,
and the client sends it again (a screening submission is one transaction: stored whole, or not at
all, and an invitation takes one answer)."""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HERE = Path(os.environ.get("SEBAYA_CLUSTER_DIR", ROOT / "var" / "cluster"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_process(command, *, env, log, cwd=ROOT):
    return subprocess.Popen(  # noqa: S603 (our own tools and Debian's, on 127.0.0.1)
        command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_process(process, *, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@dataclass
class Cluster:
    url: str
    env: dict
    apps: list = field(default_factory=list)  # one gunicorn master (and its workers' group) each
    workers: list = field(default_factory=list)
    others: list = field(default_factory=list)  # nginx, PgBouncer, the SMTP sink
    log: object = None

    def kill_app_server(self, index: int = 0) -> None:
        """SIGKILL one app server and its workers at once: a crash, not a shutdown."""
        os.killpg(self.apps[index].pid, signal.SIGKILL)

    def kill_worker(self, index: int = 0) -> None:
        os.killpg(self.workers[index].pid, signal.SIGKILL)

    def stop(self) -> None:
        for process in [*self.apps, *self.workers, *self.others]:
            stop_process(process)
        if self.log:
            self.log.close()


def _pgbouncer(database_url: str, env: dict, log) -> tuple[subprocess.Popen, str]:
    """PgBouncer in transaction mode in front of DATABASE_URL; returns it and the URL through it."""
    target = urllib.parse.urlsplit(database_url)
    port = free_port()
    folder = HERE / "pgbouncer"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    user = target.username or "postgres"
    (folder / "userlist.txt").write_text(f'"{user}" ""\n')
    (folder / "pgbouncer.ini").write_text(
        f"""[databases]
* = host={target.hostname or "127.0.0.1"} port={target.port or 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {folder / "userlist.txt"}
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
logfile = {folder / "pgbouncer.log"}
"""
    )
    command = ["pgbouncer", str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        for path in folder.iterdir():
            os.chown(path, owner.pw_uid, owner.pw_gid)
        command[1:1] = ["-u", "postgres"]
    process = start_process(command, env=env, log=log)
    through = target._replace(netloc=f"{user}@127.0.0.1:{port}").geturl()
    return process, through


def _nginx(upstreams: list[int], log) -> tuple[subprocess.Popen, int]:
    port = free_port()
    folder = HERE / "nginx"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "tmp").mkdir(parents=True)
    servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in upstreams)
    (folder / "nginx.conf").write_text(
        f"""daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {folder / "tmp"};
  proxy_temp_path {folder / "tmp"};
  fastcgi_temp_path {folder / "tmp"};
  uwsgi_temp_path {folder / "tmp"};
  scgi_temp_path {folder / "tmp"};
  upstream sebaya {{
{servers}
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 20m;
    location / {{
      proxy_pass http://sebaya;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      # A server that refuses the connection: the other one answers (POST too: nothing was sent).
      proxy_next_upstream error timeout;
    }}
  }}
}}
"""
    )
    process = start_process(["nginx", "-c", str(folder / "nginx.conf")], env=dict(os.environ), log=log)
    return process, port


def _wait_until_served(url: str, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:  # noqa: S310 (127.0.0.1)
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    sys.exit(f"Nothing answered at {url} in {seconds:.0f} s: see {HERE / 'processes.log'}")


def start(
    *,
    app_servers: int = 2,
    app_workers: int = 2,
    workers: int = 3,
    smtp_port: int | None = None,
    extra_env=None,
) -> Cluster:
    """Start the cluster and return once nginx serves Sebaya's health check through both servers."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")
    for tool in ("nginx", "pgbouncer"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install nginx-light pgbouncer")
    HERE.mkdir(parents=True, exist_ok=True)
    log = (HERE / "processes.log").open("a")
    env = {
        **os.environ,
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "sebaya.settings",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
        "DB_POOLER": "pgbouncer",
        "EMAIL_USE_TLS": "false",
        **(extra_env or {}),
    }
    others = []
    bouncer, env["DATABASE_URL"] = _pgbouncer(database_url, env, log)
    others.append(bouncer)
    if smtp_port is None:
        smtp_port = free_port()
        sink = [str(BIN / "python"), "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}"]
        others.append(start_process([*sink, "-c", "aiosmtpd.handlers.Sink"], env=env, log=log))
    env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_port))
    ports = [free_port() for _ in range(app_servers)]
    gunicorn = [str(BIN / "gunicorn"), "--workers", str(app_workers), "--log-level", "warning"]
    apps = [
        start_process([*gunicorn, "--bind", f"127.0.0.1:{port}", "sebaya.wsgi:application"], env=env, log=log)
        for port in ports
    ]
    proxy, port = _nginx(ports, log)
    others.append(proxy)
    cluster = Cluster(url=f"http://127.0.0.1:{port}", env=env, apps=apps, others=others, log=log)
    try:
        for upstream in ports:
            _wait_until_served(f"http://127.0.0.1:{upstream}")
        _wait_until_served(cluster.url)
        cluster.workers = [
            start_process([str(BIN / "sebaya"), "worker"], env=env, log=log) for _ in range(workers)
        ]
    except BaseException:
        cluster.stop()
        raise
    return cluster


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start everything and run until Ctrl-C")
    up.add_argument("--app-servers", type=int, default=2)
    up.add_argument("--app-workers", type=int, default=2, help="gunicorn workers in each app server")
    up.add_argument("--workers", type=int, default=3, help="sebaya worker processes")
    args = parser.parse_args()
    cluster = start(app_servers=args.app_servers, app_workers=args.app_workers, workers=args.workers)
    print(f"Sebaya at {cluster.url}: nginx, {args.app_servers} app servers, {args.workers} workers")
    print(f"Logs: {HERE}. Ctrl-C stops it all.")
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
