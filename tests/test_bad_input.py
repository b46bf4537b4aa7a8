"""Garbage in every field of every form: a clear refusal, never a server error.

For each kind of user, the test opens every page of the access matrix that this user may open,
reads the forms on it (their fields and the values they show), and then sends each form again
with one field at a time replaced by garbage: bad UUIDs, integers too large for any database
column, NUL characters (PostgreSQL refuses them in text), floats, very long text, empty values
and lists where one value is expected. Pages of the matrix that show no form for this user are
posted to anyway (405 means "takes no POST"), with the garbage in every field name seen anywhere.

Any answer below 500 is fine; an exception or a 500 fails, naming the URL, the field and the
value. A 400 must leave every table as it was (the audit trail and sessions aside). Each request
runs in a savepoint that is rolled back afterwards, so one request never changes what the next one
sees, and new URLs of the matrix (and their forms) join the test by themselves.
"""

from __future__ import annotations

import logging
import re
import traceback
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import Resolver404, resolve, reverse

from conftest import make_person
from sebaya.people.models import Role
from sebaya.support import services as support_services
from sebaya.support.models import SupporterProfile
from tests import test_access_matrix
from tests.test_access_matrix import MATRIX, Auth, Org, Public, PublicOrg, SignedIn

objects = test_access_matrix.objects  # the matrix's records of both organizations (a fixture)

LONG = "panjang " * 2500  # 20,000 characters
# For every field.
GARBAGE: list = [
    "",
    "not-a-uuid",
    str(10**20),  # above any integer column
    "a\x00b",  # PostgreSQL refuses NUL in text
    LONG,
    ["1", "2"],  # a list where one value is expected
]
# Fields that may hold a number or an id: hidden fields, choices and number inputs.
NUMBERS: list = [
    "-1",
    "40000",  # above a small integer column
    "3000000000",  # above an integer column
    str(-(10**20)),
    "1.5",
    "nan",
]
NUMBER_KINDS = {"number", "hidden", "select", "select-multiple", "radio", "checkbox", "range"}
# More for some kinds of input, by their HTML type.
BY_TYPE: dict[str, list] = {
    "date": ["9999-12-31", "0001-01-01", "2026-02-30"],
    "datetime-local": ["9999-12-31T23:59", "0001-01-01T00:00"],
    "time": ["24:00", "23:59:60"],
    "file": [
        SimpleUploadedFile("x.xlsx", b"PK\x03\x04\x00garbage"),
        SimpleUploadedFile("x.csv", b"\xff\xfe\x00\x00a\x00,b"),
    ],
}
# Tables that a refused request may still write: who looked (audit) and the browser's session.
MAY_CHANGE_ON_400 = {"audit_auditevent", "django_session"}
SKIP_FIELDS = {"csrfmiddlewaretoken"}


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> (html type, [values shown])
    submits: list = field(default_factory=list)  # named submit buttons: (name, value)


class FormReader(HTMLParser):
    """The forms on a page, with the values each field shows (what a browser would send)."""

    def __init__(self, page_path):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.options: list = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = a.get("action") or self.page_path
            self.form = Form(action=action, method=(a.get("method") or "get").lower())
            self.forms.append(self.form)
            return
        if self.form is None or (tag != "option" and not a.get("name")):
            return
        name = a.get("name")
        if tag in {"input", "button"}:
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            if kind in {"submit", "image"}:
                self.form.submits.append((name, a.get("value", "")))
            elif kind in {"checkbox", "radio"}:
                values = self.form.fields.setdefault(name, (kind, []))[1]
                if "checked" in a or (kind == "radio" and not values):
                    values[:] = [a.get("value", "on")] if kind == "radio" else [*values, a.get("value", "on")]
            else:
                self.form.fields.setdefault(name, (kind, []))[1].append(a.get("value", ""))
        elif tag == "select":
            self.select, self.options = name, []
            self.form.fields[name] = ("select-multiple" if "multiple" in a else "select", [])
        elif tag == "option" and self.select:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select and self.form is not None:
            chosen = [v for v, selected in self.options if selected]
            if not chosen and self.form.fields[self.select][0] == "select":
                chosen = [v for v, _s in self.options if v][:1]
            self.form.fields[self.select][1].extend(chosen)
            self.select = None
        elif tag == "textarea" and self.textarea and self.form is not None:
            self.form.fields[self.textarea] = ("textarea", [self.text.lstrip("\n")])
            self.textarea = None


