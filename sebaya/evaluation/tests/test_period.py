import datetime

from sebaya.evaluation import period as periods
from sebaya.evaluation.period import YEAR, Period


def test_a_school_year_runs_from_july_and_its_semesters_split_it():
    year = Period(2026, YEAR)
    assert (year.start, year.end) == (datetime.date(2026, 7, 1), datetime.date(2027, 7, 1))
    assert (Period(2026, "1").start, Period(2026, "1").end) == (
        datetime.date(2026, 7, 1),
        datetime.date(2027, 1, 1),
    )
    assert (Period(2026, "2").start, Period(2026, "2").end) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 7, 1),
    )
    assert periods.term_of(datetime.date(2027, 3, 4)) == (2026, "2")
    assert periods.term_of(datetime.date(2026, 12, 31)) == (2026, "1")


def test_each_period_is_compared_with_the_one_before():
    assert Period(2026, "1").previous() == Period(2025, "2")
    assert Period(2026, "2").previous() == Period(2026, "1")
    assert Period(2026, YEAR).previous() == Period(2025, YEAR)


def test_the_choices_are_fixed_periods_and_a_code_outside_them_is_refused():
    offered = periods.choices(datetime.date(2026, 12, 6))
    assert offered[0] == Period(2026, "1")  # the even semester has not started
    assert Period(2026, "2") not in offered and Period(2024, "2") in offered
    assert periods.parse("2026-1") == Period(2026, "1") and periods.parse("2026-year") == Period(2026, YEAR)
    for bad in ("", "2026", "2026-3", "26-1", "2026-01-01"):
        assert periods.parse(bad) is None
