"""Triage rules: a help request's answers → a recommended tier and urgency, with the reasons.

Plain Python, no database. The rules are deliberately simple and safe-side: anything that
suggests danger goes to a counselor urgently; a peer supporter is the default for everyday
worries. A counselor can override any decision in the triage queue, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Reason codes, with the words shown to counselors.
REASONS = {
    "safety_yes": _("Answered yes to the safety question"),
    "asked_now": _("Asked to reach a counselor now"),
    "words_crisis": _("Their words carry crisis signals"),
    "words_concern": _("Their words carry signs of concern"),
    "check_severe": _("Short check (PHQ-4) in the severe range"),
    "check_moderate": _("Short check (PHQ-4) in the moderate range"),
    "topic_bullying": _("Bullying: the school must act, so a counselor leads"),
    "asked_counselor": _("Asked for a counselor"),
    "stepped_up": _("Stepped up by their peer supporter"),
    "concern_flag": _("Their peer supporter is worried about their safety"),
    "note_crisis": _("The peer supporter's note carries crisis signals"),
    "note_concern": _("The peer supporter's note carries signs of concern"),
    "everyday": _("An everyday worry: a trained peer supporter can listen first"),
}

TIERS = ("peer", "counselor", "urgent")  # in rising order
URGENCIES = ("routine", "soon", "urgent")


@dataclass(frozen=True)
class TriageInput:
    topic: str
    helper: str = "either"  # either, peer, counselor
    check_band: str = ""  # PHQ-4 band code: normal, mild, moderate, severe ("" when not given)
    safety_answer: bool | None = None
    text_level: str = "none"  # the risk detector's level for their words
    stepped_up: bool = False
    # "Send it now to a counselor", offered by the warning while typing when their words read as
    # crisis: urgent even if they changed the words before sending.
    asked_now: bool = False
    # What a peer supporter attached: the risk detector's level for their step-up or session note,
    # and whether a session of the relationship carried the "worried about their safety" flag.
    note_level: str = "none"
    concern_flag: bool = False


@dataclass(frozen=True)
class TriageResult:
    tier: str
    urgency: str
    reasons: tuple[str, ...]


def triage(answers: TriageInput) -> TriageResult:
    """The highest tier and urgency any rule asks for, and every rule that fired."""
    fired: list[tuple[str, str, str]] = []  # (reason, tier, urgency)
    if answers.safety_answer:
        fired.append(("safety_yes", "urgent", "urgent"))
    if answers.asked_now:
        fired.append(("asked_now", "urgent", "urgent"))
    if answers.text_level == "crisis":
        fired.append(("words_crisis", "urgent", "urgent"))
    elif answers.text_level == "concern":
        fired.append(("words_concern", "counselor", "soon"))
    # A peer supporter's worry is a person's judgement about safety: it is handled today, like
    # the person's own "not safe" answer, never queued behind the everyday requests.
    if answers.concern_flag:
        fired.append(("concern_flag", "urgent", "urgent"))
    if answers.note_level == "crisis":
        fired.append(("note_crisis", "urgent", "urgent"))
    elif answers.note_level == "concern":
        fired.append(("note_concern", "counselor", "soon"))
    if answers.check_band == "severe":
        fired.append(("check_severe", "counselor", "soon"))
    elif answers.check_band == "moderate":
        fired.append(("check_moderate", "peer", "soon"))
    if answers.topic == "bullying":
        fired.append(("topic_bullying", "counselor", "soon"))
    if answers.stepped_up:
        fired.append(("stepped_up", "counselor", "soon"))
    if answers.helper == "counselor":
        fired.append(("asked_counselor", "counselor", "routine"))
    if not fired:
        fired.append(("everyday", "peer", "routine"))
    tier = max((t for _r, t, _u in fired), key=TIERS.index)
    urgency = max((u for _r, _t, u in fired), key=URGENCIES.index)
    return TriageResult(tier=tier, urgency=urgency, reasons=tuple(r for r, _t, _u in fired))
