"""Speed of risk detection on one thread: the lexicon alone against the combined detector.

Everything is measured in one run, over the lines of the shipped evaluation sets
(`sebaya.safety.risk.evaluation.SHIPPED`), with numpy's thread pools limited to one thread
(OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1, set before numpy is imported, and inherited by the
`sebaya risk scan` processes started here). It prints:

1. Lexicon throughput (as before the learned layer): messages per second for
   `sebaya.safety.risk.assess_lexicon` over every line, `--rounds` passes, best of 3, against a
   baseline over the same lines (lowercase the text, then a plain `in` check for a handful of
   phrases), and their ratio.
2. Resident memory (VmRSS from /proc/self/status) before and after the combined detector's
   first call, which loads the model file and the sentence encoder (once per process, lazily),
   and that first call's time.
3. Milliseconds per single short message, median and 95th percentile, for the combined
   `sebaya.safety.risk.assess` and for `assess_lexicon`, each line rated on its own (one call
   per line, `--passes` passes), and the ratio combined / lexicon.
4. Long "session notes": the first 1,000, 4,000, 10,000 and 20,000 characters of every line
   joined, then all of it, each rated once by each, shortest first, with this process's highest
   resident memory so far (VmHWM) after each: the encoder's working memory grows with the text,
   and rating them shortest first makes each reading that note's peak.
5. `sebaya risk scan` over `--scan-lines` lines (1,000 by default, from the shipped sets) as a
   real process, `[sys.executable, "-m", "sebaya", "risk", "scan"]` run from the project root:
   wall seconds from the process start to its exit (interpreter, Django, model and encoder load
   included) and the process's peak resident memory (VmHWM), median of `--scan-runs` runs;
   against the same command with the learned layer switched off (`model.load` returning None,
   as when the model file is missing: the lexicon alone decides).

    .venv/bin/python bench/risk_scan.py [--rounds N] [--passes N] [--scan-lines N] [--scan-runs N]
                                        [--file PATH]

No asserts on speed: this prints figures.
"""

import os

# Before numpy is imported (sebaya.safety.risk imports it): one thread, here and in the children.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sebaya.safety.risk import assess, assess_lexicon  # noqa: E402
from sebaya.safety.risk.evaluation import SHIPPED, read_examples  # noqa: E402

BASELINE_PHRASES = ("bunuh diri", "bundir", "pengen mati", "mau mati", "suicide", "kill myself", "dibully")

NOTE_SIZES = (1_000, 4_000, 10_000, 20_000)  # characters, then every line joined
SCAN = [sys.executable, "-m", "sebaya", "risk", "scan"]
# The same command in a process where the learned layer cannot load: the lexicon alone decides.
SCAN_LEXICON = [
    sys.executable,
    "-c",
    "import sys\n"
    "from sebaya.safety.risk import model\n"
    "model.load = lambda path=None: None\n"
    "from sebaya.manage import main\n"
    "sys.argv = ['sebaya', 'risk', 'scan']\n"
    "main()\n",
]


def baseline(text: str) -> str:
    lowered = text.lower()
    return "crisis" if any(phrase in lowered for phrase in BASELINE_PHRASES) else "none"


def measure(function, texts: list[str], rounds: int) -> float:
    """Best of three timings of `rounds` passes; returns messages per second."""
    best = float("inf")
    for _attempt in range(3):
        start = time.perf_counter()
        for _round in range(rounds):
            for text in texts:
                function(text)
        best = min(best, time.perf_counter() - start)
    return rounds * len(texts) / best


