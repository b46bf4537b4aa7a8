"""The members the evaluation tests count."""

import pytest

from conftest import make_person


@pytest.fixture
def pupils(org):
    """40 members: 24 in grade 10 (14 girls, 10 boys), 16 in grade 11 (12 girls, 4 boys)."""
    people = []
    for n in range(40):
        grade = "10" if n < 24 else "11"
        gender = "female" if (n < 14 or 24 <= n < 36) else "male"
        membership, _user = make_person(org, f"p{n}", grade=grade, class_name=f"{grade}-1", gender=gender)
        people.append(membership.person)
    return people
