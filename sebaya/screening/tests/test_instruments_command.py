"""`sebaya instruments list` and `sebaya instruments score`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sebaya.screening import instruments
from sebaya.screening.instruments import registry

ROOT = Path(__file__).resolve().parents[3]


def run(*args):
    """The command in a real process, as an operator would run it."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(SEBAYA_ENV="development", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "sebaya", "instruments", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def score_json(capsys, *args):
    call_command("instruments", "score", *args)
    output = capsys.readouterr().out
    assert output.count("\n") == 1  # one JSON object on one line
    return json.loads(output)


def test_list_shows_every_instrument_with_version_name_items_and_ages(capsys):
    call_command("instruments", "list")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "version", "items", "ages", "name"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert sorted(rows) == [
        "akpd",
        "dcm",
        "gad7",
        "k10",
        "knowledge_stigma",
        "phq4",
        "phq9",
        "phqa",
        "satisfaction",
        "srq20",
        "who5",
    ]
    assert rows["phqa"].split()[:6] == ["phqa", "1", "13", "(9", "required)", "11-17"]
    assert "Patient Health Questionnaire for Adolescents (PHQ-A)" in rows["phqa"]
    assert rows["srq20"].split()[:4] == ["srq20", "1", "20", "15+"]
    assert rows["who5"].endswith("WHO-5 Well-Being Index")


def test_list_in_indonesian(capsys):
    call_command("instruments", "list", "--language", "id")
    assert "Indeks Kesejahteraan WHO-5" in capsys.readouterr().out


def test_list_every_version_and_score_an_old_one(capsys, tmp_path, monkeypatch):
    old = json.loads((instruments.DIRECTORY / "phq4.v1.json").read_text(encoding="utf-8"))
    new = old | {"version": 2, "bands": [band | {"code": f"{band['code']}_v2"} for band in old["bands"]]}
    for data in (old, new):
        (tmp_path / f"phq4.v{data['version']}.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(registry, "DIRECTORY", tmp_path)
    registry._registry.cache_clear()
    try:
        call_command("instruments", "list")
        assert [line.split()[:2] for line in capsys.readouterr().out.splitlines()[1:]] == [["phq4", "2"]]
        call_command("instruments", "list", "--all-versions")
        rows = [line.split()[:2] for line in capsys.readouterr().out.splitlines()[1:]]
        assert rows == [["phq4", "1"], ["phq4", "2"]]
        assert score_json(capsys, "phq4", "0", "0", "0", "0")["band"] == "normal_v2"
        assert score_json(capsys, "phq4.v1", "0", "0", "0", "0")["band"] == "normal"
    finally:
        registry._registry.cache_clear()


def test_score_prints_one_json_object(capsys):
    data = score_json(capsys, "phq9", *["3"] * 9)
    assert data == {
        "instrument": "phq9", "version": 1, "total": 27, "band": "severe", "subscales": {},
        "flags": ["suicidal_thoughts"], "derived": {},
    }  # fmt: skip


def test_score_subscales_and_derived_values(capsys):
    data = score_json(capsys, "PHQ-4", "2", "1", "0", "1")
    assert (data["instrument"], data["total"], data["band"], data["flags"]) == ("phq4", 4, "mild", [])
    assert data["subscales"] == {
        "anxiety": {"score": 3, "band": None, "flagged": True},
        "depression": {"score": 1, "band": None, "flagged": False},
    }
    data = score_json(capsys, "who5", "5", "5", "5", "5", "5")
    assert (data["total"], data["band"], data["derived"]) == (25, "good", {"percentage": 100})


def test_score_a_given_version_and_skip_optional_items(capsys):
    data = score_json(capsys, "phqa.v1", *["0"] * 9, "-", "-", "1", "0")
    assert (data["version"], data["total"], data["flags"]) == (1, 0, ["suicidal_thoughts_past_month"])
    data = score_json(capsys, "srq20", *["0"] * 16, "1", "0", "0", "0")
    assert (data["total"], data["band"], data["flags"]) == (1, "below_cutoff", ["suicidal_thoughts"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["phq99", "1"], "No instrument 'phq99'"),
        (["phq9.v9", *["0"] * 9], "phq9 has no version 9"),
        (["gad7", "1", "2"], "GAD-7 needs 7 answers; got 2"),
        (["gad7"], "GAD-7 needs 7 answers; got 0"),
        (["gad7", *["1"] * 8], "GAD-7 needs 7 answers; got 8"),
        (["gad7", *["1"] * 6, "4"], "'4' is not an answer to question 7 (q7); the answers are 0, 1, 2, 3"),
        (["gad7", "-1", *["1"] * 6], "'-1' is not an answer to question 1"),
        (["k10", *["0"] * 10], "'0' is not an answer to question 1 (q1); the answers are 1, 2, 3, 4, 5"),
        (["gad7", "x", *["1"] * 6], "'x' is not an answer to question 1"),
        (["gad7", "-", *["1"] * 6], "Question 1 (q1) has no answer"),
    ],
)
def test_score_errors_are_clear_and_exit_with_status_2(capsys, args, message):
    with pytest.raises(CommandError) as caught:
        call_command("instruments", "score", *args)
    assert caught.value.returncode == 2
    assert message in str(caught.value)
    assert capsys.readouterr().out == ""


def test_in_a_real_process_success_exits_0_and_a_wrong_answer_exits_2():
    done = run("score", "phq9", *["1"] * 9)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "instrument": "phq9", "version": 1, "total": 9, "band": "mild", "subscales": {},
        "flags": ["suicidal_thoughts"], "derived": {},
    }  # fmt: skip
    failed = run("score", "phq9", *["1"] * 8, "5")
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert "'5' is not an answer to question 9 (q9)" in failed.stderr
    unknown = run("score", "nothing", "1")
    assert unknown.returncode == 2 and "No instrument 'nothing'" in unknown.stderr