def each(function, texts: list[str], passes: int) -> list[float]:
    """Milliseconds of one call per text, every text on its own, `passes` times."""
    timings = []
    for _pass in range(passes):
        for text in texts:
            start = time.perf_counter()
            function(text)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def resident_mb(field: str = "VmRSS") -> float:
    """This process's resident memory now (VmRSS) or at its highest so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_scan(command: list[str], texts: list[str]) -> tuple[float, float, int]:
    """Wall seconds from start to exit, peak resident MB and lines written, for one scan process
    reading `texts` on stdin (from a file, so that no pipe fills up).

    The peak is the child's VmHWM, read from /proc/<pid>/status every 10 ms by a thread until it
    exits (the last reading, so a peak in its final milliseconds could be missed). The rusage
    of a waited child is no use here: Linux counts the parent's resident pages at fork in it."""
    peak_kb = [0]

    def watch(pid: int, done: threading.Event) -> None:
        status = Path(f"/proc/{pid}/status")
        while not done.is_set():
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak_kb[0] = max(peak_kb[0], int(line.split()[1]))
            except (OSError, ValueError):
                pass
            done.wait(0.01)

    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout:
        stdin.write(("\n".join(texts) + "\n").encode())
        stdin.seek(0)
        done = threading.Event()
        start = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and command)
            command, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT
        )
        watcher = threading.Thread(target=watch, args=(process.pid, done))
        watcher.start()
        errors = process.stderr.read()
        process.wait()
        seconds = time.perf_counter() - start
        done.set()
        watcher.join()
        stdout.seek(0)
        written = stdout.read().decode().count("\n")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed ({process.returncode}): {errors.decode()[-2000:]}")
    return seconds, peak_kb[0] / 1024, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="passes over the lines per throughput timing")
    parser.add_argument("--passes", type=int, default=1, help="passes over the lines for per-message timings")
    parser.add_argument("--scan-lines", type=int, default=1000, help="lines fed to `sebaya risk scan`")
    parser.add_argument("--scan-runs", type=int, default=3, help="scan processes of each kind (median)")
    parser.add_argument("--file", action="append", help="level<TAB>text files (default: every shipped set)")
    args = parser.parse_args()
    files = args.file or SHIPPED
    texts = [example.text for path in files for example in read_examples(path)]
    characters = sum(len(text) for text in texts) / len(texts)
    long_text = " ".join(texts)  # one long "session note"

    # 1. The lexicon alone, as before; the model is not loaded yet.
    for text in texts:  # warm up
        assess_lexicon(text)
    lexicon_rate = measure(assess_lexicon, texts, args.rounds)
    plain_rate = measure(baseline, texts, args.rounds)
    notes = [long_text[:size] for size in NOTE_SIZES if size < len(long_text)] + [long_text]

    # 2. The combined detector's first call loads the model file and the encoder.
    before_mb = resident_mb()
    start = time.perf_counter()
    assess(texts[0])
    load_seconds = time.perf_counter() - start
    loaded_mb = resident_mb()

    # 3. One short message at a time.
    for text in texts[:50]:  # warm up
        assess(text)
    combined_ms = each(assess, texts, args.passes)
    lexicon_ms = each(assess_lexicon, texts, args.passes)
    rated_mb = resident_mb()

    # 4. Long notes, shortest first (VmHWM only grows).
    note_figures = []
    for note in notes:
        start = time.perf_counter()
        assess(note)
        combined_note_ms = (time.perf_counter() - start) * 1000
        peak_mb = resident_mb("VmHWM")
        start = time.perf_counter()
        assess_lexicon(note)
        lexicon_note_ms = (time.perf_counter() - start) * 1000
        note_figures.append((len(note), combined_note_ms, lexicon_note_ms, peak_mb))

    # 5. `sebaya risk scan` as a real process, the lexicon-only one first.
    scan_texts = (texts * (args.scan_lines // len(texts) + 1))[: args.scan_lines]
    lexicon_scans = [run_scan(SCAN_LEXICON, scan_texts) for _run in range(args.scan_runs)]
    combined_scans = [run_scan(SCAN, scan_texts) for _run in range(args.scan_runs)]
    for _seconds, _peak, written in lexicon_scans + combined_scans:
        if written != len(scan_texts):
            raise SystemExit(f"scan wrote {written} lines for {len(scan_texts)}")

    def scan_figures(runs):
        seconds = [run[0] for run in runs]
        return (
            statistics.median(seconds),
            min(seconds),
            max(seconds),
            statistics.median(run[1] for run in runs),
        )

    scan_combined = scan_figures(combined_scans)
    scan_lexicon = scan_figures(lexicon_scans)
    combined_median, lexicon_median = statistics.median(combined_ms), statistics.median(lexicon_ms)
    combined_p95, lexicon_p95 = percentile(combined_ms, 0.95), percentile(lexicon_ms, 0.95)

    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores,"
        " numpy on one thread"
    )
    print(f"{len(texts)} lines (mean {characters:.0f} characters)")
    print()
    print(f"Lexicon throughput ({args.rounds} rounds, best of 3)")
    print(f"  assess_lexicon():                  {lexicon_rate:>12,.0f} messages/second")
    print(f"  baseline (lower() + in):           {plain_rate:>12,.0f} messages/second")
    print(f"  assess_lexicon() / baseline:       {lexicon_rate / plain_rate:>12.3f}")
    print()
    print("Combined detector: first call (model file + encoder load)")
    print(f"  first assess():                    {load_seconds:>12.2f} s")
    print(f"  resident memory before:            {before_mb:>12.1f} MB")
    print(f"  resident memory after:             {loaded_mb:>12.1f} MB")
    print(f"  added by loading:                  {loaded_mb - before_mb:>12.1f} MB")
    print(f"  after rating every line:           {rated_mb:>12.1f} MB (+{rated_mb - before_mb:.1f} MB)")
    print()
    print(f"One short message at a time ({len(combined_ms)} calls each)")
    print(f"  assess() median / p95:             {combined_median:>8.3f} / {combined_p95:.3f} ms")
    print(f"  assess_lexicon() median / p95:     {lexicon_median:>8.3f} / {lexicon_p95:.3f} ms")
    print(
        f"  ratio combined / lexicon:          {combined_median / lexicon_median:>8.1f} (median)"
        f" / {combined_p95 / lexicon_p95:.1f} (p95)"
    )
    print()
    print("Long notes, one call each (peak: VmHWM after it; added: peak - resident memory before the load)")
    print(f"  {'characters':>10}{'assess()':>12}{'lexicon':>12}{'ratio':>8}{'peak':>10}{'added':>10}")
    for size, combined_note_ms, lexicon_note_ms, peak_mb in note_figures:
        print(
            f"  {size:>10,}{combined_note_ms:>9.1f} ms{lexicon_note_ms:>9.1f} ms"
            f"{combined_note_ms / lexicon_note_ms:>8.1f}{peak_mb:>7.0f} MB{peak_mb - before_mb:>7.0f} MB"
        )
    print()
    print(
        f"`sebaya risk scan`, {len(scan_texts):,} lines on stdin, a new process each time "
        f"(median of {args.scan_runs}, min-max)"
    )
    print(
        f"  combined:                          {scan_combined[0]:>8.2f} s  ({scan_combined[1]:.2f}-"
        f"{scan_combined[2]:.2f})  peak {scan_combined[3]:.0f} MB"
    )
    print(
        f"  lexicon alone (model off):         {scan_lexicon[0]:>8.2f} s  ({scan_lexicon[1]:.2f}-"
        f"{scan_lexicon[2]:.2f})  peak {scan_lexicon[3]:.0f} MB"
    )
    print(
        f"  ratio combined / lexicon:          {scan_combined[0] / scan_lexicon[0]:>8.2f}"
        f"  (memory +{scan_combined[3] - scan_lexicon[3]:.0f} MB)"
    )


if __name__ == "__main__":
    main()
