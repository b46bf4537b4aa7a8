"""The user guides (docs/guide/): every picture and link still exists, every declared screenshot is
shown, every page a screenshot opens is still a page of Sebaya, and every guide reads inside Sebaya
and prints, in both languages."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape

from conftest import in_english
from sebaya.help import guides
from sebaya.people.models import Role

pytestmark = pytest.mark.django_db

GUIDE_DIR = guides.guide_dir()
SOURCES = sorted(GUIDE_DIR.glob("*/*.md"))
SHOT_FILES = sorted((GUIDE_DIR / "shots").glob("*.toml"))
SHOT_KEYS = {"file", "user", "path", "size", "full_page", "click", "scroll_to", "lang"}
# Markdown links and images: [text](target) and ![alt](target), with an optional "title".
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
PAIRS = [(slug, language) for slug in guides.GUIDES for language in guides.LANGUAGES]


def links(path: Path) -> list[tuple[bool, str]]:
    """(is an image, target) of every link in a Markdown file, code blocks left out."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)  # and inline code
    return [(bang == "!", target) for bang, target in LINK.findall(text)]


def declared_shots() -> dict[str, dict]:
    shots = {}
    for toml in SHOT_FILES:
        for shot in tomllib.loads(toml.read_text(encoding="utf-8")).get("shot", []):
            assert shot["file"] not in shots, f"{toml.name}: {shot['file']} is declared twice"
            shots[shot["file"]] = shot | {"_role": toml.stem}
    return shots


def referenced_images() -> dict[str, list[str]]:
    """{image file name: the guides showing it}, from every guide (README.md has none)."""
    found: dict[str, list[str]] = {}
    for source in SOURCES:
        for is_image, target in links(source):
            if is_image or target.startswith(guides.IMAGE_PREFIXES):
                name = next(
                    (target.removeprefix(p) for p in guides.IMAGE_PREFIXES if target.startswith(p)), target
                )
                found.setdefault(name, []).append(str(source.relative_to(GUIDE_DIR)))
    return found


# --- The files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "language"), PAIRS)
def test_every_guide_is_written_in_both_languages(slug, language):
    path = guides.source_path(slug, language)
    assert path.is_file(), f"docs/guide/{language}/{slug}.md is missing"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{language}/{slug}.md does not start with its # title"
    last = re.findall(r"^## (.+)$", text, flags=re.M)[-1:]
    if slug in guides.ROLE_GUIDES:
        ending = {"id": "Kalau ada masalah", "en": "When something goes wrong"}[language]
        assert last == [ending], f"{language}/{slug}.md should end with ## {ending}"


def test_no_guide_outside_the_list():
    known = {f"{language}/{slug}.md" for slug, language in PAIRS}
    assert {str(p.relative_to(GUIDE_DIR)) for p in SOURCES} <= known


def test_every_picture_a_guide_shows_exists_and_is_declared():
    declared = declared_shots()
    for name, shown_in in referenced_images().items():
        assert guides.IMAGE_NAME.fullmatch(name), f"{shown_in}: a picture must be ../img/<name>.png: {name}"
        assert (GUIDE_DIR / "img" / name).is_file(), f"{shown_in} show img/{name}, which does not exist"
        assert name in declared, f"{shown_in} show img/{name}, which no shots/*.toml declares"


def test_every_declared_shot_is_shown_by_a_guide_and_nothing_else_is_in_img():
    shown = referenced_images()
    declared = declared_shots()
    orphans = sorted(f"{shot['_role']}.toml: {name}" for name, shot in declared.items() if name not in shown)
    assert orphans == [], "declared screenshots no guide shows"
    stray = sorted(p.name for p in (GUIDE_DIR / "img").glob("*") if p.name not in declared)
    assert stray == [], "files in docs/guide/img/ that no shots/*.toml declares"


def test_every_relative_link_resolves():
    broken = []
    for source in [*SOURCES, GUIDE_DIR / "README.md"]:
        for _is_image, target in links(source):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue
            path = target.split("#")[0]
            # From the guide's own folder, as GitHub reads it: pictures are ../img/x.png.
            base = source.parent
            if not (base / path).resolve().exists():
                broken.append(f"{source.relative_to(GUIDE_DIR)}: {target}")
    assert broken == []


def test_every_shot_opens_a_page_of_sebaya():
    for name, shot in declared_shots().items():
        where = f"{shot['_role']}.toml: {name}"
        assert set(shot) - {"_role"} <= SHOT_KEYS, f"{where}: unknown keys"
        assert shot["size"] in {"phone", "laptop"}, where
        assert shot.get("lang", "id") in guides.LANGUAGES, where
        assert isinstance(shot["user"], str), where
        try:
            resolve(shot["path"].split("?")[0])
        except Resolver404:
            pytest.fail(f"{where}: {shot['path']} is no page of Sebaya")


