"""Templates ask a record about its state through its enums or a model property, never by spelling
a stored value: a renamed value (as `selesai` once was) must not silently change what a page shows."""

import re
from pathlib import Path

import sebaya

# A model's state field compared with a literal, e.g. `case.status == "selesai"`.
STATE_LITERAL = re.compile(
    r"\.(status|state|source|tier|urgency|offer|outreach_reason|purpose)\s*(==|!=)\s*['\"]"
)


def test_no_template_compares_a_state_with_a_literal():
    root = Path(sebaya.__file__).parent
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()[:100]}"
        for path in root.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STATE_LITERAL.search(line)
    ]
    assert found == []


def test_the_enum_comparison_reads_the_state(rf):
    from django.template import engines

    from sebaya.counseling.models import Case

    template = engines["django"].from_string(
        "{% if case.status == case.Status.CLOSED %}closed{% else %}open{% endif %}"
    )
    assert template.render({"case": Case(status=Case.Status.CLOSED)}) == "closed"
    assert template.render({"case": Case(status=Case.Status.IN_PROGRESS)}) == "open"
