"""Roster import: check a file against the organization, then write every row or none."""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.accounts import names, recovery
from sebaya.accounts.credentials import temporary_password
from sebaya.accounts.models import CredentialRequest, User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel.excerpts import excerpt
from sebaya.people.models import Membership, MembershipRole, Person, Role
from sebaya.roster.models import RosterImport
from sebaya.roster.parsing import Row, parse_rows, read_table

PERSON_FIELDS = (
    "full_name",
    "preferred_name",
    "gender",
    "birth_date",
    "guardian_name",
    "guardian_phone",
    "guardian_email",
)
MEMBERSHIP_FIELDS = ("grade", "class_name", "unit")
TEMPORARY_PASSWORD_ITERATIONS = 1_000  # see _hash_temporary_password
BATCH_SIZE = 500


class RosterChanged(Exception):
    """Rows that were fine at preview are no longer fine (someone changed data meanwhile)."""


# An identifier becomes the username unless the file gives one: only plain characters, so it
# can never look like an email address or hold spaces.
IDENTIFIER_AS_USERNAME_RE = re.compile(r"^[\w.+-]{1,150}$")
# Previews nobody confirmed are discarded after this long: they hold personal data.
PREVIEW_LIFETIME = datetime.timedelta(days=1)


def discard_stale_previews(*, organization) -> int:
    cutoff = timezone.now() - PREVIEW_LIFETIME
    return RosterImport.objects.filter(
        organization=organization, status=RosterImport.Status.PREVIEW, created_at__lt=cutoff
    ).update(status=RosterImport.Status.DISCARDED, rows=[])


def roster_preview(*, organization, by, name: str, content: bytes) -> RosterImport:
    """Read and check a file; store the checked rows for the admin to confirm. Raises RosterFileError."""
    discard_stale_previews(organization=organization)
    header, table = read_table(name=name, content=content, max_rows=settings.ROSTER_MAX_ROWS)
    rows, columns, _ignored = parse_rows(header, table)
    roster_check(organization=organization, rows=rows)
    return RosterImport.objects.create(
        organization=organization,
        uploaded_by=by,
        file_name=name[:200],
        row_count=len(rows),
        new_count=sum(1 for r in rows if r.action == "new" and not r.errors),
        update_count=sum(1 for r in rows if r.action == "update" and not r.errors),
        error_count=sum(1 for r in rows if r.errors),
        columns=columns,
        rows=[asdict(row) for row in rows],
    )


def roster_check(*, organization, rows: list[Row]) -> dict[str, Membership]:
    """Add the errors that depend on the database, and decide new/update for every row.

    Returns the organization's memberships the rows update, by identifier in lower case (with
    their person), so `roster_apply` need not look them up again. A few queries for the whole
    file, not a few per row: a file may hold ROSTER_MAX_ROWS rows. A username or email that is
    taken names its holder only inside this organization (`accounts.names`): the answer about
    any other account is the same as for a reserved name.
    """
    existing = _existing_memberships(organization, rows)
    accounts_by_person = {
        user.person_id: user
        for chunk in _chunks([m.person_id for m in existing.values()])
        for user in User.objects.filter(person_id__in=chunk)
    }
    proposed = []  # (row, account, username or None, email or None)
    for row in rows:
        key = row.values.get("identifier", "").lower()
        membership = existing.get(key)
        row.action = "update" if membership else "new"
        account = accounts_by_person.get(membership.person_id) if membership else None
        username = row.values.get("username") or (None if account else key)
        proposed.append((row, account, username or None, row.values.get("email") or None))
    username_holders = names.holders(
        field="username",
        values=[username for _r, _a, username, _e in proposed if username],
        organization=organization,
    )
    email_holders = names.holders(
        field="email", values=[email for _r, _a, _u, email in proposed if email], organization=organization
    )
    protected = _reads_confidential({account.person_id for _r, account, _u, _e in proposed if account})
    wanted_usernames: dict[str, int] = {}
    wanted_emails: dict[str, int] = {}
    for row, account, username, email in proposed:
        own = account.pk if account else None
        if account is not None and account.person_id in protected and _changes_credentials(row, account):
            # An admin never redirects where the password links of such an account go: a second
            # admin must approve that, on the person's page (see accounts.recovery).
            row.errors.append(
                _(
                    "%(name)s reads confidential notes: their username and email are changed on "
                    "their own page, where a second admin approves it. Leave these cells empty."
                )
                % {"name": excerpt(account.person.full_name if account.person else account.username)}
            )
            continue
        if username and not row.values.get("username") and not IDENTIFIER_AS_USERNAME_RE.match(username):
            row.errors.append(
                _("The identifier “%(id)s” cannot be a username. Add a “username” column for this row.")
                % {"id": excerpt(row.values.get("identifier", ""))}
            )
        elif username:
            taken = names.conflict(username_holders.get(username.lower(), []), own_account_id=own)
            if taken:
                row.errors.append(_username_taken(username, taken, organization))
            elif username in wanted_usernames:
                row.errors.append(
                    _("The username “%(name)s” also appears on line %(line)s.")
                    % {"name": excerpt(username), "line": wanted_usernames[username]}
                )
            else:
                wanted_usernames[username] = row.line
        if email:
            taken = names.conflict(email_holders.get(email.lower(), []), own_account_id=own)
            if taken:
                row.errors.append(_email_taken(email, taken))
            elif email in wanted_emails:
                row.errors.append(
                    _("The email %(email)s also appears on line %(line)s.")
                    % {"email": excerpt(email), "line": wanted_emails[email]}
                )
            else:
                wanted_emails[email] = row.line
    return existing


