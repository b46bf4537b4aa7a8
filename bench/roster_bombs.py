"""Roster file bombs: the time and peak memory of reading each hostile file, against an honest roster.

    .venv/bin/python bench/roster_bombs.py [--before PATH] [--timeout 60] [--only NAME ...]

Each file is read by `sebaya.roster.parsing.read_table` (then `parse_rows`) in a fresh process,
so the peak memory printed (how much the process's highest resident size, VmHWM on Linux, grew
while reading) is that file's alone. The baseline, in the same run, is an honest 10,000-row
roster of nine columns written by openpyxl; the ratios divide by it. With --before PATH, every
file is also read by the code of another checkout (for example one from before the limits), and
the before/after ratios are printed; a read that takes longer than --timeout is stopped and shown
as such. Prints figures; asserts nothing.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = """
import json, os, re, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
import django
django.setup()
from django.utils import translation
translation.activate("en")
from sebaya.roster.parsing import RosterFileError, parse_rows, read_table
name, path = sys.argv[1], sys.argv[2]


def peak_kb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))



content = open(path, "rb").read()
before = peak_kb()
start = time.perf_counter()
try:
    header, table = read_table(name=name, content=content, max_rows=10_000)
    rows, _columns, _ignored = parse_rows(header, table)
    result = f"read {len(rows)} rows"
except RosterFileError as error:
    message = str(error)
    result = f"refused, message of {len(message):,} characters: {message[:60]}"
seconds = time.perf_counter() - start
peak = peak_kb() - before
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "result": result}))
"""


def honest_roster(rows=10_000):
    from sebaya.roster.tests.helpers import xlsx_bytes

    rng = random.Random(1)
    table = [
        ["NIS", "Nama Lengkap", "L/P", "Tanggal Lahir", "Tingkat", "Kelas", "Email", "Nama Wali", "HP Wali"]
    ]
    for n in range(rows):
        born = datetime.date(2009, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
        table.append(
            [f"2026{n:05d}", f"Siswa {rng.randint(0, 10**9)}", rng.choice("LP"), born, "10", f"X-{n % 12}"]
            + [f"s{n}@sekolah.sch.id", f"Wali {n}", f"0812{n:08d}"]
        )
    return table, xlsx_bytes(table)


def cases():
    from sebaya.roster.tests import bombs
    from sebaya.roster.tests.helpers import csv_bytes

    table, workbook = honest_roster()
    return [
        ("honest roster, 10,000 rows", "roster.xlsx", workbook),
        ("the same as CSV", "roster.csv", csv_bytes(table)),
        ("declares A1:XFD1048576 (1 KB)", "bomb.xlsx", bombs.huge_dimension()),
        ("2,000,000 empty rows", "bomb.xlsx", bombs.many_empty_rows()),
        ("one 300 MB shared string", "bomb.xlsx", bombs.huge_shared_string()),
        ("one 300 MB inline string", "bomb.xlsx", bombs.huge_inline_string()),
        ("a part lying about its size", "bomb.xlsx", bombs.lying_content_types()),
        ("entity expansion (DTD)", "bomb.xlsx", bombs.entity_expansion()),
        ("10,000 rows formatted to XFD", "wide.xlsx", bombs.wide_rows()),
        ("480,000 shared strings", "strings.xlsx", bombs.many_shared_strings(480_000)),
        ("49,000 rows × 10 cells", "cells.xlsx", bombs.many_cells(49_000, 10)),
        ("strings and rows at their limits", "limits.xlsx", bombs.everything_at_its_limit()),
        ("CSV: 2,500,000 empty lines", "blank.csv", b"nis,nama\r\n" + b"\r\n" * 2_500_000),
        ("CSV: one row of 2,500,000 cells", "wide.csv", b"nis,nama\r\n1," + b"x," * 2_400_000),
    ]


def measure(source, name, path, timeout):
    env = {**os.environ, "PYTHONPATH": str(source)}
    try:
        done = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", CHILD, name, path],
            cwd=source,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": float(timeout), "peak_mb": float("nan"), "result": f"stopped after {timeout} s"}
    if done.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "result": f"crashed: {done.stderr[-80:]!r}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="another checkout to compare with")
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("--only", nargs="*", help="case names containing these words")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
    import django

    django.setup()
    chosen = [case for case in cases() if not args.only or any(word in case[0] for word in args.only)]
    with tempfile.TemporaryDirectory() as folder:
        baseline = None
        for label, name, content in chosen:
            path = Path(folder) / name
            path.write_bytes(content)
            after = measure(ROOT, name, str(path), args.timeout)
            baseline = baseline or after
            ratio = after["seconds"] / baseline["seconds"]
            line = (
                f"{label:<33} {len(content) / 1024:8,.0f} KB  {after['seconds']:6.2f} s ({ratio:5.2f}×)"
                f"  {after['peak_mb']:7.1f} MB  {after['result']}"
            )
            if args.before:
                before = measure(args.before.resolve(), name, str(path), args.timeout)
                speedup = after["seconds"] / before["seconds"]
                line += (
                    f"\n{'':<33} before: {before['seconds']:6.2f} s, {before['peak_mb']:7.1f} MB, "
                    f"{before['result'][:50]}  (time after/before: {speedup:.3f})"
                )
            print(line, flush=True)


if __name__ == "__main__":
    main()
