"""What risk detection must find, named by the families clinicians use.

Crisis follows the categories of the Columbia Suicide Severity Rating Scale (wish to be dead,
active thoughts, method, intent and plan, preparatory behaviour, self-harm) and what Crisis Text
Line learned from its conversations (farewells, having the means, a friend at risk). Concern is
the whole range of distress a counselor wants to hear about, not only abuse and bullying.

Each labelled line may name its family (the second column of the data files, see
``data/README.md``), so that ``sebaya risk evaluate`` prints recall per family and a weak family
shows. The codes are stable; the labels are for people, in Indonesian and English (these are
plain strings, not gettext: the command line and the data README show both at once).
"""

from __future__ import annotations

from dataclasses import dataclass

CRISIS, CONCERN, NONE = "crisis", "concern", "none"


@dataclass(frozen=True)
class Family:
    code: str
    level: str
    id: str  # Bahasa Indonesia
    en: str
    examples: str  # what belongs here, for the people who write and label lines


FAMILIES: tuple[Family, ...] = (
    # --- crisis ---------------------------------------------------------------------------------
    Family(
        "wish_dead",
        CRISIS,
        "ingin mati atau tidak ada",
        "wish to be dead or not to exist",
        "passive wishes: wanting to sleep and not wake up, wishing never to have been born, "
        "hoping an accident takes them, better off dead, tired of living",
    ),
    Family(
        "suicidal_thoughts",
        CRISIS,
        "pikiran bunuh diri",
        "active thoughts of suicide",
        "thinking about killing oneself, suicidal thoughts that come back, slang (bundir, kms, unalive)",
    ),
    Family(
        "method_means",
        CRISIS,
        "cara dan sarana",
        "method and means",
        "having or getting pills, poison, a rope, a blade, a high place; looking up how",
    ),
    Family(
        "intent_plan",
        CRISIS,
        "niat dan rencana",
        "intent and plan",
        "a decision, a date or a time, a place, 'tonight', 'after the exam'",
    ),
    Family(
        "preparation_farewell",
        CRISIS,
        "persiapan dan pamit",
        "preparation and farewell",
        "goodbye messages, last messages, giving things away, letters to family, asking someone "
        "to look after a pet, apologising for everything",
    ),
    Family(
        "self_harm",
        CRISIS,
        "melukai diri",
        "self-harm now",
        "cutting, burning, hitting oneself, now or again (relapse), wanting to",
    ),
    Family(
        "other_at_risk",
        CRISIS,
        "orang lain dalam bahaya",
        "someone else at risk",
        "a friend, sibling or classmate who said they want to die or hurt themselves",
    ),
    # --- concern --------------------------------------------------------------------------------
    Family(
        "abuse_violence",
        CONCERN,
        "kekerasan dan penganiayaan",
        "abuse and violence",
        "being hit, hurt, threatened at home or elsewhere; domestic violence seen or suffered",
    ),
    Family(
        "bullying",
        CONCERN,
        "perundungan",
        "bullying",
        "being mocked, excluded, threatened, bullied online, told to die",
    ),
    Family(
        "sexual_coercion",
        CONCERN,
        "pemaksaan seksual",
        "sexual coercion",
        "being touched, pressured, blackmailed with photos, grooming",
    ),
    Family(
        "hopelessness",
        CONCERN,
        "putus asa",
        "hopelessness",
        "no point, giving up, worthless, a burden, nothing will change",
    ),
    Family(
        "anxiety_panic",
        CONCERN,
        "cemas dan panik",
        "anxiety and panic",
        "panic attacks, cannot breathe, constant fear, overthinking that does not stop",
    ),
    Family(
        "low_mood",
        CONCERN,
        "suasana hati murung",
        "low mood and loss of interest",
        "sad every day, empty, numb, nothing is fun any more, crying without reason",
    ),
    Family(
        "sleep_eating",
        CONCERN,
        "tidur dan makan",
        "sleep and eating problems",
        "not sleeping for days, not eating, eating and throwing up, fear of gaining weight",
    ),
    Family(
        "grief",
        CONCERN,
        "duka",
        "grief",
        "a death in the family or of a friend, cannot accept it, still crying months later",
    ),
    Family(
        "trauma",
        CONCERN,
        "trauma",
        "trauma after a disaster or violence",
        "flashbacks, fear after a flood, earthquake, fire or an attack, startled by sounds",
    ),
    Family(
        "substance_use",
        CONCERN,
        "zat adiktif",
        "substance use",
        "drinking, pills, glue, drugs to cope or under pressure",
    ),
    Family(
        "mention",
        CONCERN,
        "disebut tanpa tanda pribadi",
        "mentioned, without a personal cue",
        "concern by the decisions in __init__.py, not by a feeling: suicide in the news, a lesson or "
        "a film with no personal cue, a negated mention ('aku ga akan bunuh diri kok'), past "
        "self-harm said to be over",
    ),
    Family(
        "family_conflict",
        CONCERN,
        "konflik dan tekanan keluarga",
        "family conflict and pressure",
        "parents fighting, divorce, being thrown out, pressure over grades or marriage",
    ),
)

# Lines that must *not* be flagged, written on purpose: the hard negatives.
NONE_FAMILIES: tuple[Family, ...] = (
    Family("everyday", NONE, "sehari-hari", "everyday", "ordinary chat, school, plans, food"),
    Family(
        "idiom",
        NONE,
        "ungkapan",
        "idioms and hyperbole",
        "mati lampu, bunuh waktu, 'this joke killed me', 'the deadline is killing me'",
    ),
    Family("lyrics", NONE, "lirik lagu", "song lyrics", "quoting or singing a sad song"),
    Family("game", NONE, "permainan", "games", "dying, killing, respawning in a game"),
    Family(
        "school",
        NONE,
        "pelajaran",
        "school subjects",
        "biology of death, history of war, a novel (a lesson about suicide is concern: `mention`)",
    ),
    Family(
        "news",
        NONE,
        "berita",
        "news",
        "a report of a disaster, an accident or a crime with no personal cue (a report of a suicide "
        "is concern: `mention`)",
    ),
)

BY_CODE = {family.code: family for family in (*FAMILIES, *NONE_FAMILIES)}


def family_of(code: str) -> Family:
    return BY_CODE[code]
