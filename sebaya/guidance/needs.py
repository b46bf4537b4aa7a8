"""Reading needs assessments: the share of students who marked each statement of a needs
questionnaire (an instrument of kind "needs", see screening/instruments), ranked, by bidang, for the
whole population of one or more screening rounds or for one grade or class.

Small groups are hidden as screening figures are (`kernel.suppression.SCREENING_MINIMUM`, 10):
a group (the students who answered, after the filters) smaller than that shows nothing, and a
statement marked by 1 to 9 students shows no number (a zero is shown: "nobody" is a fact about the
group, not about a person). Shares of statements marked by many are what a program is built on.
Counts are hidden per view; a hidden class count is not protected against being worked out from
the grade's count minus the other classes' counts (complementary suppression across views).

A statement is identified by its questionnaire's code and its item id; rounds of several versions
of one questionnaire add up, shown with the wording of the newest version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sebaya.kernel.bars import Bar
from sebaya.kernel.suppression import SCREENING_MINIMUM
from sebaya.screening.instruments import NEEDS_AREAS, Instrument, UnknownInstrument, get_instrument
from sebaya.screening.models import ScreeningInvitation, ScreeningRound


@dataclass
class Statement:
    key: tuple[str, str]  # (questionnaire code, item id)
    text: object  # a screening.instruments.Text (both languages)
    domain: str  # the bidang code (pribadi, sosial, belajar, karier)
    domain_name: object  # a Text
    risk: bool
    count: int = 0  # students who marked it
    answered: int = 0  # students who were asked it

    @property
    def shown(self) -> bool:
        """The number may be shown: the group is large enough and the count is 0 or not small."""
        return self.answered >= SCREENING_MINIMUM and not 0 < self.count < SCREENING_MINIMUM

    @property
    def share(self) -> int | None:
        if not self.shown or not self.answered:
            return None
        return round(100 * self.count / self.answered)


@dataclass
class NeedsResults:
    answered: int  # students in the group (after the filters) who answered
    statements: list[Statement] = field(default_factory=list)  # ranked: shown first, by share

    @property
    def hidden(self) -> bool:
        return self.answered < SCREENING_MINIMUM

    def by_domain(self) -> list[tuple[object, list[Bar]]]:
        """(bidang name, its statements as bars, ranked) for each bidang with statements."""
        out = []
        for code in NEEDS_AREAS:
            rows = [s for s in self.statements if s.domain == code]
            if rows:
                out.append((rows[0].domain_name, [_bar(s) for s in rows]))
        return out

    def top(self, limit: int = 10) -> list[Statement]:
        return [s for s in self.statements if s.shown and s.count][:limit]


def _bar(statement: Statement) -> Bar:
    if not statement.shown:
        return Bar(label=str(statement.text), value=None, total=0, text="*")
    share = statement.share or 0
    return Bar(
        label=str(statement.text),
        value=statement.count,
        total=statement.answered,
        text=f"{share}% ({statement.count}/{statement.answered})",
    )


def needs_rounds(organization) -> list[ScreeningRound]:
    """The organization's screening rounds that gave a needs questionnaire, the newest first."""
    out = []
    rounds = ScreeningRound.objects.filter(organization=organization, cancelled_at__isnull=True)
    for screening_round in rounds:
        try:
            instrument = get_instrument(screening_round.instrument_code, screening_round.instrument_version)
        except UnknownInstrument:
            continue
        if instrument.is_needs:
            screening_round.instrument = instrument
            out.append(screening_round)
    return out


def _answered(organization, rounds, *, grade=None, class_name=None):
    invitations = ScreeningInvitation.objects.filter(
        organization=organization, screening_round__in=list(rounds), administration__isnull=False
    ).select_related("administration", "screening_round")
    if grade:
        invitations = invitations.filter(grade=grade)
    if class_name:
        invitations = invitations.filter(class_name=class_name)
    return invitations


def needs_results(*, organization, rounds, grade=None, class_name=None) -> NeedsResults:
    """The needs found by these rounds (of the organization; others are ignored), filtered."""
    rounds = [r for r in rounds if r.organization_id == organization.pk]
    instruments: dict[tuple[str, int], Instrument] = {}
    statements: dict[tuple[str, str], Statement] = {}
    newest: dict[tuple[str, str], int] = {}
    people = set()
    for invitation in _answered(organization, rounds, grade=grade, class_name=class_name):
        administration = invitation.administration
        version_key = (administration.instrument_code, administration.instrument_version)
        if version_key not in instruments:
            instruments[version_key] = get_instrument(*version_key)
        instrument = instruments[version_key]
        if not instrument.is_needs:
            continue
        people.add(administration.person_id)
        risky = {risk.item for risk in instrument.risk_items}
        for subscale in instrument.subscales:
            for item_id in subscale.items:
                item = instrument.item(item_id)
                key = (instrument.code, item_id)
                statement = statements.get(key)
                if statement is None or newest[key] < instrument.version:
                    fresh = Statement(key, item.text, subscale.code, subscale.name, item_id in risky)
                    if statement is not None:
                        fresh.count, fresh.answered = statement.count, statement.answered
                    statements[key] = statement = fresh
                    newest[key] = instrument.version
                answer = administration.answers[item.number - 1]
                statement.answered += 1
                statement.count += instrument.marked(item, answer)
    ranked = sorted(
        statements.values(),
        key=lambda s: (not s.shown, -(s.share or 0), -s.count if s.shown else 0, str(s.text)),
    )
    return NeedsResults(answered=len(people), statements=ranked)


def top_needs(*, organization, rounds, grade=None, class_name=None, limit=10) -> list[dict]:
    """The needs most students marked, for making annual program items from.

    Returns at most `limit` dicts, the highest share first, only statements whose numbers may be
    shown (see the module's note on small groups) and that someone marked; an empty list when
    fewer than 10 students answered. Each dict:

        {"text": "Saya ingin tahu tentang beasiswa."   # the statement in the active language
         "text_id": "...", "text_en": "...",            # both languages
         "domain": "karier",                            # the bidang code (counseling.Domain's values)
         "share": 64,                                   # percent of those asked who marked it
         "count": 32,                                   # students who marked it
         "answered": 50,                                # students who were asked it
         "risk": False,                                 # a statement that raises an alert
         "instrument": "akpd", "item": "k07"}           # which questionnaire and statement
    """
    results = needs_results(organization=organization, rounds=rounds, grade=grade, class_name=class_name)
    return [
        {
            "text": str(s.text),
            "text_id": s.text.id,
            "text_en": s.text.en,
            "domain": s.domain,
            "share": s.share,
            "count": s.count,
            "answered": s.answered,
            "risk": s.risk,
            "instrument": s.key[0],
            "item": s.key[1],
        }
        for s in results.top(limit)
    ]


def groups_of(organization, rounds) -> tuple[list[str], list[str]]:
    """The grades and the classes of the students who answered these rounds (for the filters)."""
    invitations = _answered(organization, rounds)
    grades = sorted(set(invitations.exclude(grade="").values_list("grade", flat=True)))
    classes = sorted(set(invitations.exclude(class_name="").values_list("class_name", flat=True)))
    return grades, classes


def top_by_class(*, organization, rounds, grade=None, limit=3) -> list[tuple[str, NeedsResults, list]]:
    """For each class (of the grade, when given): (class, its results, its top needs)."""
    _grades, classes = groups_of(organization, rounds)
    out = []
    for class_name in classes:
        results = needs_results(organization=organization, rounds=rounds, grade=grade, class_name=class_name)
        if results.answered:
            out.append((class_name, results, results.top(limit)))
    return out
