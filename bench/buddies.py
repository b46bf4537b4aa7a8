"""Buddy system: 5,000 new students × 1,000 buddies (capacity 5), solved optimally.

    .venv/bin/python bench/buddies.py [--students 5000] [--buddies 1000] [--capacity 5]

Prints the time of the exact solver (`sebaya.support.buddies.solve`, best of 3) and, measured in
the same run, a greedy baseline that gives each student the cheapest buddy with a free place in
turn (fast, not optimal): the ratio of times and the extra cost greedy pays. It also checks the
solver's plan (every student once, capacities kept) and asserts nothing else.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def population(n_students, n_buddies, capacity, seed=11):
    from sebaya.support.buddies import Buddy, Student

    rng = random.Random(seed)
    languages = [frozenset(), frozenset(), frozenset({"su"}), frozenset({"jv"}), frozenset({"ban"})]
    buddies = [
        Buddy(
            id=f"b{n}",
            gender=rng.choice("FM"),
            grade=rng.choice([11, 12]),
            capacity=capacity,
            languages=rng.choice(languages),
        )
        for n in range(n_buddies)
    ]
    students = []
    for n in range(n_students):
        conflicts = frozenset({rng.choice(buddies).id}) if rng.random() < 0.002 else frozenset()
        students.append(
            Student(
                id=f"s{n}",
                gender=rng.choice("FM"),
                grade=10,
                languages=rng.choice(languages),
                conflicts=conflicts,
            )
        )
    return students, buddies


def greedy(students, buddies):
    from sebaya.support.buddies import pair_cost, plan_cost

    loads = {b.id: 0 for b in buddies}
    pairs, left = [], []
    for student in students:
        options = [
            (pair_cost(student, b) + loads[b.id], b.id)
            for b in buddies
            if loads[b.id] < b.capacity and pair_cost(student, b) is not None
        ]
        if not options:
            left.append(student.id)
            continue
        _cost, buddy_id = min(options)
        loads[buddy_id] += 1
        pairs.append((student.id, buddy_id, 0))
    return plan_cost(students, buddies, pairs, left)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    parser.add_argument("--buddies", type=int, default=1000)
    parser.add_argument("--capacity", type=int, default=5)
    args = parser.parse_args()
    from sebaya.support.buddies import solve

    students, buddies = population(args.students, args.buddies, args.capacity)
    times, plan = [], None
    for _ in range(3):
        start = time.perf_counter()
        plan = solve(students, buddies)
        times.append(time.perf_counter() - start)
    loads = plan.loads()
    assert len(plan.pairs) + len(plan.unassigned) == len(students)
    assert all(loads.get(b.id, 0) <= b.capacity for b in buddies)
    start = time.perf_counter()
    greedy_cost = greedy(students, buddies)
    greedy_s = time.perf_counter() - start
    solve_s = min(times)
    print(f"Buddy matching: {args.students} students × {args.buddies} buddies (capacity {args.capacity})")
    print(f"exact solver   {solve_s * 1000:9.1f} ms   total cost {plan.total_cost}   pairs {len(plan.pairs)}")
    print(f"greedy         {greedy_s * 1000:9.1f} ms   total cost {greedy_cost}")
    extra = greedy_cost - plan.total_cost
    print(f"ratio time exact / greedy {solve_s / greedy_s:.3f};  greedy costs {extra} more")
    print(f"loads: min {min(loads.values())}, max {max(loads.values())}")


if __name__ == "__main__":
    main()
