"""Change between two measures of the same people, honestly: the Jacobson–Truax reliable change,
recovery, and the paired effect size with its confidence interval.

Scores here are "higher is worse" (PHQ-9, GAD-7, SRQ-20, K10); pass `higher_is_better=True` for
a wellbeing scale (WHO-5). Nothing here knows an instrument: its reliability, standard deviation
and caseness cut-off come from the instrument file, with their source.

- Jacobson, N. S., & Truax, P. (1991). Clinical significance: a statistical approach to defining
  meaningful change in psychotherapy research. J Consult Clin Psychol 59(1), 12–19. The standard
  error of the difference is SD·√2·√(1 − r); a change larger than 1.96 of them is reliable.
- The paired effect size is d_z (the mean change over the standard deviation of the changes) with
  Hedges' small-sample correction J = 1 − 3 / (4·df − 1); its 95 % interval inverts the
  noncentral t distribution of t = d_z·√n with df = n − 1 (e.g. Goulet-Pelletier & Cousineau,
  2018, The Quantitative Methods for Psychology 14(4), 242–265), then applies J to both ends.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

IMPROVED = "improved"
NO_CHANGE = "no_change"
DETERIORATED = "deteriorated"

Z_95 = 1.959963984540054  # the two-sided 95 % point of the standard normal


def reliable_change_threshold(*, sd: float, reliability: float, z: float = Z_95) -> float:
    """The smallest change in points that is reliable at this level (Jacobson–Truax)."""
    if sd <= 0 or not 0 <= reliability < 1:
        raise ValueError("sd must be positive and reliability in [0, 1)")
    return z * sd * math.sqrt(2) * math.sqrt(1 - reliability)


def reliable_change(*, pre: float, post: float, threshold: float, higher_is_better: bool = False) -> str:
    """IMPROVED, NO_CHANGE or DETERIORATED: a change counts only when it exceeds the threshold
    (a change exactly at the threshold is not beyond measurement error)."""
    gain = (post - pre) if higher_is_better else (pre - post)
    if gain > threshold:
        return IMPROVED
    if gain < -threshold:
        return DETERIORATED
    return NO_CHANGE


def recovered(*, pre: float, post: float, cutoff: float, higher_is_better: bool = False) -> bool:
    """From a case (at or beyond the cut-off) at the first measure to below it at the last."""
    if higher_is_better:
        return pre <= cutoff < post
    return pre >= cutoff > post


def reliably_recovered(
    *, pre: float, post: float, cutoff: float, threshold: float, higher_is_better: bool = False
) -> bool:
    """Recovered, and the change is reliable (NHS Talking Therapies' "reliable recovery")."""
    return recovered(pre=pre, post=post, cutoff=cutoff, higher_is_better=higher_is_better) and (
        reliable_change(pre=pre, post=post, threshold=threshold, higher_is_better=higher_is_better)
        == IMPROVED
    )


@dataclass(frozen=True)
class EffectSize:
    """Hedges' g for paired measures (positive: better), its 95 % interval, and the pairs."""

    g: float
    low: float
    high: float
    n: int


def paired_effect_size(
    pre: Sequence[float], post: Sequence[float], *, higher_is_better: bool = False, level: float = 0.95
) -> EffectSize | None:
    """None when it cannot be computed: fewer than 3 pairs, or every change the same."""
    from scipy.optimize import brentq
    from scipy.stats import nct

    if len(pre) != len(post):
        raise ValueError("pre and post must pair up")
    n = len(pre)
    if n < 3:
        return None
    changes = [(b - a) if higher_is_better else (a - b) for a, b in zip(pre, post, strict=True)]
    mean = sum(changes) / n
    sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (n - 1))
    if sd == 0:
        return None
    df = n - 1
    d = mean / sd
    t = d * math.sqrt(n)
    correction = 1 - 3 / (4 * df - 1)
    tail = (1 - level) / 2

    def cdf(ncp: float) -> float:
        value = float(nct.cdf(t, df, ncp))
        if math.isnan(value):  # far in a tail, where SciPy's series gives up: the limit
            return 0.0 if ncp > t else 1.0
        return value

    def ncp_where(probability: float) -> float:
        # The noncentrality at which the observed t sits at this cumulative probability; the
        # cdf falls as the noncentrality grows, so widening around t brackets one crossing.
        width = 1 + abs(t)
        for _ in range(60):  # the limits are 1 and 0, so this ends long before
            if cdf(t - width) >= probability >= cdf(t + width):
                break
            width *= 2
        return brentq(lambda ncp: cdf(ncp) - probability, t - width, t + width, xtol=1e-10)

    low = ncp_where(1 - tail) / math.sqrt(n)
    high = ncp_where(tail) / math.sqrt(n)
    return EffectSize(g=correction * d, low=correction * low, high=correction * high, n=n)
