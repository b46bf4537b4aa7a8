"""A member with records in every section, and around them what must never reach their export.

Words the export must carry start with "MINE-"; words it must never carry start with "SECRET-"
(staff and supporters' working notes about the member) or "OTHER-" (other people's data).
"""

import datetime

from django.utils import timezone

from conftest import make_person
from sebaya.counseling import services as counseling
from sebaya.people.models import Role
from sebaya.programs import recruitment, supervision
from sebaya.programs import services as programs
from sebaya.programs.curriculum import practice_checklist
from sebaya.programs.models import Module
from sebaya.safety.models import Alert
from sebaya.safety.services import alert_record_action
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record, round_schedule
from sebaya.support import services as support
from sebaya.support.models import SupporterProfile

MINE = [
    "MINE-GUARDIAN",
    "MINE-WORDS",
    "MINE-REPLY-FROM-ME",
    "MINE-STAFF-REPLY",
    "MINE-MESSAGE",
    "MINE-SUPPORTER-MESSAGE",
    "MINE-FEEDBACK",
    "MINE-MOTIVATION",
    "MINE-PARTNER",
]
SECRETS = [
    "SECRET-CONFIDENTIAL",
    "SECRET-DISCUSSED",
    "SECRET-ANALYSIS",
    "SECRET-PLAN",
    "SECRET-SUMMARY",
    "SECRET-FINDINGS",
    "SECRET-AGENDA",
    "SECRET-REASON",
    "SECRET-FOLLOWUP",
    "SECRET-GLASS",
    "SECRET-PEER-NOTE",
    "SECRET-HANDOVER",
    "SECRET-CLOSING",
    "SECRET-SUPERVISION",
    "SECRET-ALERT-NOTE",
    "SECRET-TRIAGE",
    "SECRET-NOMINATION",
    "SECRET-DECISION",
    "SECRET-GROUP-SUPERVISION",
    "OTHER-WORDS",
    "OTHER-MESSAGE",
    "OTHER-ANONYMOUS",
    "OTHER-STUDENT-NAME",
    "Peer-Supporter-Full-Name",
]


