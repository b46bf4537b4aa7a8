r"""The translation catalogs stay complete, correct and compiled.

Bahasa Indonesia is the default language and English is complete, so every source string must be
translated in both catalogs, keep its placeholders, and be compiled into the committed .mo files.

To bring the catalogs up to date after adding or changing strings (run from the repository root):

    .venv/bin/sebaya makemessages -l id -l en --no-location --no-obsolete \
        -i ".venv/*" -i "tests/*" -i "build/*"
    # translate the new or fuzzy entries in sebaya/locale/id/LC_MESSAGES/django.po (no "#, fuzzy" left);
    # in sebaya/locale/en/LC_MESSAGES/django.po the msgstr is the msgid (msgstr[1] is the msgid_plural)
    .venv/bin/sebaya compilemessages -l id -l en -i ".venv"

and commit both .po and both .mo files.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "sebaya" / "locale"
LANGUAGES = {
    # language: the Plural-Forms its catalog must declare
    "id": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
}
# The same flags as the documented makemessages command above.
MAKEMESSAGES_OPTIONS = ["--no-location", "--no-obsolete", "-i", ".venv/*", "-i", "tests/*", "-i", "build/*"]

PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\d+|\*)?(?:\.\d+)?(?P<type>[diouxXeEfFgGcrsa%])"
)


def po_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def mo_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.mo"


def load_po(language):
    path = po_path(language)
    assert path.is_file(), f"{path} is missing: run makemessages (see this module's docstring)"
    return polib.pofile(str(path))


def key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def placeholders(text):
    """Python-format placeholders of `text`: named ones as a multiset, positional ones in order."""
    named, positional = Counter(), []
    for match in PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is not None:
            named[(match["name"], match["type"])] += 1
        else:
            positional.append(match["type"])
    return named, positional


def forms(entry, nplurals):
    """(index, msgstr, the source text it translates) for every form of `entry`."""
    if not entry.msgid_plural:
        return [(None, entry.msgstr, entry.msgid)]
    return [
        (i, entry.msgstr_plural.get(i, ""), entry.msgid if (i == 0 and nplurals > 1) else entry.msgid_plural)
        for i in range(nplurals)
    ]


def nplurals_of(po):
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match[1]) if match else 2


def untranslated_problems(po):
    nplurals = nplurals_of(po)
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        for index, msgstr, _source in forms(entry, nplurals):
            if not msgstr:
                where = "" if index is None else f" (msgstr[{index}])"
                problems.append(f"untranslated{where}: {entry.msgid!r}")
        if entry.msgid_plural and set(entry.msgstr_plural) - set(range(nplurals)):
            problems.append(f"more plural forms than nplurals={nplurals}: {entry.msgid!r}")
    return problems


def placeholder_problems(po):
    nplurals = nplurals_of(po)
    problems = []
    for entry in po:
        if entry.obsolete or "python-format" not in entry.flags:
            continue
        for index, msgstr, source in forms(entry, nplurals):
            if msgstr and placeholders(msgstr) != placeholders(source):
                where = "" if index is None else f"[{index}]"
                problems.append(
                    f"{entry.msgid!r}: msgstr{where} {msgstr!r} does not keep the placeholders of {source!r}"
                )
    return problems


def translated_pairs_of_po(po):
    """What msgfmt compiles: every translated, non-fuzzy entry, keyed like the .mo."""
    pairs = set()
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
            continue
        if entry.msgid_plural:
            pairs.add((*key(entry), tuple(sorted(entry.msgstr_plural.items()))))
        else:
            pairs.add((*key(entry), entry.msgstr))
    return pairs


def translated_pairs_of_mo(mo):
    pairs = set()
    for entry in mo:
        if entry.msgid == "" and not entry.msgctxt:
            continue  # the header
        if entry.msgid_plural:
            pairs.add((*key(entry), tuple(sorted(entry.msgstr_plural.items()))))
        else:
            pairs.add((*key(entry), entry.msgstr))
    return pairs


# The checkers above must catch what they are meant to catch.


def make_catalog(plural_forms, *entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": plural_forms}
    for entry in entries:
        po.append(entry)
    return po


def test_checkers_catch_untranslated_fuzzy_and_missing_plural_forms():
    po = make_catalog(
        LANGUAGES["en"],
        polib.POEntry(msgid="Save", msgstr=""),
        polib.POEntry(msgid="Cancel", msgstr="Cancel", flags=["fuzzy"]),
        polib.POEntry(msgid="%(n)s row", msgid_plural="%(n)s rows", msgstr_plural={0: "%(n)s row", 1: ""}),
        polib.POEntry(msgid="Print", msgstr="Print"),
    )
    problems = untranslated_problems(po)
    assert len(problems) == 3
    assert any("'Save'" in p for p in problems)
    assert any("fuzzy" in p and "'Cancel'" in p for p in problems)
    assert any("msgstr[1]" in p for p in problems)


def test_checkers_catch_dropped_or_renamed_placeholders():
    po = make_catalog(
        LANGUAGES["id"],
        polib.POEntry(msgid="Edit %(name)s", msgstr="Ubah", flags=["python-format"]),
        polib.POEntry(
            msgid="Page %(n)s of %(total)s", msgstr="Halaman %(n)s dari %(jumlah)s", flags=["python-format"]
        ),
        polib.POEntry(msgid="%(n)s%% done", msgstr="%(n)d%% selesai", flags=["python-format"]),
        polib.POEntry(
            msgid="One row",
            msgid_plural="%(n)s rows",
            msgstr_plural={0: "Satu baris"},
            flags=["python-format"],
        ),
        polib.POEntry(msgid="Contacts at %(name)s", msgstr="Kontak di %(name)s", flags=["python-format"]),
        polib.POEntry(msgid="%(a)s and %(b)s", msgstr="%(b)s dan %(a)s", flags=["python-format"]),
    )
    problems = placeholder_problems(po)
    assert [p.split(":")[0] for p in problems] == [
        "'Edit %(name)s'",
        "'Page %(n)s of %(total)s'",
        "'%(n)s%% done'",
        "'One row'",
    ]


def test_checkers_see_a_stale_mo(tmp_path):
    def entries():
        return [
            polib.POEntry(msgid="Save", msgstr="Simpan"),
            polib.POEntry(
                msgid="%(n)s person", msgid_plural="%(n)s people", msgstr_plural={0: "%(n)s orang"}
            ),
        ]

    po = make_catalog(LANGUAGES["id"], *entries())
    po.save_as_mofile(str(tmp_path / "django.mo"))
    assert translated_pairs_of_po(po) == translated_pairs_of_mo(polib.mofile(str(tmp_path / "django.mo")))

    changed = make_catalog(LANGUAGES["id"], *entries())
    changed[0].msgstr = "Simpan sekarang"
    added = make_catalog(LANGUAGES["id"], *entries(), polib.POEntry(msgid="Print", msgstr="Cetak"))
    for newer_po in (changed, added):
        assert translated_pairs_of_po(newer_po) != translated_pairs_of_mo(
            polib.mofile(str(tmp_path / "django.mo"))
        )


# The committed catalogs.


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_header(language):
    po = load_po(language)
    assert not po.metadata_is_fuzzy, "remove '#, fuzzy' from the header"
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == LANGUAGES[language]
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"
    assert po.encoding.lower() == "utf-8"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(language):
    po = load_po(language)
    assert len([e for e in po if not e.obsolete]) > 100, "the catalog is suspiciously small"
    problems = untranslated_problems(po)
    assert not problems, f"{po_path(language)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    problems = placeholder_problems(load_po(language))
    assert not problems, f"{po_path(language)}:\n" + "\n".join(problems)


def test_english_catalog_repeats_the_source_strings():
    po = load_po("en")
    wrong = [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and (
            ({0: entry.msgid, 1: entry.msgid_plural} != entry.msgstr_plural)
            if entry.msgid_plural
            else entry.msgstr != entry.msgid
        )
    ]
    assert not wrong, "English msgstr must equal the msgid:\n" + "\n".join(map(repr, wrong))


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_its_po(language):
    path = mo_path(language)
    assert path.is_file(), f"{path} is missing: run compilemessages (see this module's docstring)"
    po = load_po(language)
    mo = polib.mofile(str(path))
    from_po, from_mo = translated_pairs_of_po(po), translated_pairs_of_mo(mo)
    stale = sorted(repr(pair[1]) for pair in from_po ^ from_mo)
    assert not stale, (
        f"{path} is older than or differs from its .po; run compilemessages. Differs on:\n"
        + "\n".join(stale[:20])
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


def test_django_serves_the_committed_catalogs():
    with translation.override("id"):
        assert translation.gettext("Need help now?") == "Butuh bantuan sekarang?"
        assert translation.ngettext("%(n)s person", "%(n)s people", 3) % {"n": 3} == "3 orang"
    with translation.override("en"):
        assert translation.gettext("Need help now?") == "Need help now?"
        assert translation.ngettext("%(n)s person", "%(n)s people", 1) % {"n": 1} == "1 person"


# Every string in the code and templates is in the catalogs.

RUN_MAKEMESSAGES = """
import os, sys
project = sys.argv[1]
sys.path.insert(0, project)
os.environ["DJANGO_SETTINGS_MODULE"] = "sebaya.settings"
import django
django.setup()
import sebaya
from django.conf import settings
copy = os.path.realpath(project) + os.sep
# Never let this touch the real catalogs: the copy's package and locale paths must be the ones in use.
if not os.path.realpath(sebaya.__file__).startswith(copy) or not all(
    os.path.realpath(str(path)).startswith(copy) for path in settings.LOCALE_PATHS
):
    sys.exit("makemessages would not run on the temporary copy")
