"""Indonesian pages read as Indonesian: no English words left on them.

Every page a person can open with a GET (the pages of the access matrix) is rendered in
Indonesian for each role that may see it, and its visible text is searched for English words
that should never appear there: button verbs ("Save", "Open"), screening band names ("moderate"),
English workflow words ("Follow-up"). A hit is a string missing from the catalog, a msgstr left
in English, English hard-coded in a template or in Python, or an English text in a data file.

What is not searched: scripts and styles, and anything marked `lang="en"` (the language switcher
names English in English on purpose, so that a reader of English can find it).
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.test_access_matrix import (  # noqa: F401  (objects is a fixture used by name)
    MATRIX,
    Auth,
    Network,
    Org,
    Public,
    PublicOrg,
    SignedIn,
    objects,
)

# Whole words, case-sensitive: "Open" is English on a button, while "open" may be part of a
# proper name in a citation; the test users are called "counselor", "peer_supporter", … so
# lower-case role names are not listed. Words that are also Indonesian ("Status", "Email", "Minimal",
# "Normal", "Panel", "Supervisor", "Item") are not listed.
# A few words a line reads better than one a line.
# fmt: off
ENGLISH_WORDS = [
    # buttons and links
    "Open", "Save", "Cancel", "Submit", "Edit", "Delete", "Remove", "Back", "Next", "Previous",
    "Send", "Confirm", "Continue", "Close", "Add", "Update", "Upload", "Download", "Print",
    "Search", "Filter", "Settings", "Loading", "Required", "Optional", "Change", "Choose",
    "Select", "Sign in", "Sign out", "Log in", "Log out", "Forgot", "Password", "Username",
    # workflow words
    "Follow-up", "follow-up", "Follow up", "Check-in", "check-in", "Screening", "Referral",
    "Counselor", "Peer supporter", "Alert", "Request",
    "Two-step", "two-step", "Two-factor", "Authenticator", "Recovery codes",
    # bands and results
    "mild", "Mild", "moderate", "Moderate", "moderately", "Moderately", "severe", "Severe",
    "Likely depression", "wellbeing", "Wellbeing", "Below the cut-off",
    # times of day and small words that give away an English sentence
    "morning", "afternoon", "evening", "Yes", "None", "Unknown", "Version", "This field",
    "Forbidden", "Not Found", "Page not found", "Server Error",
]
# fmt: on
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")(?![\w-])")
VISIBLE_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}


class VisibleText(HTMLParser):
    """The text a person sees or hears: element text, labels in attributes, button values."""

    # Textareas hold what people wrote (the module editor shows the English text of a module
    # in its English field), not the interface.
    SKIPPED = {"script", "style", "template", "textarea"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = []  # stack of open elements, True where their content is not searched

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in self.SKIPPED or (attrs.get("lang") or "").startswith("en")
        skip = skip or (bool(self.skipping) and self.skipping[-1])
        if not skip:
            self.parts.extend(v for k, v in attrs.items() if k in VISIBLE_ATTRIBUTES and v)
            if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in self.VOID:
            self.skipping.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not (self.skipping and self.skipping[-1]):
            self.parts.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_in(html):
    text = visible_text(html)
    return sorted(
        {f"{m[0]!r} in …{text[max(0, m.start() - 40) : m.end() + 40]}…" for m in PATTERN.finditer(text)}
    )


def test_the_checker_finds_english_and_skips_what_is_english_on_purpose():
    page = """<html><body><script>var Open = 1;</script>
      <select><option lang="en">English</option><option lang="id">Bahasa Indonesia</option></select>
      <p>Hasil: <b>moderate</b></p><input type="submit" value="Save"><a title="Edit">Ubah</a>
      <p>Pendapat Anda minimal dan normal</p></body></html>"""
    found = [hit.split(" in ")[0] for hit in english_in(page)]
    assert found == ["'Edit'", "'Save'", "'moderate'"]


def pages():
    """(name, kind) for every page opened with a GET, as each kind of user allowed to see it."""
    for name, entry in sorted(MATRIX.items()):
        if getattr(entry, "method", "get") != "get":
            continue
        if isinstance(entry, Org):
            if 200 in entry.ok:
                yield from ((name, str(kind)) for kind in sorted(entry.allowed))
        elif isinstance(entry, PublicOrg):
            if entry.status != 404:  # the error pages are not this test's (yet)
                yield from ((name, kind) for kind in ("anonymous", "member"))
        elif isinstance(entry, Auth):
            if entry.anonymous == 200:
                yield name, "anonymous"
            if entry.signed_in == 200:
                yield name, "counselor"
        elif isinstance(entry, SignedIn):
            yield from ((name, kind) for kind in ("member", "counselor"))
        elif isinstance(entry, Public):
            if entry.status != 404:
                yield from ((name, kind) for kind in ("anonymous", "member"))
        elif isinstance(entry, Network):
            yield name, "network_viewer"


def url_of(name, kind, org, network, objects):  # noqa: F811
    entry = MATRIX[name]
    if isinstance(entry, Org):
        kwargs = {"org": org.slug, **entry.extra}
        kwargs |= {argument: objects[source][0] for argument, source in entry.extra_objects.items()}
        if entry.obj:
            kwargs[entry.obj] = objects[entry.source][0]
        return reverse(name, kwargs=kwargs)
    if isinstance(entry, PublicOrg):
        kwargs = {"org": org.slug}
        if entry.objects:
            kwargs["code"] = objects[entry.objects][0]
        return reverse(name, kwargs=kwargs)
    if isinstance(entry, Network):
        return reverse(name, kwargs={"network": network.slug, **entry.extra})
    return reverse(name, kwargs=entry.kwargs)


PAGES = list(pages())


@pytest.mark.parametrize(("name", "kind"), PAGES, ids=[f"{n}-{k}" for n, k in PAGES])
def test_no_english_words_on_indonesian_pages(name, kind, client_as, org, network, objects):  # noqa: F811
    client = client_as(kind)
    client.cookies["sebaya_language"] = "id"
    response = client.get(url_of(name, kind, org, network, objects), follow=True)
    if not response.get("Content-Type", "").startswith("text/html"):
        return  # PDFs and files are checked by their own tests
    assert response.status_code == 200, (name, kind, response.status_code)
    html = response.content.decode()
    if "<html" in html:  # a whole page, not a fragment loaded into one
        assert '<html lang="id"' in html, (name, kind, "the page is not rendered in Indonesian")
    assert not english_in(html), f"{name} as {kind}: English on an Indonesian page:\n" + "\n".join(
        english_in(html)
    )