def seed(org, users, other_org=None) -> dict:
    """Records about `users["member"]` in every section; returns the interesting objects."""
    member = users["member"].person
    member.guardian_name = "MINE-GUARDIAN"
    member.save()
    counselor, peer = users["counselor"], users["peer_supporter"]
    peer.person.full_name = "Peer-Supporter-Full-Name"
    peer.person.save()
    supporter_membership = peer.person.memberships.get(organization=org)
    support.supporter_profile_save(membership=supporter_membership, by=None, certified=True, capacity=5)
    profile = SupporterProfile.objects.get(membership=supporter_membership)

    # A help request with the short check, a reply each way, and a counselor's triage reason.
    first, _code, _pin = support.help_request_submit(
        organization=org,
        person=member,
        topic="family",
        details="MINE-WORDS",
        times=["mon_morning"],
        check_answers=[1, 1, 2, 1],
        safety_answer=False,
    )
    support.request_reply(help_request=first, body="MINE-STAFF-REPLY", by=counselor, from_requester=False)
    support.request_reply(
        help_request=first, body="MINE-REPLY-FROM-ME", by=users["member"], from_requester=True
    )
    support.triage_decide(
        help_request=first, by=counselor, tier="peer", urgency="soon", reason="SECRET-TRIAGE"
    )

    # Peer support: messages both ways, a session with a note and a concern, closing and feedback.
    relationship = support.relationship_start(help_request=first, supporter_id=profile.pk, by=counselor)
    support.message_send(
        relationship=relationship, body="MINE-MESSAGE", from_supporter=False, sender=users["member"]
    )
    support.message_send(
        relationship=relationship,
        body="MINE-SUPPORTER-MESSAGE call me 0812-3456-7890",
        from_supporter=True,
        sender=peer,
    )
    support.peer_session_log(
        relationship=relationship,
        by=peer,
        date=timezone.localdate(),
        mode="chat",
        duration_minutes=30,
        topics=["family"],
        mood_before=2,
        mood_after=4,
        note="SECRET-PEER-NOTE",
        concern=True,
    )
    support.supervision_note_add(
        supporter=profile, by=counselor, body="SECRET-SUPERVISION", relationship=relationship
    )
    support.relationship_close(relationship=relationship, by=peer, closing_note="SECRET-CLOSING")
    relationship.refresh_from_db()
    support.feedback_give(relationship=relationship, rating=5, comment="MINE-FEEDBACK", by=users["member"])

    # A second request, matched and stepped up with a hand-over note.
    second, _code, _pin = support.help_request_submit(organization=org, person=member, topic="academic")
    stepped = support.relationship_start(help_request=second, supporter_id=profile.pk, by=counselor)
    support.step_up(relationship=stepped, by=peer, note="SECRET-HANDOVER")

    # Someone else the same supporter accompanies, and an anonymous request.
    other, _user = make_person(org, "S-OTHER", full_name="OTHER-STUDENT-NAME")
    other_request, _c, _p = support.help_request_submit(
        organization=org, person=other.person, topic="bullying", details="OTHER-WORDS"
    )
    other_relationship = support.relationship_start(
        help_request=other_request, supporter_id=profile.pk, by=counselor
    )
    support.message_send(relationship=other_relationship, body="OTHER-MESSAGE", from_supporter=False)
    support.help_request_submit(organization=org, topic="grief", details="OTHER-ANONYMOUS")

    # Screening: an invitation answered with a PHQ-9 whose item 9 raises a crisis alert.
    today = timezone.localdate()
    screening_round = round_schedule(
        organization=org,
        title="Round One",
        instrument=get_instrument("phq9"),
        population="organization",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=3),
        by=users["coordinator"],
    )
    result = administration_record(
        organization=org,
        person=member,
        instrument=get_instrument("phq9"),
        answers=[1, 1, 1, 1, 1, 1, 1, 1, 1],
    )
    administration_record(
        organization=org, person=other.person, instrument=get_instrument("gad7"), answers=[3] * 7
    )
    alert = Alert.objects.get(person=member, source="screening")
    alert_record_action(alert=alert, by=counselor, kind="contacted_person", note="SECRET-ALERT-NOTE")

    # A counseling case with everything a counselor writes.
    case = counseling.case_open(
        organization=org, person=member, by=counselor, summary="SECRET-SUMMARY", domain="pribadi"
    )
    counseling.session_record(
        case=case,
        by=counselor,
        date=today,
        discussed="SECRET-DISCUSSED",
        analysis="SECRET-ANALYSIS",
        plan="SECRET-PLAN",
        confidential_note="SECRET-CONFIDENTIAL",
    )
    counseling.visit_save(
        case=case, by=counselor, planned_on=today, purpose="x", visitors="Bu Sri", findings="SECRET-FINDINGS"
    )
    counseling.conference_save(
        case=case, by=counselor, date=today, agenda="SECRET-AGENDA", participants=[], actions=[]
    )
    partner = counseling.partner_save(
        organization=org, by=counselor, name="MINE-PARTNER", kind="psychologist"
    )
    counseling.referral_create(
        case=case,
        partner=partner,
        by=counselor,
        reason="SECRET-REASON",
        shared=["summary"],
        consent="person",
        consent_method="in_person",
    )
    counseling.follow_up_add(case=case, by=counselor, what="SECRET-FOLLOWUP", due_on=today)
    _m, colleague = make_person(org, "C-2", roles=[Role.COUNSELOR], username="colleague")
    counseling.break_glass(case=case, by=colleague, reason="SECRET-GLASS")

    # Becoming a peer supporter: nominated, applied, decided but not yet announced.
    recruitment_round = recruitment.round_create(
        organization=org,
        by=users["coordinator"],
        title="Recruitment 2026",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
        places=3,
        guardian_consent=False,
    )
    recruitment.nominate(
        recruitment_round=recruitment_round, person=member, by=counselor, reason="SECRET-NOMINATION"
    )
    application = recruitment.apply(
        recruitment_round=recruitment_round,
        person=member,
        motivation="MINE-MOTIVATION",
        availability=["tue_afternoon"],
    )
    recruitment.decide(
        application=application, status="not_selected", reason="SECRET-DECISION", by=users["coordinator"]
    )

    # The supporter's own training and supervision (their export, not the member's).
    programs.curriculum_install(organization=org)
    module = Module.objects.get(organization=org, code="active_listening")
    programs.module_mark_read(person=peer.person, module=module)
    programs.practice_assess(
        organization=org,
        person=peer.person,
        by=counselor,
        checklist={item["code"]: True for item in practice_checklist()},
        note="SECRET-PRACTICE-NOTE",
    )
    session = supervision.supervision_schedule(
        organization=org,
        kind="group",
        starts_at=timezone.now(),
        place="Ruang BK",
        by=counselor,
        supporters=[profile],
    )
    supervision.supervision_record(
        session=session,
        version=session.version,
        present={profile.pk},
        ratings={profile.pk: 4},
        notes="SECRET-GROUP-SUPERVISION",
        by=counselor,
    )
    return {
        "member": member,
        "request": first,
        "relationship": relationship,
        "case": case,
        "result": result,
        "round": screening_round,
        "profile": profile,
        "other": other,
    }
