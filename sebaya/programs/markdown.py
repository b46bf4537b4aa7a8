"""A small, safe Markdown for training content: headings, paragraphs, lists, bold and italic.

Everything is HTML-escaped first, so content a coordinator edits can never carry a script or a
link; then a handful of line-based rules add structure. No raw HTML, no links, no images.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])[*_](?!\s)(.+?)(?<!\s)[*_](?![*\w])")


def _inline(text: str) -> str:
    return _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", escape(text)))


def render(source: str) -> SafeString:
    html: list[str] = []
    paragraph: list[str] = []
    list_kind: str | None = None

    def flush_paragraph():
        if paragraph:
            html.append("<p>" + " ".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def close_list():
        nonlocal list_kind
        if list_kind:
            html.append(f"</{list_kind}>")
            list_kind = None

    for raw in source.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{2,4})\s+(.*)$", line)
        bullet = re.match(r"^[-*]\s+(.*)$", line)
        numbered = re.match(r"^\d+[.)]\s+(.*)$", line)
        if not line:
            flush_paragraph()
            close_list()
        elif heading:
            flush_paragraph()
            close_list()
            level = len(heading.group(1)) + 1  # the page's title is h1, a module's sections h3 and down
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet or numbered:
            flush_paragraph()
            kind = "ul" if bullet else "ol"
            if list_kind != kind:
                close_list()
                html.append(f"<{kind}>")
                list_kind = kind
            html.append(f"<li>{_inline((bullet or numbered).group(1))}</li>")
        elif line.startswith(">"):
            flush_paragraph()
            close_list()
            html.append(f"<blockquote>{_inline(line.lstrip('> '))}</blockquote>")
        else:
            close_list()
            paragraph.append(line)
    flush_paragraph()
    close_list()
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308, B703  # all text escaped by _inline
