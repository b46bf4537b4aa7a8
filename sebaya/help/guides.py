"""The user guides in docs/guide/: which exist, whose each is, and their Markdown rendered to HTML.

The guides are Markdown files of this repository (the deployment is a clone with an editable
install, so docs/ is beside the package): `docs/guide/<language>/<slug>.md`, one per role plus the
first-day checklist, with screenshots in `docs/guide/img/`. They are rendered with Python-Markdown
with raw HTML switched off (what looks like a tag is shown as text), and every link and image is
rewritten by one rule: `../img/x.png` becomes the URL that serves that file (or, in a PDF, the file
itself), `x.md` the guide's page inside Sebaya; web and mail links stay; anything else loses its
link. The rendering is cached per file and its modification time.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sebaya import access
from sebaya.people.models import Role

# The guides, in the order the list shows them (the ladder of care, then the office, then the
# network); the file names are fixed (docs/guide/README.md).
ROLE_GUIDES = (
    "siswa",
    "konselor-sebaya",
    "guru-bk",
    "koordinator",
    "pekerja-psikososial",
    "mitra",
    "admin",
    "dinas",
)
FIRST_DAY = "hari-pertama"
GUIDES = (*ROLE_GUIDES, FIRST_DAY)
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

# The one rule for "whose guide": each role of an organization has its guide; a network viewer (an
# education office, a head office) reads the network's. The order of `access.ROLE_PRIORITY` decides
# which comes first for someone with several roles, unless they are acting as one of them.
GUIDE_OF_ROLE = {
    Role.MEMBER: "siswa",
    Role.PEER_SUPPORTER: "konselor-sebaya",
    Role.COUNSELOR: "guru-bk",
    Role.COORDINATOR: "koordinator",
    Role.FIELD_WORKER: "pekerja-psikososial",
    Role.ORG_ADMIN: "admin",
    Role.PARTNER: "mitra",
}
NETWORK_GUIDE = "dinas"
# Who sets a school up on its first day also gets the checklist.
FIRST_DAY_ROLES = frozenset({Role.ORG_ADMIN, Role.COORDINATOR})

IMAGE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.png")
# Pictures are named relative to the guide's own file (docs/guide/<language>/), so they show on
# GitHub too.
IMAGE_PREFIXES = ("../img/",)
_WEB_SCHEMES = {"http", "https", "mailto", "tel"}


def guide_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "docs" / "guide"


def image_path(name: str) -> Path | None:
    """The screenshot's file, only for a plain name in docs/guide/img/ that exists."""
    if not IMAGE_NAME.fullmatch(name):
        return None
    path = guide_dir() / "img" / name
    return path if path.is_file() else None


def source_path(slug: str, language: str) -> Path:
    return guide_dir() / language / f"{slug}.md"


def guide_of_role(role: str | None) -> str | None:
    return GUIDE_OF_ROLE.get(role) if role else None


def guides_for(user, current_role: str | None = None) -> list[str]:
    """The guides of the roles this user holds anywhere, the most relevant first: the role they are
    acting as, then by `access.ROLE_PRIORITY`; then the network's guide and the first-day checklist."""
    held = access.all_roles(user)
    ordered = [role.value for role in access.ROLE_PRIORITY if role in held]
    if current_role in held:
        ordered.remove(current_role)
        ordered.insert(0, current_role)
    slugs = [GUIDE_OF_ROLE[role] for role in ordered]
    if access.viewer_network_ids(user):
        slugs.append(NETWORK_GUIDE)
    if held & FIRST_DAY_ROLES:
        slugs.append(FIRST_DAY)
    return slugs


# --- Rendering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    slug: str
    language: str  # the language of the text (the other one when this language has no such file)
    title: str
    html: SafeString
    sections: tuple[tuple[str, str], ...]  # (anchor, title) of each `## ` section