def _username_taken(username: str, holder: names.Holder, organization) -> str:
    if holder.is_member:
        return _(
            "The username “%(name)s” already belongs to %(person)s (%(identifier)s) in this "
            "organization. Give this row another one in a “username” column."
        ) % {
            "name": excerpt(username),
            "person": excerpt(holder.member_name),
            "identifier": excerpt(holder.member_identifier) or "—",
        }
    return _(
        "The username “%(name)s” cannot be used. Give this row another one in a “username” "
        "column, for example “%(suggestion)s”."
    ) % {"name": excerpt(username), "suggestion": excerpt(names.suggestion(username, organization))}


def _email_taken(email: str, holder: names.Holder) -> str:
    if holder.is_member:
        return _(
            "The email %(email)s already belongs to %(person)s (%(identifier)s) in this organization."
        ) % {
            "email": excerpt(email),
            "person": excerpt(holder.member_name),
            "identifier": excerpt(holder.member_identifier) or "—",
        }
    return _(
        "The email %(email)s cannot be used for a sign-in account. Leave the cell empty or use "
        "another address."
    ) % {"email": excerpt(email)}


def _reads_confidential(person_ids) -> set:
    """Of these people, the ones who read confidential material in any organization (one query
    a chunk; the roles are `access.CONFIDENTIAL_READER_ROLES`)."""
    found = set()
    for chunk in _chunks(list(person_ids)):
        found.update(
            MembershipRole.objects.filter(
                membership__person_id__in=chunk,
                membership__is_active=True,
                role__in=access.CONFIDENTIAL_READER_ROLES,
            ).values_list("membership__person_id", flat=True)
        )
    return found


def _changes_credentials(row: Row, account) -> bool:
    username, email = row.values.get("username"), row.values.get("email")
    return bool(
        (username and username.lower() != account.username.lower())
        or (email and email.lower() != (account.email or "").lower())
    )


def _existing_memberships(organization, rows: list[Row]) -> dict[str, Membership]:
    identifiers = [r.values["identifier"] for r in rows if r.values.get("identifier")]
    keys = {identifier.lower() for identifier in identifiers}
    memberships = Membership.objects.filter(organization=organization).select_related("person")
    existing = {
        m.external_id.lower(): m
        for chunk in _chunks(identifiers)
        for m in memberships.filter(external_id__in=chunk)
    }
    # Case-insensitive identifiers: look again for the ones that differ only by case.
    if len(existing) < len(keys):
        for membership in memberships.exclude(external_id=""):
            key = membership.external_id.lower()
            if key in keys and key not in existing:
                existing[key] = membership
    return existing


