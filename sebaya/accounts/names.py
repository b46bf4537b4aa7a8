"""Usernames and emails an admin gives an account, checked without telling them about other schools.

Sebaya has one sign-in namespace for every organization: a username, or an email (people sign
in with either, `ACCOUNT_UNIQUE_EMAIL`), belongs to one account only. Saying "already used by
someone else" would let an admin of one school find out whether a student number or an address
has an account anywhere in Sebaya. So a name that is not free gets one of two answers:

- held by an account whose person is a member of the asking organization: named, with that
  person and their identifier (the admin sees those people anyway, and needs to know);
- anything else (held by an account outside the organization, or by an account without a
  person, or reserved): one neutral answer, in the same words whatever the reason, found with
  the same single query.

What an admin still learns is that the name cannot be used: with one namespace that is
unavoidable. The neutral answer suggests a name with the organization's prefix, made from the
name and the organization alone, never from what the database holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower

from sebaya.accounts.models import User
from sebaya.people.models import Membership

# Names that look official are kept from every account made by an admin, so that nobody is
# signed in as "admin" or "sebaya" by a school; they get the same answer as a taken name.
RESERVED_USERNAMES = frozenset(
    {
        "admin",
        "administrator",
        "anonymous",
        "bk",
        "guru-bk",
        "help",
        "konselor",
        "noreply",
        "no-reply",
        "operator",
        "postmaster",
        "root",
        "sebaya",
        "security",
        "staff",
        "superuser",
        "support",
        "system",
        "webmaster",
    }
)
CHUNK = 900  # SQLite allows 999 parameters in one query
USERNAME_RE = re.compile(r"^[\w.@+-]{1,150}$")  # what Django's username validator allows


@dataclass(frozen=True)
class Holder:
    """An account holding a name, as much of it as the asking organization may know."""

    account_id: int | None  # None: a reserved name
    member_name: str = ""  # set only when the account's person is a member of the organization
    member_identifier: str = ""

    @property
    def is_member(self) -> bool:
        return bool(self.member_name)


RESERVED = Holder(account_id=None)


def holders(*, field: str, values: Iterable[str], organization) -> dict[str, list[Holder]]:
    """Lower-cased username or email -> the accounts holding it (compared without case).

    One query per CHUNK names, whether any are taken or not and by whom: membership of the
    organization is a subquery of the same query, so the answer takes the same work either way.
    """
    assert field in ("username", "email")
    here = Membership.objects.filter(organization=organization, person_id=OuterRef("person_id"))
    found: dict[str, list[Holder]] = {}
    keys = sorted({value.lower() for value in values if value})
    for start in range(0, len(keys), CHUNK):
        rows = (
            User.objects.annotate(
                key=Lower(field),
                member_name=Subquery(here.values("person__full_name")[:1]),
                member_identifier=Subquery(here.values("external_id")[:1]),
            )
            .filter(key__in=keys[start : start + CHUNK])
            .values_list("key", "pk", "member_name", "member_identifier")
        )
        for key, pk, name, identifier in rows:
            found.setdefault(key, []).append(Holder(pk, name or "", identifier or ""))
    for key in keys:
        if _reserved(field, key):
            found.setdefault(key, []).append(RESERVED)
    return found


def _reserved(field: str, key: str) -> bool:
    if field == "username":
        return key in RESERVED_USERNAMES
    # Sebaya's own sender addresses: an account there would receive Sebaya's own mail.
    own = {settings.DEFAULT_FROM_EMAIL, settings.SERVER_EMAIL}
    return key in {address.rpartition("<")[2].rstrip(">").strip().lower() for address in own}


def conflict(found: list[Holder], *, own_account_id: int | None) -> Holder | None:
    """Why the name cannot be given to this account: a member to name, a neutral refusal, or None.

    A name the account already has is no conflict (even a reserved one: nothing changes). A
    member of the organization is named in preference to anything else; every other reason is
    the same neutral refusal.
    """
    if not found:
        return None
    if own_account_id is not None and any(holder.account_id == own_account_id for holder in found):
        return None
    return next((holder for holder in found if holder.is_member), RESERVED)


def suggestion(username: str, organization) -> str:
    """Another username to try: the name with the organization's prefix (from the input alone)."""
    prefix = f"{organization.slug}."
    name = f"{username}2" if username.startswith(prefix) else prefix + username
    return name[:150]
