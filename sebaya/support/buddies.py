"""The buddy system in batch: pair every new student of an intake with an experienced buddy,
optimally, under capacities and constraints, spreading the load fairly.

Plain Python and SciPy, no database (`services.buddy_batch_propose` builds the inputs).

The cost of a batch is the sum of
* each pair's cost: `pair_cost` (another gender +3, a regional language of the student's that
  the buddy lacks +1, each grade beyond the next one up +1); a declared conflict forbids the pair;
* each buddy's load: their first student costs 0, the second 1, the third 2… (convex, so the
  optimum spreads students as evenly as the pair costs allow);
* `UNASSIGNED` for each student left without a buddy (only when there are not enough places).

Solving 5,000 × 1,000 pairs directly is large, but the costs depend only on a few traits, so
people with the same traits are grouped: a student type and a buddy type are the traits that
enter the cost (anyone in a declared conflict is a type of their own). The grouped problem is a
transportation problem — student types → buddy types → "load levels" of each buddy type — solved
exactly as an integer program (HiGHS, through SciPy). Its constraint matrix is totally unimodular,
so the optimum of the grouped problem is the optimum of the original one. Within a buddy type the
levels fill in order, so loads differ by at most one, and any spreading of the type's students
over its buddies with those loads has the same cost.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import lil_matrix

UNASSIGNED = 1000  # larger than any pair's cost plus any load cost: nobody is left out needlessly


@dataclass(frozen=True)
class Student:
    id: object
    gender: str
    grade: int | None
    languages: frozenset = frozenset()  # regional languages (Indonesian is shared by everyone)
    conflicts: frozenset = field(default_factory=frozenset)  # buddy ids never to pair with


@dataclass(frozen=True)
class Buddy:
    id: object
    gender: str
    grade: int | None
    capacity: int
    languages: frozenset = frozenset()
    load: int = 0  # students already paired with them


@dataclass
class Plan:
    pairs: list[tuple[object, object, int]]  # (student id, buddy id, pair cost)
    unassigned: list[object]
    total_cost: int  # pair costs + load costs + UNASSIGNED per student left out

    def loads(self) -> dict:
        counts: dict = defaultdict(int)
        for _student, buddy, _cost in self.pairs:
            counts[buddy] += 1
        return dict(counts)


def pair_cost(student: Student, buddy: Buddy) -> int | None:
    """The cost of one pair, or None when it is not allowed."""
    if buddy.id in student.conflicts:
        return None
    cost = 0
    if student.gender != buddy.gender:
        cost += 3
    if student.languages - buddy.languages:
        cost += 1
    if student.grade is not None and buddy.grade is not None:
        cost += max(0, buddy.grade - student.grade - 1)
    return cost


# How well a pair fits, as people say it: the solver's number is a "distance" (0 = the closest
# fit), which reads as a price if shown raw; coordinators see one of these words instead.
FIT_CLOSE, FIT_GOOD, FIT_FAIR = "close", "good", "fair"


def pair_fit(cost: int) -> str:
    """The fit of a pair with this distance: close (0), good (1–2) or fair (another gender, or more)."""
    if cost <= 0:
        return FIT_CLOSE
    return FIT_GOOD if cost < 3 else FIT_FAIR


def fit_reasons(student: Student, buddy: Buddy) -> list[str]:
    """What keeps a pair from the closest fit, as codes ("gender", "language", "grade_gap")."""
    reasons = []
    if student.gender != buddy.gender:
        reasons.append("gender")
    if student.languages - buddy.languages:
        reasons.append("language")
    if student.grade is not None and buddy.grade is not None and buddy.grade - student.grade > 1:
        reasons.append("grade_gap")
    return reasons


# Why a student was left without a buddy, so that the coordinator knows what to change.
NO_BUDDIES, CONFLICT, SAME_GENDER_FULL, ALL_FULL = "no_buddies", "conflict", "same_gender_full", "all_full"
FREE_NOW = "free_now"  # a place came free after the batch was made (a pair moved): make a new one


def why_unassigned(student: Student, buddies: list[Buddy], loads: dict) -> str:
    """The reason a student has no buddy, given each buddy's load in the batch (`loads` by id).

    The solver leaves a student out only when no allowed place is free, so the question is which
    limit bites: no buddy at all, free places only with buddies the student is in conflict with,
    or every place (of the student's gender first, as that is what the coordinator can act on) full.
    """
    if not buddies:
        return NO_BUDDIES
    free = [b for b in buddies if b.load + loads.get(b.id, 0) < b.capacity]
    if any(b.id not in student.conflicts for b in free):
        return FREE_NOW
    if free and all(b.id in student.conflicts for b in free):
        return CONFLICT
    if student.gender in {"female", "male"}:
        return SAME_GENDER_FULL
    return ALL_FULL


def load_cost(load: int) -> int:
    """What `load` students cost one buddy: 0 + 1 + … + (load − 1)."""
    return load * (load - 1) // 2


def plan_cost(students, buddies, pairs, unassigned) -> int:
    by_student = {s.id: s for s in students}
    by_buddy = {b.id: b for b in buddies}
    loads: dict = defaultdict(int)
    total = 0
    for student_id, buddy_id, _cost in pairs:
        total += pair_cost(by_student[student_id], by_buddy[buddy_id])
        loads[buddy_id] += 1
    for buddy in buddies:
        total += load_cost(buddy.load + loads[buddy.id]) - load_cost(buddy.load)
    return total + UNASSIGNED * len(unassigned)


def _student_key(student: Student, conflicted: set):
    if student.conflicts:
        return ("own", student.id)
    return (student.gender, student.grade, student.languages)


def _buddy_key(buddy: Buddy, conflicted: set):
    if buddy.id in conflicted:
        return ("own", buddy.id)
    return (buddy.gender, buddy.grade, buddy.languages, buddy.capacity, buddy.load)


def solve(students: list[Student], buddies: list[Buddy]) -> Plan:
    """The cheapest batch (see the module docstring). Deterministic for the same input order."""
    if not students:
        return Plan(pairs=[], unassigned=[], total_cost=0)
    conflicted = {buddy_id for s in students for buddy_id in s.conflicts}
    student_types: dict = defaultdict(list)
    for student in students:
        student_types[_student_key(student, conflicted)].append(student)
    buddy_types: dict = defaultdict(list)
    for buddy in buddies:
        if buddy.capacity > buddy.load:
            buddy_types[_buddy_key(buddy, conflicted)].append(buddy)
    s_keys, b_keys = list(student_types), list(buddy_types)

    # Variables: x[s, b] for allowed type pairs, u[s] (left out), y[b, k] (buddies of type b
    # with more than k students beyond those they already have).
    costs, x_index, columns = [], {}, 0
    for i, s_key in enumerate(s_keys):
        representative = student_types[s_key][0]
        for j, b_key in enumerate(b_keys):
            cost = pair_cost(representative, buddy_types[b_key][0])
            if cost is not None:
                x_index[i, j] = columns
                costs.append(cost)
                columns += 1
    u_index = {i: columns + i for i in range(len(s_keys))}
    costs += [UNASSIGNED] * len(s_keys)
    columns += len(s_keys)
    y_index, upper = {}, [np.inf] * columns
    for j, b_key in enumerate(b_keys):
        sample = buddy_types[b_key][0]
        for k in range(sample.capacity - sample.load):
            y_index[j, k] = columns
            costs.append(sample.load + k)  # the (load + k + 1)-th student costs load + k
            upper.append(len(buddy_types[b_key]))
            columns += 1

    rows = len(s_keys) + len(b_keys)
    matrix = lil_matrix((rows, columns))
    bounds_low, bounds_high = np.zeros(rows), np.zeros(rows)
    for i, s_key in enumerate(s_keys):
        for j in range(len(b_keys)):
            if (i, j) in x_index:
                matrix[i, x_index[i, j]] = 1
        matrix[i, u_index[i]] = 1
        bounds_low[i] = bounds_high[i] = len(student_types[s_key])
    for j in range(len(b_keys)):
        row = len(s_keys) + j
        for i in range(len(s_keys)):
            if (i, j) in x_index:
                matrix[row, x_index[i, j]] = 1
        for (jj, _k), column in y_index.items():
            if jj == j:
                matrix[row, column] = -1
    result = milp(
        c=np.array(costs, dtype=float),
        constraints=LinearConstraint(matrix.tocsr(), bounds_low, bounds_high),
        integrality=np.ones(columns),
        bounds=(np.zeros(columns), np.array(upper)),
    )
    if not result.success:  # cannot happen: leaving everyone out is always feasible
        raise RuntimeError(f"buddy matching failed: {result.message}")
    value = np.rint(result.x).astype(int)

    # Spread each buddy type's students over its buddies: loads differ by at most one.
    slots: dict = {}
    for j, b_key in enumerate(b_keys):
        members = buddy_types[b_key]
        total = sum(value[y_index[j, k]] for k in range(members[0].capacity - members[0].load))
        base, extra = divmod(int(total), len(members))
        slots[j] = [buddy for n, buddy in enumerate(members) for _ in range(base + (n < extra))]
    pairs, unassigned = [], []
    for i, s_key in enumerate(s_keys):
        waiting = list(student_types[s_key])
        for j in range(len(b_keys)):
            if (i, j) not in x_index:
                continue
            for _ in range(int(value[x_index[i, j]])):
                student, buddy = waiting.pop(0), slots[j].pop(0)
                pairs.append((student.id, buddy.id, pair_cost(student, buddy)))
        unassigned += [student.id for student in waiting]
    return Plan(
        pairs=pairs, unassigned=unassigned, total_cost=plan_cost(students, buddies, pairs, unassigned)
    )
