"""The credential request policy: a change to the credentials of an account that reads
confidential material waits for a second admin. The **requester** may withdraw it; **another
admin** of the organization decides."""

from __future__ import annotations

from sebaya.access.roles import R, roles_in

CREDENTIAL_REQUEST_ACTIONS: dict[str, frozenset[str]] = {
    "credential_request.decide": frozenset({"other_admin"}),
    "credential_request.withdraw": frozenset({"requester"}),
}


def credential_request_sides(user, credential_request) -> frozenset[str]:
    if R.ORG_ADMIN not in roles_in(user, credential_request.organization):
        return frozenset()
    return frozenset({"requester" if credential_request.requested_by_id == user.pk else "other_admin"})
