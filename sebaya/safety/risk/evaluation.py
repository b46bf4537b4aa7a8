"""Measuring the detector against a labelled file (``level<TAB>text`` per line, UTF-8, ``#`` comments).

Used by ``sebaya risk evaluate`` and by the tests that keep the targets from regressing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sebaya.safety.risk.detector import LAYERS, assess_many
from sebaya.safety.risk.engine import LEVELS
from sebaya.safety.risk.families import BY_CODE, FAMILIES, NONE_FAMILIES
from sebaya.safety.risk.lexicon import CONCERN, CRISIS, NONE

DATA = Path(__file__).resolve().parent.parent / "data"
EVAL_FILE = DATA / "risk_eval.tsv"  # written before the detector
HOLDOUT_FILE = DATA / "risk_eval_holdout.tsv"  # a random 30% of those lines, set aside
BLIND_FILE = DATA / "risk_eval_blind.tsv"  # written after the detector, in rounds (see data/README.md)
SHIPPED = (EVAL_FILE, HOLDOUT_FILE, BLIND_FILE)
# Training data for the learned classifier (which also learns from SHIPPED: see training.py).
TRAIN_DIR = DATA / "train"
# Blind rounds written after the learned layer, for first-look figures; never trained on.
BLIND_DIR = DATA / "blind"

# The targets from issue 3 (item 8) and issue 12 (concern).
TARGETS = {
    "crisis_recall": (">=", 0.95),
    "crisis_flagged": (">=", 0.98),
    "concern_flagged": (">=", 0.85),
    "ordinary_flagged": ("<=", 0.05),
}


class EvalFileError(ValueError):
    """The evaluation file cannot be read; the message says which line and why."""


@dataclass(frozen=True)
class Example:
    line: int
    level: str
    text: str
    family: str = ""  # a code of families.py, or "" where the line names none


@dataclass
class Mistake:
    example: Example
    got: str
    matched: tuple[str, ...]


@dataclass
class Report:
    source: str
    total: int = 0
    support: dict[str, int] = field(default_factory=dict)
    precision: dict[str, float] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)
    crisis_flagged: float = 0.0  # crisis lines flagged at any level
    concern_flagged: float = 0.0  # concern lines flagged at any level
    ordinary_flagged: float = 0.0  # none lines flagged at any level
    # family code -> (lines found, lines): for crisis families found means rated crisis, for
    # concern families flagged at any level, for ordinary families left alone (rated none).
    families: dict[str, tuple[int, int]] = field(default_factory=dict)
    layers: tuple[str, ...] = LAYERS
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def crisis_recall(self) -> float:
        return self.recall.get(CRISIS, 0.0)

    def figures(self) -> dict[str, float]:
        return {
            "crisis_recall": self.crisis_recall,
            "crisis_flagged": self.crisis_flagged,
            "concern_flagged": self.concern_flagged,
            "ordinary_flagged": self.ordinary_flagged,
        }

    def unmet(self) -> list[str]:
        """Names of the targets this report misses."""
        missed = []
        for name, value in self.figures().items():
            op, target = TARGETS[name]
            if (op == ">=" and value < target) or (op == "<=" and value > target):
                missed.append(name)
        return missed


def read_examples(path: Path | str) -> list[Example]:
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise EvalFileError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise EvalFileError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from error
    examples = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        level, tab, text = line.partition("\t")
        level = level.strip()
        if not tab or level not in LEVELS:
            raise EvalFileError(
                f"{path}, line {number}: expected 'level<TAB>text' or 'level<TAB>family<TAB>text' "
                f"with level one of {', '.join(LEVELS)}"
            )
        family = ""
        middle, tab, rest = text.partition("\t")
        if tab and (middle in BY_CODE or middle == "-"):
            family, text = ("" if middle == "-" else middle), rest
            if family and BY_CODE[family].level != level:
                raise EvalFileError(
                    f"{path}, line {number}: the family {family} is {BY_CODE[family].level}, not {level}"
                )
        examples.append(Example(number, level, text, family))
    if not examples:
        raise EvalFileError(f"{path}: no labelled lines")
    return examples


def training_files(folder: Path | str = TRAIN_DIR) -> list[Path]:
    """The training files (``*.tsv`` directly in ``folder``), sorted by name so runs are reproducible."""
    return sorted(path for path in Path(folder).glob("*.tsv") if path.is_file())


def evaluate(examples: list[Example], source: str = "", *, layers: tuple[str, ...] = LAYERS) -> Report:
    """Rate every example with the detector (`layers`: both, or one alone) and count."""
    report = Report(source=source, total=len(examples), layers=layers)
    predicted_count = dict.fromkeys(LEVELS, 0)
    correct = dict.fromkeys(LEVELS, 0)
    support = dict.fromkeys(LEVELS, 0)
    flagged = dict.fromkeys(LEVELS, 0)
    families: dict[str, list[int]] = {}
    results = assess_many([example.text for example in examples], layers=layers)
    for example, result in zip(examples, results, strict=True):
        support[example.level] += 1
        predicted_count[result.level] += 1
        if result.level == example.level:
            correct[example.level] += 1
        else:
            report.mistakes.append(Mistake(example, result.level, result.matched))
        if result.level != NONE:
            flagged[example.level] += 1
        if example.family:
            found = {CRISIS: result.level == CRISIS, CONCERN: result.flagged, NONE: not result.flagged}
            counts = families.setdefault(example.family, [0, 0])
            counts[0] += found[example.level]
            counts[1] += 1
    report.support = support
    for level in LEVELS:
        report.precision[level] = _ratio(correct[level], predicted_count[level])
        report.recall[level] = _ratio(correct[level], support[level])
    report.crisis_flagged = _ratio(flagged[CRISIS], support[CRISIS])
    report.concern_flagged = _ratio(flagged[CONCERN], support[CONCERN])
    report.ordinary_flagged = _ratio(flagged[NONE], support[NONE])
    order = [family.code for family in (*FAMILIES, *NONE_FAMILIES)]
    report.families = {code: tuple(families[code]) for code in order if code in families}
    return report


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def evaluate_file(path: Path | str, *, layers: tuple[str, ...] = LAYERS) -> Report:
    return evaluate(read_examples(path), source=str(path), layers=layers)


def format_report(report: Report, *, show_mistakes: bool = True) -> str:
    support = report.support
    lines = [
        f"Evaluation of {report.source} by {' + '.join(report.layers)}: {report.total} lines "
        f"({support[CRISIS]} crisis, {support[CONCERN]} concern, {support[NONE]} none)",
        "",
        f"{'level':<10}{'precision':>10}{'recall':>10}{'lines':>8}",
    ]
    for level in LEVELS:
        lines.append(
            f"{level:<10}{report.precision[level]:>10.3f}{report.recall[level]:>10.3f}{support[level]:>8}"
        )
    labels = {
        "crisis_recall": "crisis recall",
        "crisis_flagged": "crisis messages flagged at any level",
        "concern_flagged": "concern messages flagged at any level",
        "ordinary_flagged": "ordinary (none) messages flagged",
    }
    lines.append("")
    unmet = report.unmet()
    for name, value in report.figures().items():
        op, target = TARGETS[name]
        verdict = "MISSED" if name in unmet else "ok"
        lines.append(f"{labels[name]:<40}{value:>7.3f}   target {op} {target:.2f}   {verdict}")
    lines.append("targets: " + ("all met" if not unmet else "NOT met: " + ", ".join(unmet)))
    if report.families:
        lines.append("")
        lines.append("Per family / per keluarga (crisis: rated crisis; concern: flagged; none: left alone)")
        for code, (found, total) in report.families.items():
            family = BY_CODE[code]
            label = f"{family.id} / {family.en}"
            lines.append(f"  {family.level:<8}{code:<22}{found:>4}/{total:<4}{found / total:>7.3f}  {label}")
    if show_mistakes:
        lines.append("")
        lines.append(f"Misclassified lines: {len(report.mistakes)}")
        for mistake in report.mistakes:
            matched = ", ".join(mistake.matched) or "-"
            lines.append(
                f"  line {mistake.example.line}: expected {mistake.example.level}, got {mistake.got}"
                f" [{matched}]  {mistake.example.text}"
            )
    return "\n".join(lines)