def pages_for(kind, org, objects):
    """(matrix name, URL) of every page this kind of user may open, from the access matrix."""
    for name, entry in sorted(MATRIX.items()):
        if isinstance(entry, Org) and kind in entry.allowed:
            kwargs = {"org": org.slug, **entry.extra}
            kwargs |= {argument: objects[source][0] for argument, source in entry.extra_objects.items()}
            if entry.obj:
                kwargs[entry.obj] = objects[entry.source][0]
            yield name, reverse(name, kwargs=kwargs)
        elif isinstance(entry, PublicOrg) and kind == "anonymous":
            kwargs = {"org": org.slug} | ({"code": objects[entry.objects][0]} if entry.objects else {})
            yield name, reverse(name, kwargs=kwargs)
        elif isinstance(entry, Public) or (isinstance(entry, SignedIn) and kind != "anonymous"):
            yield name, reverse(name, kwargs=getattr(entry, "kwargs", {}))
        elif isinstance(entry, Auth) and kind in {"anonymous", "member"}:
            yield name, reverse(name, kwargs=entry.kwargs)


class _Undo(Exception):
    """Raised after a request to roll its savepoint back."""


class Writes:
    """The tables a request changes, seen in the SQL it sends (INSERT, UPDATE, DELETE)."""

    PATTERN = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = self.PATTERN.match(sql)
        # Statements that changed no row (housekeeping with nothing to do) do not count.
        if match and match.group(1) not in MAY_CHANGE_ON_400 and context["cursor"].rowcount != 0:
            self.tables.add(match.group(1))
        return result


def _short(value) -> str:
    if isinstance(value, SimpleUploadedFile):
        return f"<file {value.name}>"
    text = repr(value)
    return text if len(text) < 60 else text[:40] + f"…({len(str(value))} chars)"


class Prober:
    def __init__(self, kind, client):
        self.kind = kind
        self.client = client
        self.failures: list[str] = []
        self.requests = 0

    def send(self, method, url, data, what=""):
        """One request in a savepoint that is rolled back; returns the status (None on a crash)."""
        cookies = self.client.cookies  # signing out or a new password must not end the test's session
        self.client.cookies = type(cookies)(cookies)
        cache.clear()  # rate limits (sign-in, anonymous requests) would hide the forms behind a 429
        for value in data.values():
            if isinstance(value, SimpleUploadedFile):
                value.seek(0)
        self.requests += 1
        status = None
        try:
            writes = Writes()
            with transaction.atomic(), connection.execute_wrapper(writes):
                response = getattr(self.client, method)(url, data)
                status = response.status_code
                if status >= 500:
                    self.failures.append(f"{self.kind} {method.upper()} {url} {what}: status {status}")
                elif status == 400 and writes.tables:
                    self.failures.append(
                        f"{self.kind} {method.upper()} {url} {what}: 400 but wrote to {sorted(writes.tables)}"
                    )
                raise _Undo
        except _Undo:
            pass
        except Exception as error:
            # The last frame in Sebaya's own code: where the bad value should have been refused.
            frames = traceback.extract_tb(error.__traceback__)
            ours = [f for f in frames if "/sebaya/" in f.filename and "/.venv/" not in f.filename]
            frame = (ours or frames)[-1]
            self.failures.append(
                f"{self.kind} {method.upper()} {url} {what}: {type(error).__name__}: "
                f"{str(error)[:120]} ({frame.filename.split('/sebaya/')[-1]}:{frame.lineno})"
            )
        finally:
            self.client.cookies = cookies
        return status


def _garbage(kind: str) -> list:
    return GARBAGE + (NUMBERS if kind in NUMBER_KINDS else []) + BY_TYPE.get(kind, [])


def _read_forms(prober, kind, org, objects):
    """Every distinct form on the pages this user may open, and (name, URL) of those pages."""
    forms: dict = {}
    pages = list(pages_for(kind, org, objects))
    for _name, url in pages:
        response = prober.client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        reader = FormReader(url)
        reader.feed(response.content.decode())
        for form in reader.forms:
            key = (form.method, form.action, tuple(sorted(form.fields)), tuple(form.submits))
            forms.setdefault(key, form)
    return list(forms.values()), pages


def _url_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).url_name
    except Resolver404:
        return None  # not Sebaya's (none today)


# Pages that many kinds of user share (the same form for everyone) are probed by these only.
SHARED_BY = {"anonymous", "member", "counselor"}


def _probes(kind: str, name: str | None) -> bool:
    entry = MATRIX.get(name)
    if entry is None:
        return False
    shared = not isinstance(entry, Org) or len(entry.allowed) > 3
    return kind in SHARED_BY or not shared


@pytest.fixture
def more_forms(objects, users, student, org):
    """Records that make a few more forms appear than the access matrix's own records do."""
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    support_services.supporter_conflict_set(
        membership=supporter, person=student.person, by=users["coordinator"], present=True
    )
    # A second certified supporter: the counselor may reassign the relationship to them.
    other, _user = make_person(org, "PS-2", roles=[Role.PEER_SUPPORTER], full_name="Second Supporter")
    support_services.supporter_profile_save(membership=other, by=None, certified=True)
    return objects


