"""Outcomes, honestly: for each questionnaire, the people measured twice or more in the period
(first measure against last), judged by the Jacobson–Truax reliable change and by recovery from
the caseness cut-off, with the paired effect size and how many were measured again beside every
figure (`kernel.change` does the arithmetic; the instrument files say what it needs, with sources).

The threshold of reliable change is a published convention where the file names one (PHQ-9 6
points, GAD-7 4: "6 or more", so 5.5 on whole-number scores), else computed from the file's
reliability and the standard deviation of the first measures of everyone counted in the period
(the same for every grade and gender, so the categories add up across filters)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sebaya.evaluation.context import Context
from sebaya.evaluation.period import YEAR
from sebaya.evaluation.tables import Spec
from sebaya.kernel.change import (
    DETERIORATED,
    IMPROVED,
    NO_CHANGE,
    EffectSize,
    paired_effect_size,
    recovered,
    reliable_change,
    reliable_change_threshold,
)
from sebaya.kernel.suppression import ALL, SCREENING_MINIMUM
from sebaya.screening.instruments import Instrument, all_instruments

TOO_FEW_TO_JUDGE = 12
ONCE = "once"
RECOVERED_RELIABLY, RECOVERED_ONLY, STILL_A_CASE = "reliable_recovery", "recovery", "still"


def rc_spec(rows) -> Spec:
    return Spec(
        key="outcomes_reliable_change",
        title=_("Reliable change from the first measure to the last"),
        row_header=_("Questionnaire"),
        rows=rows,
        columns=[
            (IMPROVED, _("Reliable improvement")),
            (NO_CHANGE, _("No reliable change")),
            (DETERIORATED, _("Reliable deterioration")),
            (ONCE, _("Measured once only")),
        ],
        minimum=SCREENING_MINIMUM,
        people=True,
        rows_add_up=False,
        note=_("Each person once per questionnaire: their first and last measure in the period."),
    )


def recovery_spec(rows) -> Spec:
    return Spec(
        key="outcomes_recovery",
        title=_("Recovery of the people who were above the cut-off at their first measure"),
        row_header=_("Questionnaire"),
        rows=rows,
        columns=[
            (RECOVERED_RELIABLY, _("Reliable recovery")),
            (RECOVERED_ONLY, _("Below the cut-off, change not reliable")),
            (STILL_A_CASE, _("Still at or above the cut-off")),
        ],
        minimum=SCREENING_MINIMUM,
        people=True,
        rows_add_up=False,
    )


@dataclass(frozen=True)
class Judged:
    """One questionnaire at the period and cut shown."""

    instrument: Instrument
    threshold: float | None
    threshold_from: str  # "points", "reliability" or ""
    effect: EffectSize | None
    pairs: int | None  # None: hidden
    measured: int | None

    @property
    def completion(self) -> int | None:
        if not self.pairs or not self.measured:
            return None
        return round(100 * self.pairs / self.measured)

    @property
    def too_few(self) -> bool:
        return self.pairs is None or self.pairs < TOO_FEW_TO_JUDGE


def threshold_of(instrument: Instrument, pre_scores: list[float]) -> tuple[float | None, str]:
    change = instrument.change
    if change is None:
        return None, ""
    if change.points is not None:
        return change.points - 0.5, "points"  # "N points or more" on whole-number scores
    if change.reliability is None:
        return None, ""
    sd = change.sd
    if sd is None:
        if len(pre_scores) < 2 or statistics.stdev(pre_scores) == 0:
            return None, ""
        sd = statistics.stdev(pre_scores)
    return reliable_change_threshold(sd=sd, reliability=change.reliability), "reliability"


def section(ctx: Context) -> dict:
    instruments = {i.code: i for i in all_instruments() if i.kind == "screening" and i.change is not None}
    series: dict = defaultdict(list)  # (year, term or YEAR, person, code) → [(when, total)]
    for person_id, code, total, _severity, term in ctx.screening_results:  # oldest first
        if code not in instruments:
            continue
        year, part = divmod(term, 10)
        series[year, str(part), person_id, code].append(total)
        series[year, YEAR, person_id, code].append(total)
    used = sorted({key[3] for key in series}, key=lambda code: str(instruments[code].short_name))
    rows = [(code, str(instruments[code].short_name)) for code in used]
    judgeable = [(c, label) for c, label in rows if _judgeable(instruments[c])]
    rc, recovery = (
        rc_spec(judgeable),
        recovery_spec([(c, label) for c, label in rows if instruments[c].change.caseness is not None]),
    )
    rc_tallies, recovery_tallies = ctx.tallies(rc), ctx.tallies(recovery)
    thresholds: dict = {}
    for (year, part, _person, code), totals in series.items():
        thresholds.setdefault((year, part, code), []).append(totals[0]) if len(totals) > 1 else None
    thresholds = {key: threshold_of(instruments[key[2]], pres) for key, pres in thresholds.items()}
    pairs_shown: dict = defaultdict(list)  # code → [(pre, post)] in the period and cut shown
    for (year, part, person_id, code), totals in series.items():
        if year not in rc_tallies:
            continue
        grade, gender = ctx.people.get(person_id, ("", "unstated"))
        instrument = instruments[code]
        better = instrument.change.higher_is_better
        threshold, _source = thresholds.get((year, part, code), (None, ""))
        if not _judgeable(instrument):
            column = None
        elif len(totals) < 2:
            column = ONCE
        elif threshold is None:
            column = None  # measured twice, but no threshold: counted in the effect size only
        else:
            column = reliable_change(
                pre=totals[0], post=totals[-1], threshold=threshold, higher_is_better=better
            )
        if column is not None:
            rc_tallies[year].counts[part, grade, gender, code, column] += 1
        caseness = instrument.change.caseness
        if len(totals) > 1 and caseness is not None and instrument.change.is_case(totals[0]):
            if not recovered(pre=totals[0], post=totals[-1], cutoff=caseness, higher_is_better=better):
                outcome = STILL_A_CASE
            elif column == IMPROVED:
                outcome = RECOVERED_RELIABLY
            else:
                outcome = RECOVERED_ONLY
            recovery_tallies[year].counts[part, grade, gender, code, outcome] += 1
        in_cut = ctx.cut.grade in (ALL, grade) and ctx.cut.gender in (ALL, gender)
        shown_part = ctx.period.term
        if year == ctx.period.year and part == shown_part and in_cut and len(totals) > 1:
            pairs_shown[code].append((totals[0], totals[-1]))
    rc_table = ctx.table(rc, rc_tallies)
    judged = []
    for code, _label in judgeable:
        instrument = instruments[code]
        measured = rc_table.row_totals.get(code) if rc_table.row_totals else None
        pairs = len(pairs_shown[code])
        # The pairs are shown only as the sum of three shown numbers: never a sum of hidden ones.
        judged_cells = [rc_table.cells.get((code, column)) for column in (IMPROVED, NO_CHANGE, DETERIORATED)]
        pairs_visible = None if None in judged_cells else sum(judged_cells)
        effect = None
        if pairs_visible is not None and pairs >= TOO_FEW_TO_JUDGE:
            pre, post = zip(*pairs_shown[code], strict=True)
            effect = paired_effect_size(pre, post, higher_is_better=instrument.change.higher_is_better)
        threshold, source = thresholds.get((ctx.period.year, ctx.period.term, code), (None, ""))
        judged.append(
            Judged(instrument=instrument, threshold=threshold, threshold_from=source, effect=effect,
                   pairs=pairs_visible, measured=measured)
        )  # fmt: skip
    unjudged = [instruments[code] for code, _label in rows if not _judgeable(instruments[code])]
    return {
        "tables": [rc_table, ctx.table(recovery, recovery_tallies)],
        "judged": judged,
        "unjudged": unjudged,
    }


def _judgeable(instrument: Instrument) -> bool:
    return instrument.change.points is not None or instrument.change.reliability is not None