# --- Inside Sebaya --------------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "language"), PAIRS)
def test_every_guide_reads_inside_sebaya_with_its_pictures_and_links(client, slug, language):
    response = client.get(reverse("guide", kwargs={"role": slug}), {"lang": language})
    assert response.status_code == 200
    html = response.content.decode()
    article = re.search(r'<article class="guide".*?</article>', html, re.S).group(0)
    title = guides.source_path(slug, language).read_text(encoding="utf-8").splitlines()[0][2:]
    assert "<h1" in article and escape(title) in article
    images = re.findall(r'<img [^>]*src="([^"]+)"', article)
    expected = [t for is_image, t in links(guides.source_path(slug, language)) if is_image]
    assert len(images) == len(expected)
    for src in set(images):
        assert client.get(src).status_code == 200, src
    for href in set(re.findall(r'href="(/panduan/[^"#]*)', article)):
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize(("slug", "language"), PAIRS)
def test_every_guide_prints_as_one_pdf_with_its_pictures(client, slug, language):
    from pypdf import PdfReader

    response = client.get(reverse("guide_pdf", kwargs={"role": slug}), {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pictures = {t for is_image, t in links(guides.source_path(slug, language)) if is_image}
    embedded = sum(len(page.images) for page in reader.pages)
    assert embedded >= len(pictures), f"{embedded} pictures in the PDF, {len(pictures)} in the guide"
    text = " ".join(page.extract_text() for page in reader.pages[:1])
    first_section = re.search(r"^## (.+)$", guides.source_path(slug, language).read_text("utf-8"), re.M)
    assert first_section is None or first_section[1].split()[0].strip("*") in text


# --- The rendering ------------------------------------------------------------------------------


def render(text: str, language: str = "id"):
    return guides.render_markdown(
        text, language=language, guide_url=guides.guide_url, image_url=guides.image_url
    )[0]


def test_raw_html_is_shown_as_text_never_passed_through():
    html = render(
        'Hello <script>alert(1)</script>\n\n<div onclick="x()">block</div>\n\n<img src=x onerror=y>'
    )
    assert "<script" not in html and "<div" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_links_to_guides_open_them_inside_sebaya_and_other_links_are_kept_or_dropped():
    html = render(
        "[a](guru-bk.md#alert) [b](../en/admin.md) [c](../README.md) [d](../../SECURITY.md) "
        "[e](javascript:alert(1)) [f](https://example.org/x) [g](nope.md)"
    )
    assert 'href="/panduan/guru-bk/?lang=id#alert"' in html
    assert 'href="/panduan/admin/?lang=en"' in html
    assert 'href="/panduan/?lang=id"' in html
    assert 'href="https://example.org/x"' in html
    assert "javascript" not in html.split("<span>e</span>")[0] and "<span>e</span>" in html
    assert "<span>d</span>" in html and "<span>g</span>" in html


def test_only_our_pictures_are_shown_and_the_rest_keep_their_words(tmp_path, settings):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "here.png").write_bytes(b"png")
    settings.BASE_DIR = tmp_path / "pkg"  # docs/guide is found beside the package
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide").symlink_to(tmp_path)
    html = render(
        "![shown](../img/here.png) ![gone](../img/gone.png) ![far](https://example.org/x.png) ![up](../x.png)"
    )
    assert html.count("<img") == 1 and 'src="/panduan/img/here.png"' in html
    assert "gone" in html and "far" in html and "example.org" not in html


@pytest.mark.parametrize("name", ["../settings.py", "x.PNG", "a/b.png", ".png", "x.png.txt", "missing.png"])
def test_the_picture_page_serves_only_existing_plain_names(client, name):
    assert client.get(f"/panduan/img/{name}").status_code == 404


def test_an_unknown_guide_is_not_found(client):
    assert client.get("/panduan/nobody/").status_code == 404
    assert client.get("/panduan/nobody.pdf").status_code == 404


# --- Whose guide ----------------------------------------------------------------------------------


def test_every_role_has_a_guide():
    assert set(guides.GUIDE_OF_ROLE) == set(Role)
    assert set(guides.GUIDE_OF_ROLE.values()) | {guides.NETWORK_GUIDE} == set(guides.ROLE_GUIDES)


def test_someone_with_several_roles_gets_the_one_they_act_as_first(users, org):
    from sebaya.people.models import MembershipRole

    counselor = users["counselor"]
    membership = counselor.person.memberships.get(organization=org)
    MembershipRole.objects.create(membership=membership, role=Role.COORDINATOR)
    assert guides.guides_for(counselor) == ["koordinator", "guru-bk", "hari-pertama"]
    assert guides.guides_for(counselor, Role.COUNSELOR)[0] == "guru-bk"
    assert guides.guides_for(users["network_viewer"]) == ["dinas"]
    assert guides.guides_for(users["member"]) == ["siswa"]


@pytest.mark.parametrize(
    ("kind", "slug"), [("counselor", "guru-bk"), ("org_admin", "admin"), ("member", "siswa")]
)
def test_the_menu_opens_the_guide_of_the_role_in_use(client_as, org, kind, slug):
    html = client_as(kind).get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    assert f'<a href="/panduan/{slug}/" id="menu-guide"' in html


def test_the_guide_names_the_readers_other_guides(client_as, users, org):
    html = client_as("coordinator").get(reverse("guide", kwargs={"role": "koordinator"})).content.decode()
    assert 'id="guide-others"' in html and "/panduan/hari-pertama/" in html
    # Signed out: the guide, without a list of one's own.
    from django.test import Client

    html = Client().get(reverse("guide", kwargs={"role": "koordinator"})).content.decode()
    assert 'id="guide-others"' not in html


def test_the_guide_follows_the_readers_language(client):
    english = guides.source_path("guru-bk", "en").read_text(encoding="utf-8").splitlines()[0][2:]
    html = in_english(client).get(reverse("guide", kwargs={"role": "guru-bk"})).content.decode()
    assert escape(english) in html
    assert '<html lang="en"' in html