class _Links(Treeprocessor):
    """Rewrites every link and image by the rules of the module's docstring."""

    def __init__(self, md, *, language: str, guide_url: Callable, image_url: Callable):
        super().__init__(md)
        self.language = language
        self.guide_url = guide_url
        self.image_url = image_url

    def run(self, root):
        for element in list(root.iter("a")):
            href = self.link(element.get("href", ""))
            if href is None:
                element.attrib.pop("href", None)
                element.tag = "span"
            else:
                element.set("href", href)
        for element in list(root.iter("img")):
            src = self.image(element.get("src", ""))
            if src is None:  # a picture that is not one of ours: its words instead
                alt = element.get("alt", "")
                element.attrib.clear()
                element.tag = "span"
                element.text = alt
            else:
                element.set("src", src)
                element.set("loading", "lazy")

    def image(self, src: str) -> str | None:
        # The guides write ../img/x.png (docs/guide/README.md), the path from the guide's own file.
        name = next((src.removeprefix(p) for p in IMAGE_PREFIXES if src.startswith(p)), "")
        return self.image_url(name) if image_path(name) else None

    def link(self, href: str) -> str | None:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return (
                href
                if parts.scheme in _WEB_SCHEMES and (parts.netloc or parts.scheme in {"mailto", "tel"})
                else None
            )
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if not parts.path:
            return fragment or None
        if parts.path.startswith(IMAGE_PREFIXES):
            return self.image(parts.path)
        target = guide_target(self.language, parts.path)
        if target is None:
            return None
        slug, language = target
        return self.guide_url(slug, language) + fragment


def guide_target(language: str, path: str) -> tuple[str | None, str] | None:
    """(slug, language) of a relative link from a guide in `language`; (None, language) for the
    list (README.md); None for anything that is not a guide."""
    target = posixpath.normpath(posixpath.join(language, path))
    if target == "README.md":
        return None, language
    match = re.fullmatch(r"(id|en)/([a-z-]+)\.md", target)
    if match and match[2] in GUIDES:
        return match[2], match[1]
    return None


class _LinksExtension(Extension):
    def __init__(self, **options):
        self.options = options
        super().__init__()

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # After "inline", when links and images are elements; before the prettifier.
        md.treeprocessors.register(_Links(md, **self.options), "sebaya_links", 15)


def render_markdown(text: str, *, language: str, guide_url: Callable, image_url: Callable):
    """(html, sections) of one guide's Markdown; raw HTML is escaped, never passed through."""
    md = markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            "toc",
            _LinksExtension(language=language, guide_url=guide_url, image_url=image_url),
        ],
        output_format="html",
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(text)
    sections = tuple((token["id"], token["name"]) for token in md.toc_tokens if token["level"] == 2)
    # Python-Markdown escapes the text of every element; raw HTML is off (above).
    return mark_safe(html), sections  # noqa: S308  # nosec B308, B703


def title_of(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return first.removeprefix("# ").strip() if first.startswith("# ") else ""


def available(slug: str, language: str) -> str | None:
    """The language the guide can be read in: the one asked for, else the other, else None."""
    if slug not in GUIDES:
        return None
    for candidate in (language, *LANGUAGES):
        if candidate in LANGUAGES and source_path(slug, candidate).is_file():
            return candidate
    return None


def guide_url(slug: str | None, language: str) -> str:
    """The guide's page inside Sebaya in that language (the list of guides for None)."""
    path = reverse("guide", kwargs={"role": slug}) if slug else reverse("guide_index")
    return f"{path}?lang={language}"


def image_url(name: str) -> str:
    return reverse("guide_image", kwargs={"name": name})


def image_file_url(name: str) -> str:
    """For the PDF: the file itself, read by WeasyPrint from disk (the name is checked first)."""
    path = image_path(name)
    return path.as_uri() if path else ""


IMAGE_URLS = {"page": image_url, "pdf": image_file_url}


def render(slug: str, language: str, *, target: str = "page") -> Rendered | None:
    """The guide in `language` (or the other one when it is not written yet), or None. `target`
    says where its pictures are read from: "page" (a URL of Sebaya) or "pdf" (the file)."""
    found = available(slug, language)
    if found is None:
        return None
    return _render(slug, found, source_path(slug, found).stat().st_mtime_ns, target)


@lru_cache(maxsize=64)
def _render(slug: str, language: str, mtime_ns: int, target: str) -> Rendered:
    text = source_path(slug, language).read_text(encoding="utf-8")
    title = title_of(text)
    body = text.split("\n", 1)[1] if title else text  # the page prints the title above its contents
    urls = {"guide_url": guide_url, "image_url": IMAGE_URLS[target]}
    html, sections = render_markdown(body, language=language, **urls)
    return Rendered(slug, language, title, html, sections)


def titles(language: str) -> dict[str, str]:
    """{slug: title} of every guide that can be read, in `language` where it is written."""
    found = {}
    for slug in GUIDES:
        written = available(slug, language)
        if written:
            path = source_path(slug, written)
            found[slug] = _title(path, path.stat().st_mtime_ns)
    return found


@lru_cache(maxsize=64)
def _title(path: Path, mtime_ns: int) -> str:
    return title_of(path.read_text(encoding="utf-8"))
