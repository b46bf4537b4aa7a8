"""Reading a campaign: its reach (who came to the activities that carry it) and the change its
pre/post survey shows. Aggregates only: small groups are hidden, no one's answers are shown.

- **Reach**: the attendance marked present at the meetings of the campaign's activities, the
  people reached (each once), by class and by grade. A class or grade with fewer than
  `suppression.ACTIVITY_MINIMUM` people is hidden, with whatever would let it be worked out, in
  this view or by subtracting one view from another; under that minimum in all, nothing is shown.
- **Change**: the people who answered both the survey before and the survey after. Means are shown
  only when at least `PAIRS_MINIMUM` did (as for screening figures), with a caution while fewer
  than `PAIRS_SMALL` did: a few people's answers move a mean a lot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean

from django.utils.translation import gettext_lazy as _

from sebaya.guidance.models import Attendance, Campaign
from sebaya.kernel.bars import Bar, bars
from sebaya.kernel.suppression import ACTIVITY_MINIMUM, SCREENING_MINIMUM, hide_in_tree
from sebaya.people.models import Membership
from sebaya.screening.models import Administration
from sebaya.screening.services import round_instrument

PAIRS_MINIMUM = SCREENING_MINIMUM  # 10
PAIRS_SMALL = 30
NO_CLASS = _("No class recorded")
NO_GRADE = _("No grade recorded")


@dataclass(frozen=True)
class Reach:
    attendances: int | None  # present marks, every meeting counted (None: hidden, see `people`)
    people: int | None  # unique people reached; None when fewer than the minimum
    by_class: list[Bar]
    by_grade: list[Bar]
    anything_hidden: bool


def _label(value: str, missing) -> str:
    return value or str(missing)


def reach(campaign: Campaign, *, minimum: int = ACTIVITY_MINIMUM) -> Reach:
    """The campaign's reach. The school, its grades and their classes are one tree of counts
    (`kernel.suppression.hide_in_tree`): a small class is hidden together with whatever would give
    it away (its grade minus the other classes, the school minus the other grades)."""
    present = Attendance.objects.filter(meeting__activity__campaign=campaign, present=True)
    attendances = present.count()
    person_ids = set(present.values_list("person_id", flat=True))
    memberships = Membership.objects.filter(
        organization_id=campaign.organization_id, person_id__in=person_ids
    ).values_list("person_id", "grade", "class_name")
    placed = {person_id: (grade, class_name) for person_id, grade, class_name in memberships}
    counts: dict[tuple, int] = {(): len(person_ids)}
    for person_id in person_ids:
        grade, class_name = placed.get(person_id, ("", ""))
        for path in ((grade,), (grade, class_name)):
            counts[path] = counts.get(path, 0) + 1
    hidden = hide_in_tree(counts, hidden={path for path, n in counts.items() if 0 < n < minimum})

    def shown(path):
        return None if path in hidden else counts[path]

    def order(path):
        return [(not part, part) for part in path]  # "no grade" and "no class" last

    classes = sorted((p for p in counts if len(p) == 2), key=order)
    grades = sorted((p for p in counts if len(p) == 1), key=order)
    return Reach(
        attendances=None if () in hidden else attendances,
        people=shown(()),
        by_class=bars([(_label(p[1], NO_CLASS), shown(p)) for p in classes]),
        by_grade=bars([(_label(p[0], NO_GRADE), shown(p)) for p in grades]),
        anything_hidden=bool(hidden),
    )


@dataclass(frozen=True)
class Score:
    label: str
    before: float
    after: float
    low: int  # the scale's range, to read the means against
    high: int

    @property
    def change(self) -> float:
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class Change:
    """What the pre/post survey shows. `state`: "not_scheduled" (a survey is missing), "too_few"
    (fewer than PAIRS_MINIMUM answered both: nothing is shown), "small" (shown with a caution),
    "shown"."""

    state: str
    answered_before: int = 0
    answered_after: int = 0
    pairs: int = 0
    scores: list[Score] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.state in {"small", "shown"}

    @property
    def not_scheduled(self) -> bool:
        return self.state == "not_scheduled"

    @property
    def too_few(self) -> bool:
        return self.state == "too_few"

    @property
    def small(self) -> bool:
        """Shown, with the caution that few people answered both."""
        return self.state == "small"


def change(campaign: Campaign) -> Change:
    if campaign.pre_round_id is None or campaign.post_round_id is None:
        return Change(state="not_scheduled")

    def answers(round_id):
        return {
            person_id: (total, subscales)
            for person_id, total, subscales in Administration.objects.filter(
                screening_round_id=round_id
            ).values_list("person_id", "total", "subscales")
        }

    before, after = answers(campaign.pre_round_id), answers(campaign.post_round_id)
    both = sorted(before.keys() & after.keys())
    counts = {"answered_before": len(before), "answered_after": len(after), "pairs": len(both)}
    if len(both) < PAIRS_MINIMUM:
        return Change(state="too_few", **counts)
    instrument = round_instrument(campaign.pre_round)
    scores = [
        Score(
            label=str(_("Total score")),
            before=round(mean(before[p][0] for p in both), 1),
            after=round(mean(after[p][0] for p in both), 1),
            low=instrument.range[0],
            high=instrument.range[1],
        )
    ]
    for subscale in instrument.subscales:

        def sub(answer, code=subscale.code):
            return answer[1].get(code, {}).get("score", 0)

        scores.append(
            Score(
                label=str(subscale.name),
                before=round(mean(sub(before[p]) for p in both), 1),
                after=round(mean(sub(after[p]) for p in both), 1),
                low=subscale.range[0],
                high=subscale.range[1],
            )
        )
    state = "small" if len(both) < PAIRS_SMALL else "shown"
    return Change(state=state, scores=scores, **counts)
