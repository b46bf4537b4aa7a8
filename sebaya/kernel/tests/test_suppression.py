"""Small-cell suppression: no small number is shown, and none can be found by subtraction."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sebaya.kernel.suppression import ALL, cube, hide_in_cube, hide_in_tree, suppress

COLUMNS = ["a", "b", "c", "d"]


def relations(table):
    """Every sum in the table: (its numbers, its total)."""
    rows, columns = table.rows, table.columns
    found = [([table.cells[r, c] for c in columns], table.row_totals[r]) for r in rows]
    found += [([table.cells[r, c] for r in rows], table.column_totals[c]) for c in columns]
    found.append(([table.column_totals[c] for c in columns], table.total))
    found.append(([table.row_totals[r] for r in rows], table.total))
    return found


def every_shown_number(table):
    yield from table.cells.values()
    yield from table.row_totals.values()
    yield from table.column_totals.values()
    yield table.total


tables = st.dictionaries(
    st.sampled_from([f"X-{n}" for n in range(1, 7)]),
    st.dictionaries(st.sampled_from(COLUMNS), st.integers(min_value=0, max_value=40), max_size=4),
    min_size=0,
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(tables, st.sampled_from([5, 10]))
def test_no_small_number_is_shown_and_none_is_alone_in_a_sum(counts, minimum):
    table = suppress(counts, columns=COLUMNS, minimum=minimum)
    for number in every_shown_number(table):
        assert number is None or number == 0 or number >= minimum
    for numbers, total in relations(table):
        if numbers:  # an empty sum (a table with no rows) gives nothing away
            hidden = sum(n is None for n in [*numbers, total])
            assert hidden != 1, (numbers, total)


@settings(max_examples=200, deadline=None)
@given(tables)
def test_what_is_shown_is_true(counts):
    table = suppress(counts, columns=COLUMNS, minimum=10)
    for (row, column), shown in table.cells.items():
        assert shown in (None, counts[row].get(column, 0))
    for row, shown in table.row_totals.items():
        assert shown in (None, sum(counts[row].values()))


def test_a_class_under_ten_is_hidden_and_so_is_its_partner():
    counts = {
        "X-1": {"a": 20, "b": 12},
        "X-2": {"a": 15, "b": 10},
        "X-3": {"a": 4, "b": 3},  # 7 answered: too few
        "X-4": {"a": 30, "b": 11},
    }
    table = suppress(counts, columns=["a", "b"], minimum=10)
    assert table.row_totals["X-3"] is None and table.line("X-3") == [None, None]
    # Otherwise X-3's total = the grand total minus the other classes.
    assert table.total == 105
    assert sum(total is None for total in table.row_totals.values()) >= 2
    assert table.row_totals["X-1"] == 32 or table.row_totals["X-2"] is None


def test_one_severe_student_cannot_be_found_by_subtraction():
    counts = {"X-1": {"a": 25, "b": 1}, "X-2": {"a": 28, "b": 0}}
    table = suppress(counts, columns=["a", "b"], minimum=10)
    assert table.cells["X-1", "b"] is None
    assert table.cells["X-1", "a"] is None or table.row_totals["X-1"] is None
    assert table.column_totals["b"] is None  # 1 in the whole table
    assert table.total == 54


def test_a_zero_is_shown_when_nothing_can_be_learned_from_it():
    counts = {"X-1": {"a": 25, "b": 12, "c": 0}, "X-2": {"a": 28, "b": 10, "c": 0}}
    table = suppress(counts, columns=["a", "b", "c"], minimum=10)
    assert table.line("X-1") == [25, 12, 0] and table.column_totals["c"] == 0


def test_a_table_under_the_minimum_shows_nothing():
    table = suppress({"X-1": {"a": 3, "b": 4}}, columns=["a", "b"], minimum=10)
    assert table.total is None and set(table.cells.values()) == {None}


def test_large_groups_are_shown_whole():
    counts = {"X-1": {"a": 20, "b": 12}, "X-2": {"a": 15, "b": 10}}
    table = suppress(counts, columns=["a", "b"], minimum=10)
    assert table.line("X-1") == [20, 12] and table.line("X-2") == [15, 10] and table.total == 57


def test_an_empty_table_hides_its_totals():
    table = suppress({}, columns=["a", "b"], minimum=10)
    assert table.total is None and table.column_line() == [None, None]


# --- Nested groups: the school, its grades, their classes ------------------------------------------

schools = st.dictionaries(
    st.sampled_from(["10", "11", "12"]),
    st.dictionaries(st.sampled_from(["A", "B", "C"]), st.integers(min_value=0, max_value=30), min_size=1),
    min_size=1,
)


def tree_of(school):
    values = {(grade, name): n for grade, classes in school.items() for name, n in classes.items()}
    values |= {(grade,): sum(classes.values()) for grade, classes in school.items()}
    values[()] = sum(values[(grade,)] for grade in school)
    return values


@settings(max_examples=400, deadline=None)
@given(schools)
def test_no_hidden_group_can_be_found_by_subtracting_views(school):
    values = tree_of(school)
    small = {path for path, n in values.items() if 0 < n < 10}
    hidden = hide_in_tree(values, hidden=small)
    assert small <= hidden
    sums = [((), [(g,) for g in school])] + [((g,), [(g, c) for c in school[g]]) for g in school]
    for parent, kids in sums:
        assert sum(path in hidden for path in [parent, *kids]) != 1, (parent, kids, hidden)


def test_a_small_class_hides_a_partner_class_and_the_grade_stays():
    values = tree_of({"10": {"A": 30, "B": 28, "C": 4}, "11": {"A": 31, "B": 30}})
    hidden = hide_in_tree(values, hidden={("10", "C")})
    # 10-C alone is 4 students; the grade minus 10-A and 10-B would tell it, so 10-B (the
    # smaller partner) is hidden too, and the grade, the school and grade 11 stay.
    assert hidden == {("10", "C"), ("10", "B")}


def test_a_small_grade_of_one_class_hides_a_partner_grade_and_one_of_its_classes():
    values = tree_of({"10": {"A": 12, "B": 12}, "11": {"A": 4}})
    hidden = hide_in_tree(values, hidden={("11", "A"), ("11",)})
    assert hidden == {("11", "A"), ("11",), ("10",), ("10", "A")}


# --- Every cut of one figure -------------------------------------------------------------------


def _sums_with_one_hidden(values, hidden, domains):
    for key in values:
        for axis, value in enumerate(key):
            if value == ALL:
                members = [(*key[:axis], member, *key[axis + 1 :]) for member in domains[axis]]
                if sum(k in hidden for k in [*members, key]) == 1:
                    yield key, axis


def test_a_cube_holds_every_cut_and_its_sums():
    domains = [["10", "11"], ["female", "male"], ["mild", "severe"]]
    counts = {("10", "female", "mild"): 12, ("10", "male", "severe"): 3, ("11", "female", "mild"): 20}
    values = cube(counts, domains=domains, totals=[True, True, True])
    assert values[(ALL, ALL, ALL)] == 35
    assert values[("10", ALL, ALL)] == 15 and values[(ALL, "female", "mild")] == 32
    assert values[("11", "male", "severe")] == 0
    # A dimension without a total (columns that are not parts of a whole) has no ALL.
    values = cube(counts, domains=domains, totals=[True, True, False])
    assert (ALL, ALL, ALL) not in values and values[(ALL, ALL, "mild")] == 32


def test_a_small_group_is_hidden_whole_and_cannot_be_found_from_another_filter():
    domains = [["10", "11"], ["female", "male"], ["mild", "severe"]]
    # Grade 11 boys: 4 people, none severe. Their 0 is hidden too (they are a small group).
    counts = {
        ("10", "female", "mild"): 30, ("10", "female", "severe"): 12, ("10", "male", "mild"): 25,
        ("10", "male", "severe"): 11, ("11", "female", "mild"): 40, ("11", "female", "severe"): 15,
        ("11", "male", "mild"): 4,
    }  # fmt: skip
    values = cube(counts, domains=domains, totals=[True, True, True])
    hidden = hide_in_cube(values, domains=domains, minimum=10, group_axis=2)
    assert ("11", "male", "mild") in hidden and ("11", "male", "severe") in hidden
    assert ("11", "male", ALL) in hidden
    # "Grade 11" minus "grade 11 girls" would give the boys: something else is hidden in each sum.
    assert not list(_sums_with_one_hidden(values, hidden, domains))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from("ABC"), st.sampled_from("xy"), st.sampled_from("pqr")),
        st.integers(min_value=0, max_value=40),
        max_size=18,
    ),
    st.integers(min_value=2, max_value=12),
)
def test_no_cut_of_a_cube_can_be_subtracted_to_find_a_hidden_number(counts, minimum):
    domains = [list("ABC"), list("xy"), list("pqr")]
    values = cube(counts, domains=domains, totals=[True, True, True])
    hidden = hide_in_cube(values, domains=domains, minimum=minimum, group_axis=2)
    assert all(not 0 < values[key] < minimum for key in values if key not in hidden)
    assert not list(_sums_with_one_hidden(values, hidden, domains))
