"""Roster import: check a file against the organization, then write every row or none."""

from __future__ import annotations

import secrets
from dataclasses import asdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.people.models import Membership, MembershipRole, Person, Role
from sebaya.roster.models import RosterImport
from sebaya.roster.parsing import Row, parse_rows, read_table

PERSON_FIELDS = ("full_name", "preferred_name", "gender", "birth_date", "guardian_name", "guardian_phone", "guardian_email")
MEMBERSHIP_FIELDS = ("grade", "class_name", "unit")
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed by students


class RosterChanged(Exception):
    """Rows that were fine at preview are no longer fine (someone changed data meanwhile)."""


def roster_preview(*, organization, uploaded_by, name: str, content: bytes) -> RosterImport:
    """Read and check a file; store the checked rows for the admin to confirm. Raises RosterFileError."""
    header, table = read_table(name=name, content=content, max_rows=settings.ROSTER_MAX_ROWS)
    rows, columns, _ignored = parse_rows(header, table)
    roster_check(organization=organization, rows=rows)
    return RosterImport.objects.create(
        organization=organization,
        uploaded_by=uploaded_by,
        file_name=name[:200],
        row_count=len(rows),
        new_count=sum(1 for r in rows if r.action == "new" and not r.errors),
        update_count=sum(1 for r in rows if r.action == "update" and not r.errors),
        error_count=sum(1 for r in rows if r.errors),
        columns=columns,
        rows=[asdict(row) for row in rows],
    )


def roster_check(*, organization, rows: list[Row]) -> None:
    """Add the errors that depend on what is already in the database, and decide new/update."""
    identifiers = {r.values["identifier"].lower(): r for r in rows if r.values.get("identifier")}
    existing = {
        m.external_id.lower(): m
        for m in Membership.objects.filter(organization=organization, external_id__in=[r.values["identifier"] for r in rows if r.values.get("identifier")]).select_related("person")
    }
    # Case-insensitive identifiers: look again for the ones that differ only by case.
    if len(existing) < len(identifiers):
        for membership in Membership.objects.filter(organization=organization).exclude(external_id="").only(
            "external_id", "person_id"
        ):
            key = membership.external_id.lower()
            if key in identifiers and key not in existing:
                existing[key] = membership
    accounts_by_person = {u.person_id: u for u in User.objects.filter(person_id__in=[m.person_id for m in existing.values()])}
    wanted_usernames: dict[str, int] = {}
    wanted_emails: dict[str, int] = {}
    for row in rows:
        key = row.values.get("identifier", "").lower()
        membership = existing.get(key)
        row.action = "update" if membership else "new"
        account = accounts_by_person.get(membership.person_id) if membership else None
        username = row.values.get("username") or (None if account else key)
        if username:
            owner = User.objects.filter(username__iexact=username).exclude(pk=account.pk if account else None).first()
            if owner is not None:
                row.errors.append(
                    _("The username “%(name)s” is already used by someone else. Add a “username” column with another one.")
                    % {"name": username}
                )
            elif username in wanted_usernames:
                row.errors.append(_("The username “%(name)s” also appears on line %(line)s.") % {"name": username, "line": wanted_usernames[username]})
            else:
                wanted_usernames[username] = row.line
        email = row.values.get("email")
        if email:
            clash = User.objects.filter(email__iexact=email).exclude(pk=account.pk if account else None).exists()
            if clash:
                row.errors.append(_("The email %(email)s is already used by another account.") % {"email": email})
            elif email in wanted_emails:
                row.errors.append(_("The email %(email)s also appears on line %(line)s.") % {"email": email, "line": wanted_emails[email]})
            else:
                wanted_emails[email] = row.line


def roster_apply(*, roster_import: RosterImport, applied_by, make_passwords: bool, request=None) -> list[dict]:
    """Write every row in one transaction, or none. Returns the temporary passwords made (shown once)."""
    organization = roster_import.organization
    rows = [Row(line=r["line"], values=r["values"], errors=list(r["errors"])) for r in roster_import.rows]
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
        if locked.status != RosterImport.Status.PREVIEW:
            raise RosterChanged(_("This import was already confirmed or discarded."))
        roster_check(organization=organization, rows=rows)
        if any(row.errors for row in rows):
            raise RosterChanged(_("Some rows are no longer valid. Nothing was imported; please upload the file again."))
        passwords = []
        created = updated = 0
        for row in rows:
            new_password = _write_row(organization=organization, row=row, actor=applied_by, make_password=make_passwords)
            created += row.action == "new"
            updated += row.action == "update"
            if new_password:
                passwords.append({"line": row.line, "name": row.values["full_name"], "identifier": row.values["identifier"], **new_password})
        locked.status = RosterImport.Status.APPLIED
        locked.applied_at = timezone.now()
        locked.new_count, locked.update_count = created, updated
        locked.rows = []  # keep the counts, not the personal data
        locked.save()
        record(
            action=AuditAction.ROSTER_IMPORTED,
            actor=applied_by,
            organization=organization,
            request=request,
            detail={"import": str(locked.pk), "new": created, "updated": updated, "passwords_made": len(passwords)},
        )
    return passwords


def roster_discard(*, roster_import: RosterImport) -> None:
    RosterImport.objects.filter(pk=roster_import.pk, status=RosterImport.Status.PREVIEW).update(
        status=RosterImport.Status.DISCARDED, rows=[]
    )


def _write_row(*, organization, row: Row, actor, make_password: bool) -> dict | None:
    values = row.values
    identifier = values["identifier"]
    membership = (
        Membership.objects.select_related("person").filter(organization=organization, external_id__iexact=identifier).first()
    )
    if membership is None:
        person = Person.objects.create(full_name=values["full_name"])
        membership = Membership.objects.create(person=person, organization=organization, external_id=identifier)
    person = membership.person
    # A cell left empty keeps what is already recorded: re-imports never erase by accident.
    for name in PERSON_FIELDS:
        if values.get(name):
            setattr(person, name, values[name])
    if values.get("languages"):
        person.languages = values["languages"].split(",")
    person.save()
    for name in MEMBERSHIP_FIELDS:
        if values.get(name):
            setattr(membership, name, values[name])
    membership.is_active = True
    membership.save()
    roles = values.get("roles", "").split(",") if values.get("roles") else []
    if not roles and row.action == "new":
        roles = [Role.MEMBER]
    held = set(membership.roles.values_list("role", flat=True))
    for role in roles:
        if role not in held:
            MembershipRole.objects.create(membership=membership, role=role, granted_by=actor)
    return _ensure_account(person=person, values=values, make_password=make_password)


def _ensure_account(*, person, values, make_password: bool) -> dict | None:
    user = User.objects.filter(person=person).first()
    if user is None:
        user = User(person=person, username=values.get("username") or values["identifier"].lower(), email=values.get("email", ""))
        password = None
        if make_password:
            password = temporary_password()
            user.set_password(password)
            user.must_change_password = True
        else:
            user.set_unusable_password()
        user.save()
        return {"username": user.username, "password": password} if password else None
    changed = []
    if values.get("username") and values["username"] != user.username:
        user.username = values["username"]
        changed.append("username")
    if values.get("email") and values["email"] != user.email:
        user.email = values["email"]
        changed.append("email")
    if changed:
        user.save(update_fields=changed)
    return None


def temporary_password() -> str:
    groups = ["".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups)
