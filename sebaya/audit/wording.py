"""The audit trail in words: "Viewed the record of Aulia Pratama", "Case of Aulia Pratama: follow-up
added", never "case: follow_up_added", "status:proses" or an id.

Events keep short codes (audit/models.py: the trail stores no content, and codes do not change
with the language); this module is the one place that turns them into a sentence in the reader's
language. An unknown code still reads as words: the event's own name, with the person.

Audit imports no app, so the page passes in what only the apps know (the person's name, role
names).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sebaya.audit.models import AuditAction

# What a change was about (the first key of `detail` that names an area), with and without the
# person it concerns.
AREAS = {
    # The psychosocial response: its records first, since they also name their incident.
    "affected": (_("Registration of %(name)s as affected"), _("A person affected")),
    "contact": (_("Psychological first aid for %(name)s"), _("Psychological first aid")),
    "need": (_("A need of %(name)s"), _("A need")),
    "field_follow_up": (_("Follow-up of %(name)s after the incident"), _("A follow-up after an incident")),
    "response": (_("Response to an incident"), _("Response to an incident")),
    "incident": (_("Incident"), _("Incident")),
    "case": (_("Case of %(name)s"), _("A case")),
    "support": (_("Support for %(name)s"), _("Peer support")),
    "program": (_("Peer supporter program, %(name)s"), _("Peer supporter program")),
    "screening_round": (_("Screening round"), _("Screening round")),
    "alert": (_("Alert about %(name)s"), _("An alert")),
    "referral": (_("Referral of %(name)s"), _("A referral")),
    "partner": (_("Partner directory"), _("Partner directory")),
    "export": (_("Copy of the data of %(name)s"), _("A copy of personal data")),
    "consent": (_("Consent of %(name)s"), _("A consent")),
    "curriculum": (_("Training curriculum"), _("Training curriculum")),
    "buddies": (_("Buddy system"), _("Buddy system")),
    "text_flag": (_("Words from %(name)s that may need a look"), _("Words that may need a look")),
    "follow_up": (_("Screening result of %(name)s"), _("A screening result")),
}

# What happened, by area and code.
CHANGES = {
    "case": {
        "opened": _("opened"),
        "changed": _("details changed"),
        "closed": _("closed"),
        "reopened": _("reopened"),
        "session_recorded": _("session recorded"),
        "session_changed": _("session changed"),
        "home_visit": _("home visit recorded"),
        "case_conference": _("case conference recorded"),
        "follow_up_added": _("follow-up added"),
        "follow_up_done": _("follow-up done"),
        "status:baru": _("status set to new"),
        "status:proses": _("status set to in progress"),
        "status:dirujuk": _("status set to referred"),
        "status:selesai": _("status set to closed"),
    },
    "support": {
        "requested": _("asked for help"),
        "triaged": _("triaged"),
        "taken": _("taken on by a counselor"),
        "matched": _("matched with a peer supporter"),
        "contacted": _("first contact made"),
        "replied": _("reply sent"),
        "closed": _("closed"),
        "withdrawn": _("request withdrawn"),
        "stepped_up": _("stepped up to a counselor"),
        "stepped_down": _("handed back to peer support"),
        "session_logged": _("peer session logged"),
        "message_reported": _("message reported to the supervisor"),
        "supervision_note": _("supervision note added"),
        "supporter_pause": _("break as a peer supporter changed"),
        "supporter_profile": _("peer supporter profile changed"),
        "conflict_declared": _("conflict of interest recorded"),
        "conflict_lifted": _("conflict of interest removed"),
        "active": _("accompaniment resumed"),
        "paused": _("accompaniment paused"),
    },
    "program": {
        "rubric": _("selection rubric changed"),
        "round_opened": _("recruitment round opened"),
        "nominated": _("nominated"),
        "nomination_accepted": _("nomination accepted"),
        "nomination_declined": _("nomination declined"),
        "applied": _("applied"),
        "withdrawn": _("application withdrawn"),
        "scored": _("application scored"),
        "decided": _("decision made"),
        "published": _("decisions published"),
        "practice_assessed": _("supervised practice assessed"),
        "certified": _("certified"),
        "live_session": _("live session scheduled"),
        "live_attendance": _("live session attendance recorded"),
        "supervision_planned": _("supervision session planned"),
        "supervision_recorded": _("supervision session recorded"),
        "supervision_attendance": _("supervision attendance recorded"),
    },
    "screening_round": {"scheduled": _("scheduled"), "cancelled": _("cancelled")},
    "alert": {
        "raised": _("raised"),
        "acknowledged": _("acknowledged"),
        "contacted_person": _("the person was contacted"),
        "contacted_guardian": _("the parent or guardian was contacted"),
        "referred_emergency": _("referred to emergency services"),
        "outcome": _("outcome recorded"),
        "closed": _("closed"),
    },
    "referral": {
        "sent": _("sent"),
        "feedback": _("feedback recorded"),
        "accepted": _("accepted"),
        "declined": _("declined"),
        "attended": _("attended"),
        "closed": _("closed"),
    },
    "partner": {"saved": _("partner saved")},
    "export": {"requested": _("requested"), "downloaded": _("downloaded"), "deleted": _("deleted")},
    "consent": {"recorded": _("recorded"), "withdrawn": _("withdrawn")},
    "curriculum": {"installed": _("shipped modules added"), "module_changed": _("module changed")},
    "buddies": {"proposed": _("pairs proposed"), "confirmed": _("pairs confirmed")},
    "text_flag": {"followed_up": _("followed up")},
    "follow_up": {"done": _("outreach done")},
    "affected": {
        "registered": _("registered"),
        "merged": _("another registration merged into it"),
        "merged_into": _("merged into another registration"),
        "not_same": _("marked as not the same person as another"),
    },
    "contact": {"recorded": _("contact recorded")},
    "need": {"added": _("added"), "changed": _("changed")},
    "field_follow_up": {
        "done": _("done"),
        "not_reached": _("could not be reached"),
        "declined": _("did not want a follow-up"),
    },
    "response": {
        "invited": _("an organization invited"),
        "invited_again": _("an organization invited again"),
        "joined": _("joined"),
        "declined": _("invitation declined"),
    },
    "incident": {"created": _("recorded"), "changed": _("changed")},
}

# Changes whose detail has no area key, recognized by the key they carry.
OTHER_CHANGES = {
    "instrument": (_("Check-in answered by %(name)s"), _("Check-in answered")),
    "offer": (_("%(name)s answered the offer of a talk"), _("Offer of a talk answered")),
    "risk_feedback": (
        _("Feedback on the risk detector, words of %(name)s"),
        _("Feedback on the risk detector"),
    ),
    "retention": (_("Retention rules applied"), _("Retention rules applied")),
    "privacy": (_("Consent and retention settings changed"), _("Consent and retention settings changed")),
    "on_call_days": (_("On-call rota changed"), _("On-call rota changed")),
    "step": (_("Alert about %(name)s: counselors notified"), _("Alert: counselors notified")),
    "created": (_("%(name)s added"), _("Person added")),
    "fields": (_("Details of %(name)s changed"), _("Details changed")),
}

# Sensitive reads, by the kind of record opened.
VIEWED = {
    "people.person": (_("Viewed the record of %(name)s"), _("Viewed a person's record")),
    "counseling.case": (_("Opened the case of %(name)s"), _("Opened a case")),
    "support.helprequest": (_("Opened the help request of %(name)s"), _("Opened a help request")),
    "safety.alert": (_("Opened an alert about %(name)s"), _("Opened an alert")),
    "privacy.consent": (_("Viewed a consent of %(name)s"), _("Viewed a consent")),
    "counseling.referral": (_("Opened a referral of %(name)s"), _("Opened a referral")),
    "psychosocial.affectedperson": (
        _("Opened the registration of %(name)s as affected"),
        _("Opened the registration of a person affected"),
    ),
    # An incident's 4W files and situation report (aggregates: no person is named).
    "psychosocial.incident": (
        _("Downloaded a report of an incident"),
        _("Downloaded a report of an incident"),
    ),
}


def _pick(pair, name: str) -> str:
    with_name, without = pair
    return str(with_name) % {"name": name} if name else str(without)


def describe(event, *, name: str = "", role_labels: dict | None = None) -> str:
    """One sentence for an audit event, in the active language. `name` is the person the event is
    about (empty when none or unknown); `role_labels` maps role codes to their names."""
    detail = event.detail if isinstance(event.detail, dict) else {}
    action = event.action
    if action == AuditAction.RECORD_VIEWED:
        return _pick(
            VIEWED.get(
                event.target_type,
                (_("Viewed a sensitive record of %(name)s"), _("Viewed a sensitive record")),
            ),
            name,
        )
    if action == AuditAction.BREAK_GLASS:
        return _pick(
            (
                _("Confidential notes of %(name)s opened by breaking the glass"),
                _("Confidential notes opened by breaking the glass"),
            ),
            name,
        )
    if action == AuditAction.ROLES_CHANGED:
        return _roles_changed(detail, name, role_labels or {})
    if action == AuditAction.ROSTER_IMPORTED:
        return str(_("Roster imported: %(new)s added, %(updated)s updated")) % {
            "new": detail.get("new", 0),
            "updated": detail.get("updated", 0),
        }
    if action == AuditAction.SIGN_IN_FAILED and detail.get("account") and detail["account"] != "unknown":
        return str(_("Sign-in failed for the account %(account)s")) % {"account": detail["account"]}
    if action == AuditAction.RECORD_CHANGED:
        for key, pair in AREAS.items():
            if key in detail:
                area = _pick(pair, name)
                what = CHANGES.get(key, {}).get(str(detail[key]))
                if what is None:  # a code this module does not know yet: still words
                    what = _("changed")
                return f"{area}: {what}"
        for key, pair in OTHER_CHANGES.items():
            if key in detail:
                return _pick(pair, name)
    label = str(AuditAction(action).label) if action in AuditAction.values else str(_("Event"))
    if action == AuditAction.RECORD_CHANGED and name:  # a change this module cannot name: whose
        return f"{label}: {name}"
    return label


def _roles_changed(detail, name, role_labels) -> str:
    def names(codes):
        return ", ".join(str(role_labels.get(code, code)) for code in codes)

    parts = []
    if detail.get("added"):
        parts.append(str(_("given %(roles)s")) % {"roles": names(detail["added"])})
    if detail.get("removed"):
        parts.append(str(_("no longer %(roles)s")) % {"roles": names(detail["removed"])})
    head = _pick((_("Roles of %(name)s changed"), _("Roles changed")), name)
    return f"{head}: {'; '.join(parts)}" if parts else head