def _chunks(items: list, size: int = 900):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def roster_apply(*, roster_import: RosterImport, by, make_passwords: bool, request=None) -> list[dict]:
    """Write every row in one transaction, or none. Returns the temporary passwords made (shown once)."""
    organization = roster_import.organization
    rows = [Row(line=r["line"], values=r["values"], errors=list(r["errors"])) for r in roster_import.rows]
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
        if locked.status != RosterImport.Status.PREVIEW:
            raise RosterChanged(_("This import was already confirmed or discarded."))
        if locked.created_at < timezone.now() - PREVIEW_LIFETIME:
            raise RosterChanged(_("This upload is more than a day old. Please upload the file again."))
        existing = roster_check(organization=organization, rows=rows)
        if any(row.errors for row in rows):
            raise RosterChanged(
                _("Some rows are no longer valid. Nothing was imported; please upload the file again.")
            )
        try:
            # A savepoint, so a conflict leaves the outer transaction usable to report it (PostgreSQL).
            with transaction.atomic():
                passwords = _write_rows(
                    organization=organization,
                    rows=rows,
                    existing=existing,
                    by=by,
                    make_passwords=make_passwords,
                )
        except IntegrityError as error:
            # Another request wrote a clashing identifier, username or email after the check above.
            raise RosterChanged(
                _("Some rows are no longer valid. Nothing was imported; please upload the file again.")
            ) from error
        created = sum(1 for row in rows if row.action == "new")
        updated = len(rows) - created
        locked.status = RosterImport.Status.APPLIED
        locked.applied_at = timezone.now()
        locked.new_count, locked.update_count = created, updated
        locked.rows = []  # keep the counts, not the personal data
        locked.save()
        record(
            action=AuditAction.ROSTER_IMPORTED,
            actor=by,
            organization=organization,
            request=request,
            detail={
                "import": str(locked.pk),
                "new": created,
                "updated": updated,
                "passwords_made": len(passwords),
            },
        )
    return passwords


def roster_discard(*, roster_import: RosterImport) -> bool:
    """Forget a previewed upload. False when it was already confirmed or discarded."""
    return bool(
        RosterImport.objects.filter(pk=roster_import.pk, status=RosterImport.Status.PREVIEW).update(
            status=RosterImport.Status.DISCARDED, rows=[]
        )
    )


def _write_rows(*, organization, rows: list[Row], existing: dict[str, Membership], by, make_passwords: bool):
    """Create and update people, memberships, roles and accounts in bulk (a few queries per table)."""
    now = timezone.now()
    existing_ids = [m.pk for m in existing.values()]
    held: dict = {}
    for chunk in _chunks(existing_ids):
        for membership_id, role in MembershipRole.objects.filter(membership_id__in=chunk).values_list(
            "membership_id", "role"
        ):
            held.setdefault(membership_id, set()).add(role)
    accounts = {
        user.person_id: user
        for chunk in _chunks([m.person_id for m in existing.values()])
        for user in User.objects.filter(person_id__in=chunk)
    }
    confidential_elsewhere = _reads_confidential(
        {m.person_id for m in existing.values() if m.person_id not in accounts}
    )
    new_people, changed_people, new_memberships, changed_memberships, new_roles = [], [], [], [], []
    new_accounts, changed_accounts = [], []
    for row in rows:
        values = row.values
        membership = existing.get(values["identifier"].lower())
        is_new = membership is None
        if is_new:
            person = Person(full_name=values["full_name"])
            membership = Membership(
                person=person, organization=organization, external_id=values["identifier"]
            )
            new_people.append(person)
            new_memberships.append(membership)
        person = membership.person
        # A cell left empty keeps what is already recorded: re-imports never erase by accident.
        person_changes = {name: values[name] for name in PERSON_FIELDS if values.get(name)}
        if "birth_date" in person_changes:
            person_changes["birth_date"] = datetime.date.fromisoformat(person_changes["birth_date"])
        if values.get("languages"):
            person_changes["languages"] = values["languages"].split(",")
        if _assign(person, person_changes) and not is_new:
            person.updated_at = now  # auto_now is not applied by bulk_update
            changed_people.append(person)
        membership_changes = {name: values[name] for name in MEMBERSHIP_FIELDS if values.get(name)}
        if _assign(membership, {**membership_changes, "is_active": True}) and not is_new:
            changed_memberships.append(membership)
        roles = values["roles"].split(",") if values.get("roles") else []
        if not roles and is_new:
            roles = [Role.MEMBER]
        held_here = held.setdefault(membership.pk, set())
        for role in roles:
            if role not in held_here:
                held_here.add(role)
                new_roles.append(MembershipRole(membership=membership, role=role, granted_by=by))
        user = None if is_new else accounts.get(person.pk)
        if user is None:
            user = User(
                person=person,
                username=values.get("username") or values["identifier"].lower(),
                email=values.get("email", ""),
            )
            reads_confidential = bool(held_here & access.CONFIDENTIAL_READER_ROLES) or (
                not is_new and person.pk in confidential_elsewhere
            )
            new_accounts.append((row, user, reads_confidential))
        elif _assign(user, {name: values[name] for name in ("username", "email") if values.get(name)}):
            changed_accounts.append(user)

    Person.objects.bulk_create(new_people, batch_size=BATCH_SIZE)
    Person.objects.bulk_update(
        changed_people, [*PERSON_FIELDS, "languages", "updated_at"], batch_size=BATCH_SIZE
    )
    Membership.objects.bulk_create(new_memberships, batch_size=BATCH_SIZE)
    Membership.objects.bulk_update(
        changed_memberships, [*MEMBERSHIP_FIELDS, "is_active"], batch_size=BATCH_SIZE
    )
    MembershipRole.objects.bulk_create(new_roles, batch_size=BATCH_SIZE)
    User.objects.bulk_update(changed_accounts, ["username", "email"], batch_size=BATCH_SIZE)
    return _create_accounts(new_accounts, make_passwords=make_passwords, by=by, organization=organization)


