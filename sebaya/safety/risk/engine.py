"""Compiles the lexicon once (at import) and assesses text. See the package docstring for the decisions."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from sebaya.safety.risk import lexicon
from sebaya.safety.risk.lexicon import CONCERN, CRISIS, NONE
from sebaya.safety.risk.normalization import Normalizer, squeeze

LEVELS = (CRISIS, CONCERN, NONE)
RANK = {NONE: 0, CONCERN: 1, CRISIS: 2}
_START = "(?<![a-z0-9])"
_END = "(?![a-z0-9])"


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """The result for one text: ``level`` is "crisis", "concern" or "none"; ``matched`` names the
    signals found (canonical phrases or rule names, never the person's own words)."""

    level: str
    matched: tuple[str, ...] = ()
    # The learned layer's probabilities, {"crisis": p, "concern": p} (concern: crisis or concern),
    # or None when no model rated the text.
    score: dict | None = None
    # Which layers gave the level: ("lexicon",), ("model",) or both; () for "none".
    by: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.level != NONE

    def as_dict(self) -> dict:
        return {"level": self.level, "matched": list(self.matched), "score": self.score, "by": list(self.by)}


@dataclass(slots=True)
class _Rule:
    index: int
    level: str
    name: str
    tags: frozenset[str]
    mask: bool = field(init=False)

    def __post_init__(self):
        self.mask = "mask" in self.tags


@dataclass(slots=True)
class _Pattern:
    rule: _Rule
    regex: re.Pattern
    stems: frozenset[str] | None  # words of which one occurs in every match; None: always tried
    # The same pattern without its trailing exclusion ("surat perpisahan !kelas"): an exclusion
    # speaks of the words that follow in the same sentence, so a match that ends a sentence
    # stands whatever the next sentence says ("...surat perpisahan. kelas 3 gimana?").
    tail_free: re.Pattern | None = None


class _Compiler:
    """Turns the pattern language of `lexicon` into regular expressions and lookup stems."""

    def __init__(self, slots: dict[str, str]):
        self.slots = {name: text.split() for name, text in slots.items()}
        self._slot_regex: dict[str, str] = {}
        self.vocabulary: set[str] = set()

    def literal(self, text: str) -> str:
        words = []
        for word in squeeze(text.replace("_", " ")).split():
            star = word.endswith("*")
            word = word.rstrip("*")
            self.vocabulary.add(word)
            words.append(re.escape(word) + ("[a-z]*" if star else ""))
        return " ?".join(words)

    def slot(self, name: str) -> str:
        if name not in self._slot_regex:
            items = self.slots[name]
            raw = [item[3:] for item in items if item.startswith("re:")]
            literals = sorted({self.literal(item) for item in items if not item.startswith("re:")}, key=len)
            self._slot_regex[name] = "(?:" + "|".join([*reversed(literals), *raw]) + ")"
        return self._slot_regex[name]

    def alternatives(self, token: str) -> str:
        parts = []
        if "" in token.split("|"):
            raise ValueError(f"risk lexicon: empty alternative in {token!r}")
        for alternative in token.split("|"):
            if alternative.startswith("{") and alternative.endswith("}"):
                parts.append(self.slot(alternative[1:-1]))
            else:
                parts.append(self.literal(alternative))
        return "(?:" + "|".join(parts) + ")"

    def stems(self, token: str) -> frozenset[str] | None:
        """Words of which at least one must appear in any text this token matches (None if unknown)."""
        found = set()
        for alternative in token.split("|"):
            if alternative.startswith("{") and alternative.endswith("}"):
                items = self.slots[alternative[1:-1]]
                if any(item.startswith("re:") for item in items):
                    return None
            else:
                items = [alternative]
            for item in items:
                words = squeeze(item.replace("_", " ")).replace("*", "").split()
                found.add(max(words, key=len))
        return frozenset(found)

    def pattern(self, pattern: str) -> tuple[str, frozenset[str] | None]:
        pieces = [_START]
        first = True
        best: frozenset[str] | None = None
        for token in pattern.split():
            if token.startswith("~"):
                # Whole words only: each skipped word ends at a space, so the next token starts a word.
                pieces.append(f"(?: [^ ]+(?= )){{0,{int(token[1:])}}}")
                continue
            if token.startswith("!"):
                pieces.append(f"(?! ?{self.alternatives(token[1:])}{_END})")
                continue
            optional = token.endswith("?")
            token = token.rstrip("?")
            body = ("" if first else " ?") + self.alternatives(token)
            pieces.append(f"(?:{body})?" if optional else body)
            first = False
            if not optional:
                stems = self.stems(token)
                if stems is not None and (best is None or _selectivity(stems) > _selectivity(best)):
                    best = stems
        pieces.append(_END)
        return "".join(pieces), best


def _selectivity(stems: frozenset[str]) -> tuple[int, int]:
    return (min(len(stem) for stem in stems), -len(stems))


def _compile():
    compiler = _Compiler(lexicon.SLOTS)
    patterns = []
    for index, (level, name, tags, texts) in enumerate(lexicon.RULES):
        rule = _Rule(index, level, name, frozenset(tags.split()))
        for text in texts:
            regex, stems = compiler.pattern(text)
            tokens = text.split()
            tail_free = None
            if len(tokens) > 1 and tokens[-1].startswith("!"):
                tail_free = re.compile(compiler.pattern(" ".join(tokens[:-1]))[0])
            patterns.append(_Pattern(rule, re.compile(regex), stems, tail_free))
    for words in lexicon.SLOTS.values():
        compiler.vocabulary.update(squeeze(w) for item in words.split() for w in item.split("_"))
    vocabulary = {word for word in compiler.vocabulary if word.isalnum()}
    return patterns, vocabulary


_PATTERNS, _VOCABULARY = _compile()
_RULE_TAGS = {pattern.rule.index: pattern.rule.tags for pattern in _PATTERNS}
normalize = Normalizer(_VOCABULARY, lexicon.CENSORED_WORDS.split())


def _trie_regex(words: set[str]) -> str:
    """A regex matching the longest of `words` that starts at a position (greedy, trie-shaped)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        children = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not children:
            return ""
        body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


class _Index:
    """Which patterns can match a text: those whose stems occur in it (one regex pass finds all stems)."""

    def __init__(self, patterns: list[_Pattern]):
        self.patterns = patterns
        self.by_stem: dict[str, list[int]] = {}
        self.always = []
        for position, pattern in enumerate(patterns):
            if pattern.stems is None:
                self.always.append(position)
            else:
                for stem in pattern.stems:
                    self.by_stem.setdefault(stem, []).append(position)
        # The finder reports the longest stem starting at each position; the stems that are its
        # prefixes start there too, so each stem stands for the patterns of all its prefixes.
        self.closure = {
            stem: frozenset(
                position
                for length in range(1, len(stem) + 1)
                for position in self.by_stem.get(stem[:length], ())
            )
            for stem in self.by_stem
        }
        self.finder = re.compile(f"(?=({_trie_regex(set(self.by_stem))}))")

    def candidates(self, text: str) -> list[_Pattern]:
        """Candidate patterns in lexicon order."""
        chosen = set(self.always)
        closure = self.closure
        for found in set(self.finder.findall(text)):
            chosen |= closure[found]
        return [self.patterns[position] for position in sorted(chosen)]


_MASK_INDEX = _Index([pattern for pattern in _PATTERNS if pattern.rule.mask])
_MAIN_INDEX = _Index([pattern for pattern in _PATTERNS if not pattern.rule.mask])


def _words(text: str) -> frozenset[str]:
    return frozenset(squeeze(text).split())


def _phrases(text: str) -> re.Pattern:
    alternatives = sorted({squeeze(item.replace("_", " ")) for item in text.split()}, key=len, reverse=True)
    return re.compile(_START + "(?:" + "|".join(re.escape(a) for a in alternatives) + ")" + _END)


_NEGATIONS = _words(lexicon.NEGATIONS)
_BRIDGE = _words(lexicon.NEGATION_BRIDGE)
_TOPIC = _phrases(lexicon.TOPIC_WORDS)
_PERSONAL = _phrases(lexicon.PERSONAL_WORDS)
_STOPPED = _phrases(lexicon.STOPPED_PHRASES)
_STOPPED_AT_END = re.compile(_phrases(lexicon.STOPPED_AT_END).pattern + r"(?= \.|$)")
_CURRENT = _phrases(lexicon.CURRENT_WORDS)


def _mask(match: re.Match) -> str:
    found = match.group()
    return (" " if found.startswith(" ") else "") + "#" + (" " if found.endswith(" ") else "")


class _Message:
    """The text the risk rules read, and the facts the rule modifiers need (computed when asked).

    `text` has no sentence boundaries (the rules read across them: "pengen... mati"); `words`
    keeps them as "." words, since a negation or a topic word only counts in its own sentence.
    """

    def __init__(self, masked: str):
        self.sentences = masked
        self.words = masked.split()
        if "." in self.words:
            self.text = " ".join(word for word in self.words if word != ".")
            self.positions = [index for index, word in enumerate(self.words) if word != "."]
        else:
            self.text = masked
            self.positions = None
        self._stopped: bool | None = None

    def ends_sentence(self, end: int) -> bool:
        """Whether a match ending at character `end` of `text` is followed by a sentence boundary."""
        if self.positions is None:
            return False
        last = self.text.count(" ", 0, end) - (self.text[end - 1 : end] == " ")
        return last + 1 < len(self.positions) and self.positions[last + 1] - self.positions[last] > 1

    def word_number(self, start: int) -> int:
        """Index in `words` of the word at character `start` of `text`."""
        if self.text[start : start + 1] == " ":
            start += 1
        number = self.text.count(" ", 0, start)
        return number if self.positions is None else self.positions[number]

    def negated(self, start: int) -> bool:
        """A negation right before the match, with at most three bridge words between."""
        number = self.word_number(start)
        for count, word in enumerate(reversed(self.words[max(0, number - 4) : number])):
            if word in _NEGATIONS:
                return True
            if word not in _BRIDGE or count >= 3:
                return False
        return False

    def topic(self, start: int) -> bool:
        """The match's sentence is about a film, the news, a lesson... and shows no personal cue."""
        number = self.word_number(start)
        words = self.words
        first = number
        while first > 0 and words[first - 1] != ".":
            first -= 1
        last = number
        while last < len(words) and words[last] != ".":
            last += 1
        sentence = " ".join(words[first:last])
        return bool(_TOPIC.search(sentence)) and not _PERSONAL.search(sentence)

    @property
    def stopped(self) -> bool:
        """Self-harm said to be over, and nothing in the message says it is back.

        `STOPPED_AT_END` phrases count only at the end of a sentence ("..., sekarang udah engga"), and
        are taken out before looking for a current word (their "sekarang" does not say it is back).
        """
        if self._stopped is None:
            rest = _STOPPED_AT_END.sub(" ", self.sentences)
            said = rest != self.sentences or bool(_STOPPED.search(self.text))
            rest = " ".join(word for word in rest.split() if word != ".")
            self._stopped = said and not _CURRENT.search(rest)
        return self._stopped


_NOTHING = RiskAssessment(NONE, ())


def _masked(normal: str, hits: list | None = None) -> str:
    """The normalized text with idioms and the other masked phrases replaced by "#"; the masked
    phrases that carry a level are added to `hits`."""
    masked = normal
    for pattern in _MASK_INDEX.candidates(normal):
        masked, count = pattern.regex.subn(_mask, masked)
        if count and hits is not None and pattern.rule.level != NONE:
            hits.append((RANK[pattern.rule.level], pattern.rule.index, pattern.rule.name))
    return masked


def reading(text: str) -> str:
    """The text as the learned layer reads it: normalized like the lexicon's input, with the
    idioms the lexicon knows ("mati lampu", "bunuh waktu", "my phone died") already masked, so
    that the model does not have to relearn what the lexicon settles."""
    return _masked(normalize(text)) if text else ""


def assess(text: str) -> RiskAssessment:
    """Assess one text (a message, a help request, a note) for risk. Pure, fast, deterministic."""
    if not text:
        return _NOTHING
    normal = normalize(text)
    if not normal:
        return _NOTHING
    hits: list[tuple[int, int, str]] = []  # (level rank, rule index, name)
    tags: set[str] = set()

    masked = _masked(normal, hits)
    message = _Message(masked)
    masked = message.text

    best: dict[int, tuple[int, str]] = {}  # rule index -> (level rank, name)
    for pattern in _MAIN_INDEX.candidates(masked):
        rule = pattern.rule
        if rule.index in best and best[rule.index][0] == RANK[rule.level]:
            continue  # already found at the rule's own level
        matches = list(pattern.regex.finditer(masked))
        if pattern.tail_free is not None and message.positions is not None:
            matches += [m for m in pattern.tail_free.finditer(masked) if message.ends_sentence(m.end())]
        for match in matches:
            level, name = rule.level, rule.name
            if level == CONCERN and "topic" in rule.tags and message.topic(match.start()):
                level = NONE  # "depresi" in a sentence about a novel or a lesson
            elif level == CRISIS:
                if "neg" in rule.tags and message.negated(match.start()):
                    level, name = CONCERN, f"{name} (negated)"
                elif "topic" in rule.tags and message.topic(match.start()):
                    level, name = CONCERN, f"{name} (topic)"
                elif "past" in rule.tags and message.stopped:
                    level, name = CONCERN, f"{name} (past)"
            if rule.index not in best or RANK[level] > best[rule.index][0]:
                best[rule.index] = (RANK[level], name)
            if level == rule.level:
                break

    for index, (rank, name) in best.items():
        tags.update(_RULE_TAGS[index])
        if rank:
            hits.append((rank, index, name))
    if "method" in tags and any(rank and "method" not in _RULE_TAGS[index] for rank, index, _n in hits):
        level, name = lexicon.METHOD_WITH_DISTRESS
        hits.append((RANK[level], len(lexicon.RULES), name))
    for needed, level, name in lexicon.COMBINATIONS:
        if needed <= tags:
            hits.append((RANK[level], len(lexicon.RULES), name))
    if not hits:
        return _NOTHING
    hits.sort(key=lambda hit: (-hit[0], hit[1]))
    matched = tuple(dict.fromkeys(name for _rank, _index, name in hits))
    return RiskAssessment(LEVELS[2 - hits[0][0]], matched, by=("lexicon",))


def matched_spans(text: str) -> list[tuple[int, int]]:
    """Where the words a risk rule matched stand in `text`, as (start, end) character offsets of
    whole words, for a counselor to see them marked.

    Word by word: each word of the text is normalized on its own, the rules run over those words
    joined, and a match marks the original words it covers (a phrase the lexicon masks as an
    idiom, "mati lampu", marks nothing). It is close, not exact (letters spaced apart across words
    are not joined again): it shows where to look and never decides a level.
    """
    tokens = [(match.start(), match.end()) for match in re.finditer(r"\S+", text or "")]
    words: list[str] = []
    owner: list[int] = []  # the token each normalized word came from
    for index, (start, end) in enumerate(tokens):
        for word in normalize(text[start:end]).split():
            if word != ".":
                words.append(word)
                owner.append(index)
    if not words:
        return []
    joined = " ".join(words)
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1

    def covered(match: re.Match) -> range:
        found = match.group()
        start = match.start() + len(found) - len(found.lstrip())
        end = match.end() - (len(found) - len(found.rstrip()))
        return range(bisect_right(starts, start) - 1, bisect_right(starts, max(start, end - 1)))

    masked: set[int] = set()
    for pattern in _MASK_INDEX.candidates(joined):
        for match in pattern.regex.finditer(joined):
            masked.update(covered(match))
    marked: set[int] = set()
    for pattern in _MAIN_INDEX.candidates(joined):
        if pattern.rule.level == NONE:
            continue
        for match in pattern.regex.finditer(joined):
            numbers = set(covered(match))
            if numbers - masked:
                marked.update(owner[number] for number in numbers)
    return [tokens[index] for index in sorted(marked)]
