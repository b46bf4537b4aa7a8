"""Short, printable excerpts of untrusted text, for messages that repeat what someone typed or uploaded."""

import unicodedata

EXCERPT_CHARS = 40


def excerpt(text, limit: int = EXCERPT_CHARS) -> str:
    """At most `limit` characters of user input for a message, with “…” when cut.

    Line breaks and other control characters become spaces, and invisible formatting characters
    (such as right-to-left overrides, which can make text read backwards) become “�”, so the
    message shows what is there. HTML is escaped where the message is shown (Django's templates),
    not here, so that it is not escaped twice.
    """
    text = str(text)
    head = text[: limit * 4]  # whitespace collapses below; never look further than that
    kept = []
    for char in head:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category[0] == "C":  # format, surrogate, private use, unassigned
            kept.append("\ufffd")
        else:
            kept.append(char)
    cleaned = " ".join("".join(kept).split())
    if len(cleaned) > limit:
        return cleaned[:limit].rstrip() + "…"
    if len(text) > len(head):
        return cleaned + "…"
    return cleaned
