"""Two standard measures of how alike two words are, 0..1 (standard library only)."""

# Jaro-Winkler: the standard prefix scale and the longest prefix it rewards.
WINKLER_SCALE = 0.1
WINKLER_PREFIX = 4


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity of two words, 0..1 (1 when equal)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    matched_b = [False] * len(b)
    matches_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not matched_b[j] and b[j] == ch:
                matched_b[j] = True
                matches_a.append(ch)
                break
    if not matches_a:
        return 0.0
    matches_b = [ch for ch, used in zip(b, matched_b, strict=True) if used]
    transpositions = sum(x != y for x, y in zip(matches_a, matches_b, strict=True)) / 2
    m = len(matches_a)
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:WINKLER_PREFIX], b[:WINKLER_PREFIX], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * WINKLER_SCALE * (1 - jaro)


def levenshtein_ratio(a: str, b: str) -> float:
    """1 - edit distance / length of the longer word (insertions, deletions, substitutions)."""
    if a == b:
        return 1.0
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b))
