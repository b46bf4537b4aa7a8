"""Reliable change, recovery and the paired effect size: worked by hand, checked against the
distribution they come from, and properties that must hold for any data."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import nct

from sebaya.kernel.change import (
    DETERIORATED,
    IMPROVED,
    NO_CHANGE,
    paired_effect_size,
    recovered,
    reliable_change,
    reliable_change_threshold,
    reliably_recovered,
)


def test_the_threshold_worked_by_hand():
    # SD 10, reliability 0.84: SE_diff = 10 · √2 · √0.16 = 5.657; × 1.96 = 11.087.
    assert reliable_change_threshold(sd=10, reliability=0.84) == pytest.approx(11.0873, abs=1e-4)
    # A perfectly reliable measure: every change is reliable.
    assert reliable_change_threshold(sd=5, reliability=0) == pytest.approx(1.959964 * 5 * math.sqrt(2))
    with pytest.raises(ValueError):
        reliable_change_threshold(sd=0, reliability=0.8)
    with pytest.raises(ValueError):
        reliable_change_threshold(sd=5, reliability=1)


def test_a_change_counts_only_beyond_the_threshold_in_the_better_direction():
    assert reliable_change(pre=18, post=11, threshold=6) == IMPROVED
    assert reliable_change(pre=18, post=12, threshold=6) == NO_CHANGE  # exactly 6: not beyond
    assert reliable_change(pre=8, post=15, threshold=6) == DETERIORATED
    # A wellbeing scale: higher is better.
    assert reliable_change(pre=40, post=60, threshold=10, higher_is_better=True) == IMPROVED
    assert reliable_change(pre=60, post=40, threshold=10, higher_is_better=True) == DETERIORATED


def test_recovery_and_reliable_recovery_as_nhs_talking_therapies_count_them():
    # PHQ-9: caseness 10, reliable change 6.
    assert reliably_recovered(pre=18, post=7, cutoff=10, threshold=6)
    assert recovered(pre=11, post=9, cutoff=10) and not reliably_recovered(
        pre=11, post=9, cutoff=10, threshold=6
    )
    assert not recovered(pre=8, post=3, cutoff=10)  # not a case at the start
    assert not recovered(pre=15, post=10, cutoff=10)  # still at the cut-off
    assert recovered(pre=30, post=60, cutoff=50, higher_is_better=True)


PRE = [18, 15, 21, 12, 17, 20, 14, 16, 19, 13]
POST = [10, 12, 15, 11, 9, 14, 13, 8, 12, 12]


def test_the_paired_effect_size_worked_by_hand():
    changes = [a - b for a, b in zip(PRE, POST, strict=True)]  # improvement: scores went down
    n = len(changes)
    mean = sum(changes) / n
    sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (n - 1))
    correction = 1 - 3 / (4 * (n - 1) - 1)
    effect = paired_effect_size(PRE, POST)
    assert effect.n == 10
    assert effect.g == pytest.approx(correction * mean / sd, rel=1e-12)
    assert effect.low < effect.g < effect.high
    # The interval's ends are where the observed t sits at 97.5 % and 2.5 % of the noncentral t.
    t = mean / sd * math.sqrt(n)
    assert nct.cdf(t, n - 1, effect.low / correction * math.sqrt(n)) == pytest.approx(0.975, abs=1e-8)
    assert nct.cdf(t, n - 1, effect.high / correction * math.sqrt(n)) == pytest.approx(0.025, abs=1e-8)


def test_with_many_pairs_the_interval_meets_the_normal_approximation():
    pre = [20 + (i % 7) for i in range(400)]
    post = [p - 2 - (i % 5) * 0.5 for i, p in enumerate(pre)]
    effect = paired_effect_size(pre, post)
    d = effect.g / (1 - 3 / (4 * 399 - 1))
    half = 1.959964 * math.sqrt(1 / 400 + d**2 / (2 * 400))
    assert effect.low == pytest.approx(effect.g - half, abs=0.01)
    assert effect.high == pytest.approx(effect.g + half, abs=0.01)


def test_too_few_pairs_or_no_spread_give_nothing():
    assert paired_effect_size([10, 12], [8, 9]) is None
    assert paired_effect_size([10, 12, 14], [8, 10, 12]) is None  # every change the same
    with pytest.raises(ValueError):
        paired_effect_size([1, 2, 3], [1, 2])


scores = st.lists(st.integers(min_value=0, max_value=27), min_size=3, max_size=40)


@settings(max_examples=60, deadline=None)
@given(scores, st.data())
def test_properties_of_the_paired_effect_size(pre, data):
    post = data.draw(st.lists(st.integers(min_value=0, max_value=27), min_size=len(pre), max_size=len(pre)))
    effect = paired_effect_size(pre, post)
    if effect is None:
        return
    assert effect.low <= effect.g <= effect.high
    # Swapping the two measures turns improvement into deterioration of the same size.
    swapped = paired_effect_size(post, pre)
    assert swapped.g == pytest.approx(-effect.g, abs=1e-9)
    assert swapped.low == pytest.approx(-effect.high, abs=1e-6)
    # A scale read the other way round (higher is better) gives the opposite sign.
    assert paired_effect_size(pre, post, higher_is_better=True).g == pytest.approx(-effect.g, abs=1e-9)
    # Moving or stretching every score does not change a standardised effect.
    moved = paired_effect_size([2 * a + 5 for a in pre], [2 * b + 5 for b in post])
    assert moved.g == pytest.approx(effect.g, rel=1e-9, abs=1e-9)