def _assign(obj, changes: dict) -> bool:
    """Set the attributes; True when any of them held another value."""
    changed = False
    for name, value in changes.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _create_accounts(new_accounts: list[tuple], *, make_passwords: bool, by, organization) -> list[dict]:
    """Make the new accounts; with `make_passwords`, a temporary password each, except for people
    who read confidential material: Sebaya emails them a link to choose their own, or, without an
    address, a second admin must approve one (accounts.recovery). Returns the lines to print."""
    passwords, protected = [], []
    for row, user, reads_confidential in new_accounts:
        if reads_confidential:
            user.set_unusable_password()
            protected.append((row, user))
        elif make_passwords:
            password = temporary_password()
            user.password = _hash_temporary_password(password)
            user.must_change_password = True
            passwords.append(
                {
                    "line": row.line,
                    "name": row.values["full_name"],
                    "identifier": row.values["identifier"],
                    "username": user.username,
                    "password": password,
                }
            )
        else:
            user.set_unusable_password()
    User.objects.bulk_create([user for _row, user, _c in new_accounts], batch_size=BATCH_SIZE)
    for row, user in protected:
        if user.email:
            recovery.password_link_send(user=user, by=by, organization=organization)
        else:
            recovery.credential_request_open(
                user=user, kind=CredentialRequest.Kind.PASSWORD, by=by, organization=organization
            )
        passwords.append(
            {
                "line": row.line,
                "name": row.values["full_name"],
                "identifier": row.values["identifier"],
                "username": user.username,
                "password": None,
                "instead": "link" if user.email else "second_admin",
            }
        )
    return passwords


def _hash_temporary_password(password: str) -> str:
    """Hash a temporary password with fewer PBKDF2 iterations than a chosen one gets.

    With the full work factor (about 0.3 s each) a class of 300 students takes longer than the
    60-second request limit, and the import is lost. A temporary password is random (12 of 31
    characters, about 59 bits), so guessing it stays out of reach at a lower count; it must be
    changed at first sign-in, and Django re-hashes it at the full count when it is first used.
    """
    hasher = get_hasher()
    if isinstance(hasher, PBKDF2PasswordHasher):
        iterations = min(hasher.iterations, TEMPORARY_PASSWORD_ITERATIONS)
        return hasher.encode(password, hasher.salt(), iterations=iterations)
    return make_password(password)