from django.core.management import call_command
call_command("makemessages", *sys.argv[2:])
"""


@pytest.fixture(scope="module")
def source_catalog(tmp_path_factory):
    """The id catalog makemessages builds from the current code and templates, in a copy of the project."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        # Fail, never skip: a skipped check would let untranslated strings through unnoticed.
        pytest.fail("GNU gettext is missing: apt-get install gettext (./dev test installs it)")
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(
        ROOT / "sebaya", project / "sebaya", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "locale")
    )
    (project / "sebaya" / "locale").mkdir()
    env = {**os.environ, "SEBAYA_ENV": "development", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", RUN_MAKEMESSAGES, str(project), "-l", "id", *MAKEMESSAGES_OPTIONS],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    generated = project / "sebaya" / "locale" / "id" / "LC_MESSAGES" / "django.po"
    assert generated.is_file(), f"makemessages wrote no catalog:\n{result.stdout}\n{result.stderr}"
    return polib.pofile(str(generated))


def test_makemessages_finds_the_source_strings(source_catalog):
    found = {key(entry) for entry in source_catalog}
    assert len(found) > 100
    assert ("", "Need help now?", "") in found


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_every_string_of_the_code_and_templates(source_catalog, language):
    committed = {key(entry) for entry in load_po(language) if not entry.obsolete}
    missing = sorted({key(entry) for entry in source_catalog} - committed)
    assert not missing, (
        f"{len(missing)} strings of the code and templates are not in {po_path(language)}; "
        "run makemessages and translate them (see this module's docstring):\n"
        + "\n".join(repr(msgid if not plural else (msgid, plural)) for _ctx, msgid, plural in missing)
    )
