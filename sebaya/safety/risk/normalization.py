"""Text normalization for risk detection: one canonical form for the many ways a word is typed.

`normalize` lowercases and folds Unicode look-alikes to ASCII, undoes leetspeak inside words
(``m4ti``, ``d1r1``, ``su!c!de``), repairs censored words (``s*icide``), joins letters that were
spaced or dotted apart (``b u n u h``, ``b.u.n.d.i.r``), expands the Indonesian ``2``
reduplication (``mati2an`` -> ``mati matian``), turns sentence punctuation into a ``.`` word
and every other symbol into a space, and finally squeezes repeated letters (``matiii`` ->
``mati``, ``kill`` -> ``kil``). The lexicon is squeezed the same way when it is compiled, so
patterns and text always meet in the same form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Zero-width and other invisible characters are dropped, not turned into spaces, so that
# "bun\u200bdir" is still "bundir".
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d"
                                    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063"
                                    "\u2064\ufeff"))  # fmt: skip
# Cyrillic and Greek letters that look like Latin ones, and apostrophes (removed: "don't" -> "dont").
_LOOKALIKES = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁһӏкмтвнг", "aeopcyxijsdhlkmtbhr", strict=True)),  # Cyrillic
        **dict(zip("αεορτυκνιı", "aeoptukvii", strict=True)),  # Greek, dotless i
        **dict.fromkeys("'’‘`´ʼ"),
    }
)
_LEET = str.maketrans("013457@$!|", "oieastasii")
_LEET_CHARS = "013457@$!|"
_NEEDS_WORK = re.compile(r"[0-9@$!|*]")
_TOKEN = re.compile(r"[a-z0-9@$!|*]+")
_REDUPLICATION = re.compile(r"^([a-z]{2,})2([a-z]*)$")
# Three or more single characters (a character may be repeated: "m a a a t i", "mmm a t i")
# separated by one or two spacing symbols: "b u n u h", "m.a.t.i".
_SPACED = re.compile(
    r"(?<![a-z0-9@$!])(?:([a-z0-9@$!])\1*[ .\-_*~+|,/·•]{1,2}){2,}([a-z0-9@$!])\2*(?![a-z0-9@$!])"
)
_SPACED_SEPARATORS = re.compile(r"[ .\-_*~+|,/·•]")
# Last step for ASCII: letters and digits stay, apostrophes go ("don't" -> "dont"), sentence
# punctuation becomes a "." word (idioms are not read across it: "pengen mati. lampu..."), and
# every other character a space.
_WORDS_ONLY = str.maketrans(
    {
        **{chr(code): " " for code in range(128) if not chr(code).isalnum()},
        **dict.fromkeys(".,!?;:\n\r", " . "),
        **dict.fromkeys("'`"),
    }
)
_NON_ASCII = re.compile(r"[^a-z0-9. ]+")
_REPEATS = re.compile(r"([a-z])\1+")
_LONG_REPEATS = re.compile(r"([a-z])\1{2,}")


def squeeze(text: str) -> str:
    """Collapse runs of the same letter: "matiii" -> "mati", "pengeeen" -> "pengen", "kill" -> "kil"."""
    return _REPEATS.sub(r"\1", text)


class Normalizer:
    """Normalization that knows the lexicon's words (to re-split letters that were spaced apart)."""

    def __init__(self, vocabulary: Iterable[str] = (), censored: Iterable[str] = ()):
        self.vocabulary = frozenset(squeeze(word) for word in vocabulary if word)
        self.longest = max((len(word) for word in self.vocabulary), default=1)
        # Words people censor with "*": tried only on tokens that contain a "*".
        self.censored = tuple(dict.fromkeys(squeeze(word) for word in censored))

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        if text.isascii():
            text = text.lower()
        else:
            text = unicodedata.normalize("NFKC", text).lower().translate(_INVISIBLE)
            text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
            text = text.translate(_LOOKALIKES)
        text = _SPACED.sub(self._join_spaced, text)
        if _NEEDS_WORK.search(text):
            text = _TOKEN.sub(self._fix_token, text)
        text = text.translate(_WORDS_ONLY)
        if not text.isascii():
            text = _NON_ASCII.sub(" ", text)  # emoji, other scripts
        text = " ".join(text.split()).strip(" .")
        return _REPEATS.sub(r"\1", text)

    def _fix_token(self, match: re.Match) -> str:
        token = match.group()
        if not any("a" <= c <= "z" for c in token):
            return token  # a number: "jam 3", "lantai 4"
        if "2" in token:
            repeated = _REDUPLICATION.match(token)
            if repeated:
                return f"{repeated[1]} {repeated[1]}{repeated[2]}"
        if any(c in _LEET_CHARS for c in token):
            token = _unleet(token)
        if "*" in token:
            token = self._uncensor(token)
        return token

    def _uncensor(self, token: str) -> str:
        parts = [re.escape(part) for part in squeeze(token).split("*")]
        if sum(len(part) for part in parts) < 2:
            return token
        pattern = re.compile("[a-z]{0,3}".join(parts))
        for word in self.censored:
            if pattern.fullmatch(word):
                return word
        return token

    def _join_spaced(self, match: re.Match) -> str:
        run = _SPACED_SEPARATORS.sub("", match.group())
        if not any("a" <= c <= "z" for c in run):
            return match.group()  # "1 2 3"
        return self.segment(run.translate(_LEET))

    def segment(self, run: str) -> str:
        """Split letters that were typed apart into lexicon words ("iwanttodie" -> "i want to die").

        The split with the fewest words that covers the whole run wins (a piece counts as a word if
        its squeezed form is in the lexicon, so "matiii" is "mati"; among equals, the one that
        squeezes fewer letters inside a word, so "wantto" is "want to"); a run that cannot be covered is
        kept as one word, since the patterns also accept words written together.
        """
        run = _LONG_REPEATS.sub(r"\1\1", run)  # "akhiiiiiri" -> "akhiiri": bounded pieces, "tt" kept
        size = len(run)
        longest = self.longest + 8
        best: list[tuple[int, int, int] | None] = [None] * (size + 1)
        best[0] = (0, 0, 0)
        for end in range(1, size + 1):
            for start in range(max(0, end - longest), end):
                if best[start] is None:
                    continue
                piece = squeeze(run[start:end])
                if piece in self.vocabulary:
                    # Fewest words first, then the fewest letters squeezed away inside a word.
                    candidate = (best[start][0] + 1, best[start][1] + end - start - len(piece), start)
                    if best[end] is None or candidate[:2] < best[end][:2]:
                        best[end] = candidate
        if best[size] is None:
            return run
        words, end = [], size
        while end:
            start = best[end][2]
            words.append(run[start:end])
            end = start
        return " ".join(reversed(words))


def _unleet(token: str) -> str:
    """Digits and symbols used as letters, inside a word that has letters: "m4ti" -> "mati".

    "!" and "|" count as "i" only between letters, so "help!" stays "help".
    """
    chars = list(token)
    for index, char in enumerate(chars):
        if char in "!|":
            before = chars[index - 1] if index else ""
            after = chars[index + 1] if index + 1 < len(chars) else ""
            if not (before.isalpha() and after.isalpha()):
                continue
        chars[index] = char.translate(_LEET)
    return "".join(chars)
