"""Reading needs assessments: the share of students who marked each statement of a needs
questionnaire (an instrument of kind "needs", see screening/instruments), ranked, by bidang, for the
whole population of one or more screening rounds or for one grade or class.

Small groups are hidden as screening figures are (`kernel.suppression.SCREENING_MINIMUM`, 10):
a group (the students who answered, after the filters) smaller than that shows nothing, and a
statement marked by 1 to 9 students shows no number (a zero is shown: "nobody" is a fact about the
group, not about a person). Shares of statements marked by many are what a program is built on.

The views (the whole school, a grade, a class) are worked out together, as one tree of groups, so
that no hidden number can be found by subtracting one view from another: when a class is hidden,
its grade's figures minus the other classes' would tell it, so a partner class is hidden as well
(`kernel.suppression.hide_in_tree`), and the same for grades within the school. Such a group says
that it is hidden to protect a smaller one. Choosing other rounds is a different tree: a round's
figures are not protected against the difference between two choices of rounds.

A statement is identified by its questionnaire's code and its item id; rounds of several versions
of one questionnaire add up, shown with the wording of the newest version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sebaya.kernel.bars import Bar
from sebaya.kernel.suppression import SCREENING_MINIMUM, hide_in_tree
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
    hidden: bool = False  # set with the other views of the same figure (see the module's note)

    @property
    def shown(self) -> bool:
        """The number may be shown: the group is large enough, the count is 0 or not small, and
        no other view would let a hidden number be worked out from it."""
        return not self.hidden

    @property
    def share(self) -> int | None:
        if not self.shown or not self.answered:
            return None
        return round(100 * self.count / self.answered)


SMALL, PROTECTING = "small", "protecting"  # why a whole group is hidden


@dataclass
class NeedsResults:
    answered: int  # students in the group (after the filters) who answered
    statements: list[Statement] = field(default_factory=list)  # ranked: shown first, by share
    hidden_because: str = ""  # SMALL (fewer than 10 answered), PROTECTING (a smaller group), or ""

    @property
    def hidden(self) -> bool:
        return bool(self.hidden_because)

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


def _tree(organization, rounds) -> dict[tuple, NeedsResults]:
    """The results of every view, hidden numbers worked out across views: the whole organization
    (path `()`), each grade (`(grade,)`) and each class (`(grade, class)`). Only the organization's
    rounds count."""
    rounds = [r for r in rounds if r.organization_id == organization.pk]
    instruments: dict[tuple[str, int], Instrument] = {}
    about: dict[tuple[str, str], Statement] = {}  # each statement's wording (the newest version)
    newest: dict[tuple[str, str], int] = {}
    people: dict[tuple, set] = {}
    counts: dict[tuple, dict[tuple[str, str], list[int]]] = {}  # path → statement → [count, answered]
    for invitation in _answered(organization, rounds):
        administration = invitation.administration
        version_key = (administration.instrument_code, administration.instrument_version)
        if version_key not in instruments:
            instruments[version_key] = get_instrument(*version_key)
        instrument = instruments[version_key]
        if not instrument.is_needs:
            continue
        risky = {risk.item for risk in instrument.risk_items}
        paths = [(), (invitation.grade,), (invitation.grade, invitation.class_name)]
        for path in paths:
            people.setdefault(path, set()).add(administration.person_id)
        for subscale in instrument.subscales:
            for item_id in subscale.items:
                item = instrument.item(item_id)
                key = (instrument.code, item_id)
                if key not in about or newest[key] < instrument.version:
                    about[key] = Statement(key, item.text, subscale.code, subscale.name, item_id in risky)
                    newest[key] = instrument.version
                marked = instrument.marked(item, administration.answers[item.number - 1])
                for path in paths:
                    tally = counts.setdefault(path, {}).setdefault(key, [0, 0])
                    tally[0] += marked
                    tally[1] += 1

    sizes = {path: len(ids) for path, ids in people.items()}
    small = {path for path, n in sizes.items() if n < SCREENING_MINIMUM}
    hidden_groups = hide_in_tree(sizes, hidden=small)
    hidden: dict[tuple[str, str], set] = {}  # statement → the paths where its number is hidden
    for key in about:
        answered = {path: counts[path].get(key, [0, 0])[1] for path in sizes}
        marked = {path: counts[path].get(key, [0, 0])[0] for path in sizes}
        # A share needs both numbers: those asked first, then those who marked it.
        asked_hidden = hide_in_tree(
            answered, hidden=hidden_groups | {p for p, n in answered.items() if n < SCREENING_MINIMUM}
        )
        hidden[key] = hide_in_tree(
            marked, hidden=asked_hidden | {p for p, n in marked.items() if 0 < n < SCREENING_MINIMUM}
        )

    out = {}
    for path, size in sizes.items():
        statements = []
        for key, wording in about.items():
            count, answered = counts[path].get(key, [0, 0])
            if not answered:
                continue
            statements.append(
                Statement(
                    key,
                    wording.text,
                    wording.domain,
                    wording.domain_name,
                    wording.risk,
                    count=count,
                    answered=answered,
                    hidden=path in hidden[key],
                )
            )
        statements.sort(key=lambda s: (not s.shown, -(s.share or 0), -s.count if s.shown else 0, str(s.text)))
        because = (SMALL if path in small else PROTECTING) if path in hidden_groups else ""
        out[path] = NeedsResults(answered=size, statements=statements, hidden_because=because)
    return out


def _pick(tree: dict[tuple, NeedsResults], *, grade=None, class_name=None) -> NeedsResults:
    if class_name:
        found = [r for path, r in tree.items() if len(path) == 2 and path[1] == class_name]
        found = (
            [r for path, r in tree.items() if len(path) == 2 and path == (grade, class_name)]
            if grade
            else found
        )
        # One class name in two grades is a roster mistake: show neither rather than guess.
        return found[0] if len(found) == 1 else NeedsResults(answered=0, hidden_because=SMALL)
    if grade:
        return tree.get((grade,)) or NeedsResults(answered=0, hidden_because=SMALL)
    return tree.get(()) or NeedsResults(answered=0, hidden_because=SMALL)


def needs_results(*, organization, rounds, grade=None, class_name=None) -> NeedsResults:
    """The needs found by these rounds (of the organization; others are ignored), filtered."""
    return _pick(_tree(organization, rounds), grade=grade, class_name=class_name)


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
    tree = _tree(organization, rounds)
    classes = sorted(
        (path[1], results)
        for path, results in tree.items()
        if len(path) == 2 and path[1] and (not grade or path[0] == grade)
    )
    return [(class_name, results, results.top(limit)) for class_name, results in classes]
