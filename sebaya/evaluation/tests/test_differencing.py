"""The dashboard at every combination of its filters, attacked by subtraction: for each number
hidden in one view, every sum it belongs to (its grade's other genders, its gender's other
grades, its semester against the year, the other cells of its row or column) must have another
hidden number in it, so no subtraction of what is shown gives it back."""

import datetime
import itertools

from sebaya.evaluation.dashboard import organization_dashboard
from sebaya.evaluation.period import YEAR, Period
from sebaya.evaluation.tables import Cut
from sebaya.evaluation.tests.measures import measure
from sebaya.kernel.suppression import ALL

KEYS = ("outcomes_reliable_change", "screening_severity", "reach_by_grade")


def test_no_filter_combination_gives_a_hidden_number_back_by_subtraction(org, pupils):
    # Outcomes and severities in both semesters, with small groups in several cuts.
    for n, person in enumerate(pupils):
        first = 8 + n % 12
        measure(org, person, total=first, day=datetime.date(2026, 8, 1 + n % 20))
        if n % 3:
            measure(org, person, total=max(0, first - (n % 9)), day=datetime.date(2026, 10, 1 + n % 20))
        if n % 5 == 0:
            measure(org, person, total=first, day=datetime.date(2027, 2, 2))
    periods = [Period(2026, "1"), Period(2026, "2"), Period(2026, YEAR)]
    grades, genders = [ALL, "10", "11", ""], [ALL, "female", "male", "unstated"]
    shown: dict = {}
    hidden_somewhere = 0
    for period, grade, gender in itertools.product(periods, grades, genders):
        board = organization_dashboard(
            organization=org,
            period=period,
            cut=Cut(grade=grade, gender=gender),
            today=datetime.date(2027, 6, 1),
        )
        for key in KEYS:
            table = board.table(key)
            for (row, column), value in table.cells.items():
                shown[key, period.term, grade, gender, row, column] = value
            for row, value in (table.row_totals or {}).items():
                shown[key, period.term, grade, gender, row, ALL] = value
            for column, value in (table.column_totals or {}).items():
                shown[key, period.term, grade, gender, ALL, column] = value
    # Nothing shown is a small number.
    assert not [k for k, v in shown.items() if v is not None and 0 < v < 10]
    # Each hidden number: in every sum it is part of, something else is hidden too.
    dims = {2: grades[1:], 3: genders[1:]}
    for key, value in shown.items():
        if value is not None:
            continue
        hidden_somewhere += 1
        for axis, members in dims.items():
            parent = (*key[:axis], ALL, *key[axis + 1 :])
            if parent not in shown or key[axis] == ALL:
                continue
            line = [(*key[:axis], m, *key[axis + 1 :]) for m in members] + [parent]
            assert sum(shown.get(k, 0) is None for k in line) != 1, (key, axis)
    assert hidden_somewhere > 20  # the data does have small groups to protect