@pytest.fixture(autouse=True)
def _quiet_request_log():
    # Thousands of refused requests would each log a warning.
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.mark.parametrize(
    "kind",
    [
        "anonymous",
        "member",
        "peer_supporter",
        "counselor",
        "coordinator",
        "org_admin",
        "partner",
        "field_worker",
    ],
)
def test_no_server_error_on_garbage(kind, client_as, org, more_forms):
    objects = more_forms
    prober = Prober(kind, client_as(kind))
    prober.client.raise_request_exception = True  # the exception itself, for a clear message
    forms, pages = _read_forms(prober, kind, org, objects)
    forms = [form for form in forms if _probes(kind, _url_name(form.action))]
    targets = {urlsplit(form.action).path for form in forms if form.method == "post"}
    every_name = sorted({name for form in forms for name in form.fields} - SKIP_FIELDS)
    for form in forms:
        base = {name: values[0] if len(values) == 1 else values for name, (_k, values) in form.fields.items()}
        for submit in form.submits[:3] or [None]:
            data = base | ({submit[0]: submit[1]} if submit else {})
            prober.send(form.method, form.action, data, "(as shown)")
            prober.send(form.method, form.action, {}, "(empty)")
            for name, (input_kind, _values) in form.fields.items():
                if name in SKIP_FIELDS:
                    continue
                for value in _garbage(input_kind):
                    prober.send(form.method, form.action, data | {name: value}, f"{name}={_short(value)}")
    # Pages that show this user no form posting to them may still take a POST (405: they do not).
    for name, url in pages:
        if url in targets or not _probes(kind, name):
            continue
        if prober.send("post", url, {}, "(empty, no form seen)") in {None, 405}:
            continue
        for value in GARBAGE:
            prober.send("post", url, dict.fromkeys(every_name, value), f"every field={_short(value)}")
    failures = "\n".join(prober.failures)
    assert not prober.failures, f"{len(prober.failures)} of {prober.requests} requests failed:\n{failures}"


def test_the_probes_findings_are_refused_as_bad_input(client_as, org, users, more_forms):
    """The server errors a probe found, each one by its cause: a value no form field checked."""
    from sebaya.counseling.models import Case, Partner
    from sebaya.support.models import BuddyPair, SupporterConflict, SupportRelationship

    objects = more_forms
    coordinator, counselor = client_as("coordinator"), client_as("counselor")
    # supporters/<id>/conflicts/remove/: lifting a conflict with a person id that is no UUID.
    url = reverse(
        "supporter_conflict_remove", kwargs={"org": org.slug, "person": objects["supporter_person"][0]}
    )
    assert coordinator.post(url, {"person": "x"}).status_code == 302
    assert SupporterConflict.objects.count() == 1
    # buddies/<batch>/pairs/: a pair that is not a whole number.
    url = reverse("buddy_pair_edit", kwargs={"org": org.slug, "batch": objects["batch"][0]})
    pairs = list(BuddyPair.objects.values_list("pk", "buddy_id"))
    for pair in ("1.5", "nan", str(10**20), "x"):
        assert coordinator.post(url, {"pair": pair, "buddy": str(uuid.uuid4())}).status_code == 302
    assert list(BuddyPair.objects.values_list("pk", "buddy_id")) == pairs
    # cases/<id>/edit/ and partners/new/: an id too large for the database.
    case = Case.objects.get(pk=objects["case"][0])
    url = reverse("case_edit", kwargs={"org": org.slug, "case": case.pk})
    data = {"summary": "Baru", "domain": "pribadi", "version": case.version, "counselors": str(10**20)}
    assert counselor.post(url, data).status_code == 400
    assert Case.objects.get(pk=case.pk).summary == case.summary
    url = reverse("partner_new", kwargs={"org": org.slug})
    response = counselor.post(url, {"name": "Mitra Baru", "kind": "psychologist", "users": [str(-(10**20))]})
    assert response.status_code == 400 and not Partner.objects.filter(name="Mitra Baru").exists()
    # A NUL in a note that went to the database without a form (PostgreSQL refuses it).
    relationship = SupportRelationship.objects.get(pk=objects["relationship"][0])
    other = SupporterProfile.objects.get(membership__external_id="PS-2")
    url = reverse("relationship_reassign", kwargs={"org": org.slug, "relationship": relationship.pk})
    assert counselor.post(url, {"supporter": str(other.pk), "note": "a\x00b"}).status_code == 302
    assert SupportRelationship.objects.get(pk=relationship.pk).supporter_id == relationship.supporter_id


def test_a_forged_form_count_is_refused_without_building_the_forms(client_as, org):
    """Django builds (and shows again) up to 1,000 forms for a posted count; ours stop at 30."""
    url = reverse("org_settings", kwargs={"org": org.slug})
    data = {"name": "SMA Test", "kind": "school", "timezone": "Asia/Jakarta", "alert_ack_minutes": "15"}
    data |= {"contacts-TOTAL_FORMS": str(10**6), "contacts-INITIAL_FORMS": "0"}
    response = client_as("org_admin").post(url, data)
    assert response.status_code == 400
    assert len(re.findall(r'name="contacts-\d+-name"', response.content.decode())) <= 30
    assert org.crisis_contacts.count() == 1
