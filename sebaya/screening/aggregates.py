"""What a screening round looks like in numbers: completion and results, with small groups hidden.

Completion counts are activity figures (groups under 5 hidden); results by band and what was
routed where are screening figures (groups under 10 hidden). Both use complementary
suppression (`kernel.suppression`), so a hidden number cannot be found by subtraction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sebaya.kernel.bars import Bar
from sebaya.kernel.suppression import ACTIVITY_MINIMUM, SCREENING_MINIMUM, SuppressedTable, suppress
from sebaya.screening.instruments import Instrument
from sebaya.screening.models import Offer, OutreachReason, Population, ScreeningInvitation, ScreeningRound

COMPLETED, WAITING = "completed", "waiting"
ROUTED = ["alert", "outreach", "offer_accepted", "offer_other", "none"]


@dataclass
class RoundSummary:
    invited: int
    completed: int
    completion: SuppressedTable
    bands: SuppressedTable
    routing: SuppressedTable
    result_heading: str
    band_labels: list[str]
    routing_labels: list[str]
    completion_labels: list[str]

    @property
    def completion_rate(self) -> int | None:
        return round(100 * self.completed / self.invited) if self.invited else None

    def completion_bars(self) -> list[Bar]:
        """Each class's share answered, as bars; a class whose numbers are hidden has no bar."""
        table, out = self.completion, []
        for row in table.rows:
            done, total = table.cells[row, COMPLETED], table.row_totals[row]
            if done is None or total is None:
                out.append(Bar(label=row, value=None, total=0, text="*"))
                continue
            bar = Bar(label=row, value=done, total=total, text="")
            text = _("%(done)s of %(total)s (%(rate)s%%)") % {
                "done": done,
                "total": total,
                "rate": bar.percent,
            }
            out.append(Bar(label=row, value=done, total=total, text=text))
        return out

    def band_bars(self) -> list[Bar]:
        """How the answers fall into the bands, over every group (hidden where a band is small)."""
        table, out = self.bands, []
        total = table.total
        for code, label in zip(table.columns, self.band_labels, strict=True):
            n = table.column_totals[code] if total else None
            if n is None:
                out.append(Bar(label=label, value=None, total=0, text="*"))
                continue
            bar = Bar(label=label, value=n, total=total, text="")
            out.append(Bar(label=label, value=n, total=total, text=f"{n} ({bar.percent}%)"))
        return out


def _class_of(invitation: ScreeningInvitation, screening_round: ScreeningRound) -> str:
    # Completion by class: that is where a homeroom teacher can encourage people to answer.
    if screening_round.population == Population.CLASS:
        return screening_round.population_value
    return invitation.class_name or _("No class")


def _result_group_of(invitation: ScreeningInvitation, screening_round: ScreeningRound) -> str:
    # Results by the largest groups that still mean something: a whole-school round by grade
    # (classes of about thirty would hide almost every number), otherwise by class.
    if screening_round.population == Population.ORGANIZATION:
        return _("Grade %(grade)s") % {"grade": invitation.grade} if invitation.grade else _("No grade")
    return _class_of(invitation, screening_round)


def _routed(administration) -> str:
    if administration.flags:
        return "alert"
    if administration.outreach_reason == OutreachReason.SEVERE:
        return "outreach"
    if administration.offer in {Offer.PEER_SUPPORT, Offer.GROUP}:
        return "offer_accepted"
    if administration.offer:
        return "offer_other"
    return "none"


def round_summary(screening_round: ScreeningRound, instrument: Instrument) -> RoundSummary:
    invitations = list(
        ScreeningInvitation.objects.filter(screening_round=screening_round).select_related("administration")
    )
    completion: dict[str, Counter] = defaultdict(Counter)
    bands: dict[str, Counter] = defaultdict(Counter)
    routing = Counter()
    for invitation in invitations:
        administration = invitation.administration
        completion[_class_of(invitation, screening_round)][COMPLETED if administration else WAITING] += 1
        if administration is not None:
            bands[_result_group_of(invitation, screening_round)][administration.band] += 1
            routing[_routed(administration)] += 1
    band_codes = [band.code for band in instrument.bands]
    completed = sum(c[COMPLETED] for c in completion.values())
    return RoundSummary(
        invited=len(invitations),
        completed=completed,
        completion=suppress(
            dict(sorted(completion.items())), columns=[COMPLETED, WAITING], minimum=ACTIVITY_MINIMUM
        ),
        bands=suppress(dict(sorted(bands.items())), columns=band_codes, minimum=SCREENING_MINIMUM),
        routing=suppress({_("All answers"): routing}, columns=ROUTED, minimum=SCREENING_MINIMUM),
        result_heading=_("Grade") if screening_round.population == Population.ORGANIZATION else _("Class"),
        band_labels=[str(band.label) for band in instrument.bands],
        routing_labels=[
            _("Crisis alert (risk answer)"),
            _("Counselor outreach (severe)"),
            _("Accepted peer support or a group"),
            _("Offered, not accepted"),
            _("Nothing further"),
        ],
        completion_labels=[_("Answered"), _("Not yet")],
    )
