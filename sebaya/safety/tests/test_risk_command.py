"""`sebaya risk scan` and `sebaya risk evaluate`, run as real processes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sebaya.safety.risk import assess

ROOT = Path(__file__).resolve().parents[3]


def sebaya(*args, input=b""):
    return subprocess.run(
        [sys.executable, "-m", "sebaya", "risk", *args],
        input=input,
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )


def test_scan_writes_one_json_line_per_input_line():
    lines = [
        b"aku pengen mati aja",
        b"",
        "mati lampu lagi \U0001f62d".encode(),
        b"aku dibully terus\r",  # CRLF line
        b"\xff\xfe b u n u h d1r1 \xc3",  # not UTF-8: replaced, not fatal
        b"Kak, jadwal konseling kapan?",
        b"i want to die",  # the last line has no newline
    ]
    result = sebaya("scan", input=b"\n".join(lines))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8").splitlines()
    assert len(out) == len(lines)
    rows = [json.loads(line) for line in out]
    assert all(
        set(row) == {"level", "matched", "score", "by"} and isinstance(row["matched"], list) for row in rows
    )
    assert [row["level"] for row in rows] == ["crisis", "none", "none", "concern", "crisis", "none", "crisis"]
    assert rows[0]["matched"] == ["ingin mati"]
    assert rows[1] == {"level": "none", "matched": [], "score": None, "by": []}
    assert rows[4]["matched"] == ["bunuh diri"]
    assert result.stderr == b""


def test_scan_agrees_with_assess_on_many_lines():
    texts = [line.split("\t")[-1] for line in _eval_lines()][:400]  # level<TAB>family<TAB>text
    result = sebaya("scan", input="\n".join(texts).encode() + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    alone = [assess(text).as_dict() for text in texts]
    assert len(rows) == len(alone) == len(texts) > 300
    for batched, single in zip(rows, alone, strict=True):
        # Batches and single texts give the same answer; the encoder's float sums may differ
        # in the last digits, so the probabilities are compared to three places.
        assert {key: batched[key] for key in ("level", "matched", "by")} == {
            key: single[key] for key in ("level", "matched", "by")
        }
        assert batched["score"] == pytest.approx(single["score"], abs=1e-3)


def test_scan_of_nothing_writes_nothing():
    result = sebaya("scan", input=b"")
    assert result.returncode == 0 and result.stdout == b""


def test_evaluate_prints_precision_recall_and_the_target_figures():
    result = sebaya("evaluate")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "risk_eval.tsv" in out
    for level in ("crisis", "concern", "none"):
        assert any(line.startswith(level) and len(line.split()) == 4 for line in out.splitlines()), level
    for label in (
        "crisis recall",
        "crisis messages flagged at any level",
        "ordinary (none) messages flagged",
    ):
        assert label in out
    assert "targets: all met" in out
    assert "Misclassified lines:" in out


def test_evaluate_lists_misclassified_lines_and_can_fail(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(
        "crisis\taku pengen mati\nnone\tmati lampu\nnone\taku dibully terus\n"
        "crisis\tjadwal piket kelas besok hari apa\n",
        encoding="utf-8",
    )
    result = sebaya("evaluate", "--file", str(path))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "crisis recall                             0.500" in out
    assert "ordinary (none) messages flagged          0.500" in out
    assert "targets: NOT met" in out
    assert "Misclassified lines: 2" in out
    assert "line 3: expected none, got concern [bullying]  aku dibully terus" in out
    assert "line 4: expected crisis, got none [-]  jadwal piket kelas besok hari apa" in out

    strict = sebaya("evaluate", "--file", str(path), "--strict", "--quiet")
    assert strict.returncode == 1
    assert "Misclassified" not in strict.stdout.decode()
    assert "Targets missed" in strict.stderr.decode()


def test_evaluate_reports_the_holdout_too():
    result = sebaya("evaluate", "--holdout", "--quiet", "--strict")
    out = result.stdout.decode()
    assert result.returncode == 0, out + result.stderr.decode()
    assert "risk_eval.tsv" in out and "risk_eval_holdout.tsv" in out
    assert out.count("targets: all met") == 2


def test_evaluate_all_reports_every_shipped_set_and_all_together():
    result = sebaya("evaluate", "--all", "--quiet", "--strict")
    out = result.stdout.decode()
    assert result.returncode == 0, out + result.stderr.decode()
    names = ("risk_eval.tsv", "risk_eval_holdout.tsv", "risk_eval_blind.tsv", "all of them together")
    assert all(name in out for name in names)
    assert out.count("targets: all met") == 4


def test_evaluate_with_a_bad_file_says_why(tmp_path):
    missing = sebaya("evaluate", "--file", str(tmp_path / "nope.tsv"))
    assert missing.returncode == 1
    assert "no such file" in missing.stderr.decode()
    bad = tmp_path / "bad.tsv"
    bad.write_text("crisis aku pengen mati\n", encoding="utf-8")  # no tab
    result = sebaya("evaluate", "--file", str(bad))
    assert result.returncode == 1
    assert "line 1" in result.stderr.decode()


def test_an_action_is_required():
    result = sebaya()
    assert result.returncode == 2
    assert "scan" in result.stderr.decode() and "evaluate" in result.stderr.decode()


def _eval_lines():
    path = ROOT / "sebaya" / "safety" / "data" / "risk_eval.tsv"
    return [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
