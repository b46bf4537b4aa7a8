"""Every URL pattern × every kind of user × an object of another organization.

Adding a URL without an entry here fails `test_every_url_pattern_has_an_entry`. Entries say
who may use the page; the test checks that everyone else gets the right refusal:

* anonymous → sent to sign in (pages) — public pages answer everyone;
* a member of the organization whose role may not → 403;
* anyone who is not a member of the organization (network viewer, outsider) → 404;
* an object of another organization through this organization's URL → 404, whatever the role.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import ALL_KINDS, make_person
from sebaya.accounts.models import CredentialRequest, User
from sebaya.counseling import services as counseling_services
from sebaya.evaluation.models import RecordsExport
from sebaya.guidance.models import Campaign
from sebaya.guidance.services import needs as needs_services
from sebaya.guidance.services import program as bk_services
from sebaya.guidance.services import program_plans as bk_plans
from sebaya.people.models import Role
from sebaya.privacy.consent import consent_record
from sebaya.privacy.models import DataExport
from sebaya.programs import recruitment, supervision
from sebaya.programs import services as program_services
from sebaya.programs.models import Certification, Module
from sebaya.roster.models import RosterImport
from sebaya.safety.models import TextFlag
from sebaya.safety.services import alert_raise
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record, round_schedule
from sebaya.support import services as support_services
from sebaya.support.models import SupporterProfile

R = Role
CARE_STAFF = {R.COUNSELOR, R.COORDINATOR, R.ORG_ADMIN}
RESPONDERS = {R.FIELD_WORKER, R.COUNSELOR, R.COORDINATOR, R.ORG_ADMIN}
EVERY_ROLE = {r.value for r in Role}
ORG_MEMBERS = EVERY_ROLE  # kinds that are members of `org` in the fixtures


@dataclass
class Public:
    """Anyone, signed in or not. `status` is what a GET answers."""

    status: int = 200
    method: str = "get"
    signed_in_status: int | None = None  # when a signed-in user is answered differently
    kwargs: dict = field(default_factory=dict)


@dataclass
class PublicOrg:
    """Pages anyone may open for an organization (asking for help anonymously). A slug that names
    no organization answers 404. `member_status`: what a member of the organization gets instead."""

    status: int = 200
    method: str = "get"
    member_status: int | None = None
    objects: str | None = None  # test objects that fill `code`


@dataclass
class SignedIn:
    """Any signed-in user (their own account); anonymous is sent to sign in."""

    status: int = 200
    method: str = "get"
    kwargs: dict = field(default_factory=dict)


@dataclass
class Auth:
    """allauth pages: status for an anonymous visitor and for a signed-in member."""

    anonymous: int
    signed_in: int
    kwargs: dict = field(default_factory=dict)


@dataclass
class Org:
    """Organization pages. `obj` names the kind of object in the URL, if any."""

    allowed: set
    obj: str | None = None
    method: str = "get"
    ok: tuple = (200,)
    extra: dict = field(default_factory=dict)  # more URL arguments, the same for every organization
    objects: str | None = None  # which test objects fill `obj`, when not the ones named `obj`
    extra_objects: dict = field(default_factory=dict)  # more URL arguments from the test objects
    refusal: int = 403  # what a member whose role may not gets (404: "not even staff know it exists")

    @property
    def source(self) -> str | None:
        return self.objects or self.obj


@dataclass
class Network:
    allowed_kinds: set
    extra: dict = field(default_factory=dict)  # more URL arguments
    method: str = "get"
    ok: int = 200


MATRIX = {
    # Public pages
    "home": Public(signed_in_status=302),  # signed in: on to their organization
    "crisis": Public(),
    "healthz": Public(),
    "security_txt": Public(),
    "security_policy": Public(),
    # The user guides (docs/guide/): no personal data, the same text as in the repository
    "guide_index": Public(),
    "guide": Public(kwargs={"role": "guru-bk"}),
    "guide_pdf": Public(kwargs={"role": "guru-bk"}),
    "guide_image": Public(kwargs={"name": "guru-bk-beranda.png"}),
    "set_language": Public(status=302, method="post"),
    # Signed-in pages about oneself
    "switch": SignedIn(),
    "account": SignedIn(),
    "sign_out_everywhere": SignedIn(status=302, method="post"),
    # The link emailed after a two-step reset: the token is the only key (a bad one answers 404).
    "hold_confirm": Public(status=404, kwargs={"token": "not-a-token"}),
    # The sign-in page's demo tour: only with the demo's accounts, never in production; here there
    # are none, so 404 for everyone (sebaya/accounts/tests/test_demo_tour.py tests the rest).
    "demo_sign_in": Public(status=404, method="post"),
    # allauth (sign-in, password, two-step sign-in)
    "account_login": Auth(anonymous=200, signed_in=302),
    "account_logout": Auth(anonymous=302, signed_in=200),
    "account_inactive": Auth(anonymous=200, signed_in=200),
    "account_signup": Auth(anonymous=200, signed_in=302),  # shows "sign-up is closed"
    "account_reauthenticate": Auth(anonymous=302, signed_in=200),
    "account_email": Auth(anonymous=302, signed_in=302),  # kept by the admin: to "My account"
    "account_email_verification_sent": Auth(anonymous=200, signed_in=200),
    "account_change_password": Auth(anonymous=302, signed_in=200),
    "account_set_password": Auth(anonymous=302, signed_in=302),  # has a password: sent to change it
    "account_reset_password": Auth(anonymous=200, signed_in=200),
    "account_confirm_login_code": Auth(anonymous=302, signed_in=302),
    "account_confirm_email": Auth(anonymous=200, signed_in=200, kwargs={"key": "no-such-key"}),
    "account_reset_password_from_key_done": Auth(anonymous=200, signed_in=200),
    "account_reset_password_from_key": Auth(
        anonymous=200, signed_in=200, kwargs={"uidb36": "zz", "key": "bad"}
    ),
    "account_reset_password_done": Auth(anonymous=200, signed_in=200),
    "mfa_index": Auth(anonymous=302, signed_in=200),
    "mfa_authenticate": Auth(anonymous=302, signed_in=302),
    "mfa_reauthenticate": Auth(anonymous=302, signed_in=302),
    "mfa_activate_totp": Auth(anonymous=302, signed_in=200),
    "mfa_deactivate_totp": Auth(anonymous=302, signed_in=404),
    "mfa_view_recovery_codes": Auth(anonymous=302, signed_in=404),
    "mfa_generate_recovery_codes": Auth(anonymous=302, signed_in=200),
    "mfa_download_recovery_codes": Auth(anonymous=302, signed_in=404),
    # Organization pages
    "org_home": Org(allowed=EVERY_ROLE),
    "org_settings": Org(allowed={R.ORG_ADMIN, R.COORDINATOR}),
    "letterhead_edit": Org(allowed={R.ORG_ADMIN}),
    "people_list": Org(allowed=CARE_STAFF),
    "person_add": Org(allowed={R.ORG_ADMIN}),
    "person_detail": Org(allowed=CARE_STAFF, obj="person"),
    "person_edit": Org(allowed={R.ORG_ADMIN}, obj="person"),
    "person_roles": Org(allowed={R.ORG_ADMIN}, obj="person"),
    "person_account": Org(allowed={R.ORG_ADMIN}, obj="person"),
    "person_two_step_reset": Org(allowed={R.ORG_ADMIN}, obj="person", method="post", ok=(302,)),
    "person_password_link": Org(
        allowed={R.ORG_ADMIN}, obj="person", objects="member_person", method="post", ok=(302,)
    ),
    # Asked by another admin: the admin of the fixtures is the second admin who decides.
    "credential_request_decide": Org(
        allowed={R.ORG_ADMIN}, obj="credential_request", method="post", ok=(302,)
    ),
    # Asked by the admin of the fixtures, who alone may withdraw it.
    "credential_request_withdraw": Org(
        allowed={R.ORG_ADMIN},
        obj="credential_request",
        objects="own_credential_request",
        method="post",
        ok=(302,),
    ),
    "roster_upload": Org(allowed={R.ORG_ADMIN}),
    "roster_preview": Org(allowed={R.ORG_ADMIN}, obj="roster_import"),
    "roster_confirm": Org(allowed={R.ORG_ADMIN}, obj="roster_import", method="post", ok=(200, 302)),
    "roster_discard": Org(allowed={R.ORG_ADMIN}, obj="roster_import", method="post", ok=(302,)),
    "audit_list": Org(allowed={R.ORG_ADMIN}),
    # The safety net
    "raise_alert": Org(allowed={R.COUNSELOR}, obj="person"),
    "alert_queue": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "alert_detail": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="alert"),
    "alert_acknowledge": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="alert", method="post", ok=(302,)),
    "alert_act": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="alert", method="post", ok=(400,)
    ),  # empty form
    "on_call_rota": Org(allowed=CARE_STAFF),
    "risk_feedback": Org(allowed={R.COUNSELOR}, method="post", ok=(302,)),  # an empty form: back
    "text_flag_done": Org(allowed={R.COUNSELOR}, obj="flag", method="post", ok=(302,)),
    # Screening
    "screening_home": Org(allowed=EVERY_ROLE),
    "screening_fill": Org(allowed=EVERY_ROLE, obj="code"),
    "administration_result": Org(allowed={R.COUNSELOR}, obj="administration"),
    "person_results": Org(allowed={R.COUNSELOR}, obj="person"),
    "person_administer": Org(allowed={R.COUNSELOR}, obj="person", extra={"code": "phq9"}),
    # Only the invited person fills their invitation and answers their own offer.
    "invitation_fill": Org(allowed={R.MEMBER}, obj="invitation"),
    "offer_answer": Org(
        allowed={R.MEMBER}, obj="administration", objects="own_moderate_result", method="post", ok=(302,)
    ),
    "round_list": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "round_new": Org(allowed={R.COORDINATOR}),
    "round_detail": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="screening_round"),
    # A post without confirm=yes is answered with the confirmation page (kernel/confirm.py).
    "round_cancel": Org(allowed={R.COORDINATOR}, obj="screening_round", method="post", ok=(200,)),
    "outreach_queue": Org(allowed={R.COUNSELOR}),
    "outreach_done": Org(allowed={R.COUNSELOR}, obj="administration", method="post", ok=(302,)),
    # Asking for help without signing in (a member of the organization is sent to the signed-in form)
    "ask_public": PublicOrg(member_status=302),
    "ask_return": PublicOrg(),
    "ask_status": PublicOrg(
        status=302, objects="anonymous_code"
    ),  # no PIN given in this browser: to the code form
    "ask_withdraw": PublicOrg(status=302, method="post", objects="anonymous_code"),
    "ask_thread": PublicOrg(status=404, objects="anonymous_code"),
    "ask_typing_check": PublicOrg(method="post"),
    # Tier 1: help requests (the member's own request is the object), triage, matching
    "help_home": Org(allowed=EVERY_ROLE),
    "help_new": Org(allowed=EVERY_ROLE),
    # The warning while typing (an empty POST reads no words and answers an empty 200)
    "typing_check": Org(allowed=EVERY_ROLE, method="post"),
    "help_request_detail": Org(allowed={R.MEMBER, R.COUNSELOR}, obj="help_request"),
    "help_request_reply": Org(allowed={R.MEMBER, R.COUNSELOR}, obj="help_request", method="post", ok=(302,)),
    # A post without confirm=yes is answered with the confirmation page (kernel/confirm.py).
    "help_request_withdraw": Org(allowed={R.MEMBER}, obj="help_request", method="post", ok=(200,)),
    "help_request_triage": Org(allowed={R.COUNSELOR}, obj="help_request", method="post", ok=(302,)),
    "help_request_take": Org(allowed={R.COUNSELOR}, obj="help_request", method="post", ok=(302,)),
    "help_request_contact": Org(allowed={R.COUNSELOR}, obj="help_request", method="post", ok=(302,)),
    "help_request_close": Org(allowed={R.COUNSELOR}, obj="help_request", method="post", ok=(302,)),
    "help_request_step_down": Org(allowed={R.COUNSELOR}, obj="help_request", method="post", ok=(302,)),
    "help_request_match": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="help_request"),
    "triage_queue": Org(allowed={R.COUNSELOR}),
    # Support relationships: the member accompanied by the peer supporter, and the counselors
    "relationship_list": Org(allowed=EVERY_ROLE),
    "relationship_detail": Org(allowed={R.MEMBER, R.PEER_SUPPORTER, R.COUNSELOR}, obj="relationship"),
    "relationship_thread": Org(allowed={R.MEMBER, R.PEER_SUPPORTER, R.COUNSELOR}, obj="relationship"),
    "message_report": Org(
        allowed={R.MEMBER, R.PEER_SUPPORTER},
        obj="relationship",
        method="post",
        ok=(302,),
        extra_objects={"message": "message"},
    ),
    "session_log": Org(allowed={R.PEER_SUPPORTER}, obj="relationship", method="post", ok=(302,)),
    "relationship_step_up": Org(
        allowed={R.PEER_SUPPORTER, R.COUNSELOR}, obj="relationship", method="post", ok=(302,)
    ),
    "relationship_close": Org(
        allowed={R.PEER_SUPPORTER, R.COUNSELOR}, obj="relationship", method="post", ok=(302,)
    ),
    "relationship_pause": Org(
        allowed={R.PEER_SUPPORTER, R.COUNSELOR}, obj="relationship", method="post", ok=(302,)
    ),
    "relationship_feedback": Org(allowed={R.MEMBER}, obj="relationship", method="post", ok=(302,)),
    "relationship_reassign": Org(allowed={R.COUNSELOR}, obj="relationship", method="post", ok=(302,)),
    "relationship_supervision_note": Org(allowed={R.COUNSELOR}, obj="relationship", method="post", ok=(302,)),
    "supporter_list": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "supporter_edit": Org(allowed={R.COORDINATOR}, obj="person", objects="supporter_person"),
    # Declaring and lifting a conflict (an empty form: back to the supporter's page with a message)
    "supporter_conflict_add": Org(
        allowed={R.COORDINATOR}, obj="person", objects="supporter_person", method="post", ok=(302,)
    ),
    "supporter_conflict_remove": Org(
        allowed={R.COORDINATOR}, obj="person", objects="supporter_person", method="post", ok=(302,)
    ),
    "supervision": Org(allowed={R.COUNSELOR}),
    "buddy_home": Org(allowed={R.COORDINATOR}),
    "buddy_batch": Org(allowed={R.COORDINATOR}, obj="batch"),
    "buddy_pair_edit": Org(allowed={R.COORDINATOR}, obj="batch", method="post", ok=(302,)),  # empty form
    "buddy_batch_confirm": Org(allowed={R.COORDINATOR}, obj="batch", method="post", ok=(302,)),
    # A post without confirm=yes is answered with the confirmation page (kernel/confirm.py).
    "buddy_batch_discard": Org(allowed={R.COORDINATOR}, obj="batch", method="post", ok=(200,)),
    # Tier 2: the case book (the counselor of the fixtures is assigned to the case)
    "case_list": Org(allowed={R.COUNSELOR}),
    "case_new": Org(allowed={R.COUNSELOR}, obj="person"),
    "case_from_request": Org(allowed={R.COUNSELOR}, obj="help_request", method="post", ok=(302,)),
    # GET: the outreach list's link to a short page with the form, which posts to the same URL.
    "case_from_screening": Org(allowed={R.COUNSELOR}, obj="administration"),
    "case_detail": Org(allowed={R.COUNSELOR}, obj="case"),
    "case_timeline": Org(allowed={R.COUNSELOR}, obj="case"),  # "Show earlier" on the case page
    "case_edit": Org(allowed={R.COUNSELOR}, obj="case"),
    "case_status": Org(allowed={R.COUNSELOR}, obj="case", method="post", ok=(302,)),
    "case_close": Org(allowed={R.COUNSELOR}, obj="case", method="post", ok=(302,)),
    "case_reopen": Org(allowed={R.COUNSELOR}, obj="case", method="post", ok=(302,)),
    "session_new": Org(allowed={R.COUNSELOR}, obj="case"),
    "session_edit": Org(allowed={R.COUNSELOR}, obj="case", extra_objects={"session": "session"}),
    "case_break_glass": Org(allowed={R.COUNSELOR}, obj="case", method="post", ok=(302,)),
    "case_step_down": Org(allowed={R.COUNSELOR}, obj="case", method="post", ok=(302,)),
    "case_measure": Org(allowed={R.COUNSELOR}, obj="case", extra={"code": "gad7"}),
    "follow_up_add": Org(allowed={R.COUNSELOR}, obj="case", method="post", ok=(302,)),
    "follow_up_list": Org(allowed={R.COUNSELOR}),
    "follow_up_done": Org(allowed={R.COUNSELOR}, obj="follow_up", method="post", ok=(302,)),
    "partner_list": Org(allowed=CARE_STAFF),
    "partner_new": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "partner_edit": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="partner"),
    "referral_new": Org(allowed={R.COUNSELOR}, obj="case"),
    # The partner of the fixtures signs in for the partner the referral is addressed to.
    "referral_list": Org(allowed={R.COUNSELOR, R.PARTNER}),
    "referral_detail": Org(allowed={R.COUNSELOR, R.PARTNER}, obj="referral"),
    "referral_update": Org(allowed={R.COUNSELOR, R.PARTNER}, obj="referral", method="post", ok=(302,)),
    "referral_letter": Org(allowed={R.COUNSELOR, R.PARTNER}, obj="referral"),
    "training_home": Org(allowed={R.PEER_SUPPORTER}),
    "module_detail": Org(allowed={R.PEER_SUPPORTER}, extra={"code": "active_listening"}),
    "quiz_start": Org(
        allowed={R.PEER_SUPPORTER}, method="post", ok=(302,), extra={"code": "active_listening"}
    ),
    "quiz_attempt": Org(allowed={R.PEER_SUPPORTER}, obj="attempt", objects="quiz_attempt"),
    "certificate_pdf": Org(allowed={R.PEER_SUPPORTER, R.COORDINATOR}, obj="certification"),
    "curriculum": Org(allowed={R.COORDINATOR}),
    "curriculum_install": Org(allowed={R.COORDINATOR}, method="post", ok=(302,)),
    "module_edit": Org(allowed={R.COORDINATOR}, obj="module"),
    "trainees": Org(allowed={R.COORDINATOR, R.COUNSELOR}),
    "trainee_detail": Org(allowed={R.COORDINATOR, R.COUNSELOR}, obj="person", objects="supporter_person"),
    "trainee_practice": Org(
        allowed={R.COUNSELOR}, obj="person", objects="supporter_person", method="post", ok=(302,)
    ),
    "trainee_certify": Org(
        allowed={R.COORDINATOR}, obj="person", objects="supporter_person", method="post", ok=(302,)
    ),
    "supporter_evaluation": Org(
        allowed={R.PEER_SUPPORTER, R.COUNSELOR}, obj="person", objects="supporter_person"
    ),
    "join_home": Org(allowed=EVERY_ROLE),
    "apply": Org(allowed=EVERY_ROLE, obj="recruitment_round"),
    "nomination_answer": Org(allowed={R.MEMBER}, obj="nomination", method="post", ok=(302,)),
    "application_withdraw": Org(allowed={R.MEMBER}, obj="application", method="post", ok=(302,)),
    "application_detail": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="application"),
    # Scoring (the panel's counselors) and deciding (the coordinator): an empty form is refused.
    "application_score": Org(allowed={R.COUNSELOR}, obj="application", method="post", ok=(400,)),
    "application_decide": Org(allowed={R.COORDINATOR}, obj="application", method="post", ok=(400,)),
    "recruitment_list": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "recruitment_round": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="recruitment_round"),
    "nominate": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="recruitment_round", method="post", ok=(302,)),
    # A post without confirm=yes is answered with the confirmation page (kernel/confirm.py).
    "recruitment_publish": Org(allowed={R.COORDINATOR}, obj="recruitment_round", method="post", ok=(200,)),
    "rubric": Org(allowed={R.COORDINATOR}),
    "live_sessions": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "live_session": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="session", objects="live_session"),
    "supervision_sessions": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "supervision_plan": Org(allowed={R.COUNSELOR}, method="post", ok=(400,)),  # empty form
    # The counselor of the fixtures supervises the session; a coordinator may take attendance.
    "supervision_session": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="session", objects="supervision_session"
    ),
    "supervision_record": Org(
        allowed={R.COUNSELOR}, obj="session", objects="supervision_session", method="post", ok=(400,)
    ),
    "supervision_attendance": Org(
        allowed={R.COUNSELOR, R.COORDINATOR},
        obj="session",
        objects="supervision_session",
        method="post",
        ok=(400,),
    ),
    "program_overview": Org(allowed={R.COORDINATOR}),
    "supporter_me": Org(allowed={R.PEER_SUPPORTER}),
    "supporter_pause": Org(allowed={R.PEER_SUPPORTER}, method="post", ok=(302,)),
    "journal": Org(allowed={R.COUNSELOR}),
    "journal_report": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "visit_new": Org(allowed={R.COUNSELOR}, obj="case"),
    "visit_edit": Org(allowed={R.COUNSELOR}, obj="case", extra_objects={"visit": "visit"}),
    "visit_pdf": Org(allowed={R.COUNSELOR}, obj="case", extra_objects={"visit": "visit"}),
    "conference_new": Org(allowed={R.COUNSELOR}, obj="case"),
    "conference_row": Org(allowed={R.COUNSELOR}, obj="case", extra={"kind": "participants"}),
    "conference_edit": Org(allowed={R.COUNSELOR}, obj="case", extra_objects={"conference": "conference"}),
    "conference_pdf": Org(allowed={R.COUNSELOR}, obj="case", extra_objects={"conference": "conference"}),
    # Privacy: consent records (counselors and the admin who files the forms), and the settings
    "consent_new": Org(allowed={R.COUNSELOR, R.ORG_ADMIN}, obj="person"),
    # A post without confirm=yes is answered with the confirmation page (kernel/confirm.py).
    "consent_withdraw": Org(allowed={R.COUNSELOR, R.ORG_ADMIN}, obj="consent", method="post", ok=(200,)),
    "privacy_settings": Org(allowed={R.ORG_ADMIN}),
    # A person's own data: everyone asks for their own; only the person downloads it (anyone else,
    # staff included, gets 404); admins prepare a copy for a guardian.
    "my_data": Org(allowed=EVERY_ROLE),
    "my_data_progress": Org(allowed=EVERY_ROLE),
    "my_data_download": Org(
        allowed={R.MEMBER}, obj="export", objects="own_export", extra={"kind": "pdf"}, refusal=404
    ),
    "my_data_delete": Org(
        allowed={R.MEMBER}, obj="export", objects="own_export", method="post", ok=(302,), refusal=404
    ),
    "person_export": Org(allowed={R.ORG_ADMIN}, obj="person"),
    "person_export_progress": Org(allowed={R.ORG_ADMIN}, obj="person"),
    "person_export_download": Org(
        allowed={R.ORG_ADMIN},
        obj="person",
        extra={"kind": "pdf"},
        extra_objects={"export": "guardian_export"},
    ),
    "person_export_delete": Org(
        allowed={R.ORG_ADMIN},
        obj="person",
        method="post",
        ok=(302,),
        extra_objects={"export": "guardian_export"},
    ),
    # The de-identified records export (evaluation): organization admins; only the admin who asked
    # downloads (the fixtures' admin asked for the file below).
    "records_export": Org(allowed={R.ORG_ADMIN}),
    "records_export_progress": Org(allowed={R.ORG_ADMIN}),
    "records_export_download": Org(allowed={R.ORG_ADMIN}, obj="export", objects="records_export"),
    "records_export_delete": Org(
        allowed={R.ORG_ADMIN}, obj="export", objects="records_export", method="post", ok=(302,)
    ),
    # Awareness campaigns (counselors and coordinators); posts without a form go back with a message
    "campaign_list": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "campaign_new": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "campaign_detail": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="campaign"),
    "campaign_edit": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="campaign"),
    "campaign_activities": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="campaign", method="post", ok=(302,)
    ),
    "campaign_survey": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="campaign", method="post", ok=(302,), extra={"which": "pre"}
    ),
    # The calendar, for everyone (each entry by its own policy), and its iCalendar feed: the secret
    # address is the key, so the feed answers anyone, and 404 for an address that is not one.
    "calendar": Org(allowed=EVERY_ROLE),
    "calendar_feed": Org(allowed=EVERY_ROLE),
    "calendar_ics": Public(status=404, kwargs={"token": "not-a-token"}),
    # The BK program (issue 15): counselors and coordinators; a post without confirm=yes is
    # answered with the confirmation page, an empty form with 400.
    "bk_program_list": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "bk_program_new": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "bk_program_detail": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program"),
    "bk_program_edit": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program"),
    "bk_program_approve": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program", method="post", ok=(200,)),
    "bk_item_new": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program"),
    "bk_item_edit": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="program", extra_objects={"item": "bk_item"}
    ),
    "bk_item_remove": Org(
        allowed={R.COUNSELOR, R.COORDINATOR},
        obj="program",
        extra_objects={"item": "bk_item"},
        method="post",
        ok=(200,),
    ),
    "bk_program_from_needs": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="program", method="post", ok=(302,)
    ),
    "bk_semester": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program"),
    "bk_placement_remove": Org(
        allowed={R.COUNSELOR, R.COORDINATOR},
        obj="program",
        extra_objects={"placement": "bk_placement"},
        method="post",
        ok=(200,),
    ),
    "bk_progress": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program"),
    "bk_program_pdf": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program"),
    "bk_program_xlsx": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="program"),
    "bk_plan_list": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "bk_plan_new": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "bk_plan_edit": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="plan", objects="bk_plan"),
    "bk_plan_pdf": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="plan", objects="bk_plan"),
    # Needs assessment (issue 15): results for staff, the questionnaires for the coordinator
    "needs_results": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "needs_questionnaires": Org(allowed={R.COORDINATOR}),
    "needs_copy": Org(allowed={R.COORDINATOR}, method="post", ok=(302,), extra={"code": "akpd"}),
    "needs_edit": Org(allowed={R.COORDINATOR}, obj="code", objects="needs_code"),
    # Activities (issue 15): an open group guidance led by the counselor, the member registered,
    # the peer supporter offered it (audience), a meeting now with its QR code open.
    "activity_list": Org(allowed=EVERY_ROLE),
    "activity_new": Org(allowed={R.COUNSELOR, R.COORDINATOR}),
    "activity_attend": Org(allowed={R.MEMBER}, obj="code", objects="attendance_code"),
    "activity_detail": Org(allowed={R.COUNSELOR, R.COORDINATOR, R.MEMBER, R.PEER_SUPPORTER}, obj="activity"),
    "activity_edit": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="activity"),
    # Psychosocial response: the responders of the organization (its own or a joined incident).
    "incident_list": Org(allowed=RESPONDERS),
    "incident_new": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}),
    "incident_detail": Org(allowed=RESPONDERS, obj="incident"),
    "incident_edit": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}, obj="incident"),
    "affected_register": Org(allowed=RESPONDERS, obj="incident"),
    "affected_detail": Org(allowed=RESPONDERS, obj="incident", extra_objects={"affected": "affected"}),
    "affected_person": Org(allowed=RESPONDERS, obj="affected", ok=(302,)),
    "contact_new": Org(allowed=RESPONDERS, obj="incident", extra_objects={"affected": "affected"}),
    "need_new": Org(allowed=RESPONDERS, obj="incident", extra_objects={"affected": "affected"}),
    "need_list": Org(allowed=RESPONDERS, obj="incident"),
    "need_edit": Org(allowed=RESPONDERS, obj="incident", extra_objects={"need": "need"}),
    # Joining a response (any responder sees who takes part; the lead's managers invite, by POST
    # to the same page) and the invited organization's coordinators and admins answering.
    "response_partners": Org(allowed=RESPONDERS, obj="incident"),
    "response_answer": Org(
        allowed={R.COORDINATOR, R.ORG_ADMIN},
        obj="member",
        objects="response_member",
        method="post",
        ok=(302,),
    ),
    # The review list of likely duplicates, merging and "not the same person" (an empty form is
    # sent back to the list with a message).
    "duplicate_review": Org(allowed=RESPONDERS, obj="incident"),
    "duplicate_merge": Org(allowed=RESPONDERS, obj="incident", method="post", ok=(302,)),
    "duplicate_not_same": Org(allowed=RESPONDERS, obj="incident", method="post", ok=(302,)),
    "incident_follow_ups": Org(allowed=RESPONDERS, obj="incident"),
    "incident_follow_up": Org(
        allowed=RESPONDERS, obj="incident", extra_objects={"follow_up": "incident_follow_up"}
    ),
    # An incident's report: every responder on screen; the files that leave Sebaya, managers.
    "incident_report": Org(allowed=RESPONDERS, obj="incident"),
    "incident_report_csv": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}, obj="incident"),
    "incident_report_xlsx": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}, obj="incident"),
    "incident_report_pdf": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}, obj="incident"),
    "activity_register": Org(allowed={R.MEMBER, R.PEER_SUPPORTER}, obj="activity"),
    # A post without confirm=yes is answered with the confirmation page.
    "activity_withdraw": Org(allowed={R.MEMBER}, obj="activity", method="post", ok=(200,)),
    "activity_enrol": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="activity"),
    "meeting_new": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="activity"),
    "meeting_detail": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="activity", extra_objects={"meeting": "activity_meeting"}
    ),
    "meeting_qr": Org(
        allowed={R.COUNSELOR, R.COORDINATOR}, obj="activity", extra_objects={"meeting": "activity_meeting"}
    ),
    "material_upload": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="activity", method="post", ok=(302,)),
    "material_download": Org(
        allowed={R.COUNSELOR, R.COORDINATOR, R.MEMBER, R.PEER_SUPPORTER},
        obj="activity",
        extra_objects={"material": "activity_material"},
    ),
    # Nothing held yet: the participant is sent back to the activity.
    "activity_feedback": Org(allowed={R.MEMBER}, obj="activity", ok=(302,)),
    "activity_evaluate": Org(allowed={R.COUNSELOR, R.COORDINATOR}, obj="activity"),
    "activity_concern": Org(
        allowed={R.COUNSELOR}, obj="activity", extra_objects={"person": "activity_participant"}
    ),
    # Network pages: aggregates for the network's viewers only
    "network_home": Network(allowed_kinds={"network_viewer"}),
    # Evaluation: aggregates for the coordinator and the admin; the network's for its viewers
    "evaluation_dashboard": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}),
    "evaluation_table_export": Org(
        allowed={R.COORDINATOR, R.ORG_ADMIN}, extra={"key": "screening_severity", "kind": "csv"}
    ),
    # The printed report: the dashboard's choices (the current period when none) as a PDF
    "evaluation_report_pdf": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}),
    # Count the figures again now (the current period when none), then back to the dashboard
    "evaluation_refresh": Org(allowed={R.COORDINATOR, R.ORG_ADMIN}, method="post", ok=(302,)),
    "network_evaluation": Network(allowed_kinds={"network_viewer"}),
    "network_evaluation_refresh": Network(allowed_kinds={"network_viewer"}, method="post", ok=302),
    "network_evaluation_export": Network(allowed_kinds={"network_viewer"}, extra={"kind": "csv"}),
}


def url_names():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern.name

    return list(walk(get_resolver().url_patterns))


def test_every_url_pattern_has_an_entry():
    names = url_names()
    assert None not in names, "every URL pattern needs a name"
    missing = sorted(set(names) - set(MATRIX))
    assert not missing, f"URL patterns without an access-matrix entry: {missing}"
    stale = sorted(set(MATRIX) - set(names))
    assert not stale, f"access-matrix entries for URLs that no longer exist: {stale}"


@pytest.fixture
def objects(org, other_org, users, student, other_org_membership):
    def roster(organization, by):
        return RosterImport.objects.create(organization=organization, uploaded_by=by, file_name="r.csv")

    def alert(organization, person):
        return alert_raise(
            organization=organization, level="crisis", source="counselor_mark", person=person
        ).pk

    def administration(organization, person):
        return administration_record(
            organization=organization, person=person, instrument=get_instrument("phq9"), answers=[0] * 9
        ).pk

    def screening_round(organization, by):
        today = timezone.localdate()
        return round_schedule(
            organization=organization,
            title="Round",
            instrument=get_instrument("phq9"),
            population="organization",
            opens_on=today,
            closes_on=today,
            by=by,
        )

    def help_request(organization, person):
        return support_services.help_request_submit(
            organization=organization, person=person, topic="academic"
        )[0]

    def relationship(organization, request_obj, supporter_membership):
        support_services.supporter_profile_save(membership=supporter_membership, by=None, certified=True)
        return support_services.relationship_start(
            help_request=request_obj, supporter_id=supporter_membership.supporter_profile.pk, by=None
        )

    own_request = help_request(org, users["member"].person)
    other_request = help_request(other_org, other_org_membership.person)
    own_supporter = users["peer_supporter"].person.memberships.get(organization=org)
    other_supporter, _user = make_person(other_org, "O-PS", roles=[R.PEER_SUPPORTER])
    own_relationship = relationship(org, own_request, own_supporter)
    other_relationship = relationship(other_org, other_request, other_supporter)
    anonymous_request = support_services.help_request_submit(organization=org, topic="family")[0]

    def message(relationship_obj):
        return support_services.message_send(
            relationship=relationship_obj, body="halo", from_supporter=True
        ).pk

    def case(organization, person, by):
        opened = counseling_services.case_open(
            organization=organization, person=person, by=by, summary="Sulit tidur", domain="pribadi"
        )
        session = counseling_services.session_record(
            case=opened,
            by=by,
            date=timezone.localdate(),
            discussed="Cerita soal tidur",
            confidential_note="rahasia",
        )
        return opened, session

    own_case, own_session = case(org, student.person, users["counselor"])
    other_case, other_session = case(other_org, other_org_membership.person, users["outsider"])

    def partner_and_referral(organization, case_obj, by, partner_user=None):
        partner = counseling_services.partner_save(
            organization=organization,
            by=by,
            users=[partner_user] if partner_user else [],
            name="Psikolog Mitra",
            kind="psychologist",
        )
        referral = counseling_services.referral_create(
            case=case_obj,
            partner=partner,
            by=by,
            reason="Perlu asesmen psikolog",
            shared=["summary"],
            consent="person",
            consent_method="in_person",
        )
        return partner, referral

    own_partner, own_referral = partner_and_referral(org, own_case, users["counselor"], users["partner"])
    other_partner, other_referral = partner_and_referral(other_org, other_case, users["outsider"])

    program_services.curriculum_install(organization=org)
    program_services.curriculum_install(organization=other_org)
    own_module = Module.objects.get(organization=org, code="active_listening")
    other_module = Module.objects.get(organization=other_org, code="active_listening")
    own_certification = Certification.objects.create(
        organization=org,
        person=users["peer_supporter"].person,
        number="SEBAYA/2026/0001",
        expires_on=timezone.localdate(),
        issued_by=users["coordinator"],
    )
    other_certification = Certification.objects.create(
        organization=other_org,
        person=other_supporter.person,
        number="SEBAYA/2026/0001",
        expires_on=timezone.localdate(),
        issued_by=users["outsider"],
    )

    def recruitment_objects(organization, by, applicant, supporter_person, supervisor):
        today = timezone.localdate()
        recruitment_round = recruitment.round_create(
            organization=organization,
            by=by,
            title="Rekrutmen",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=7),
            places=3,
            guardian_consent=False,
        )
        nomination = recruitment.nominate(
            recruitment_round=recruitment_round, person=applicant, by=by, reason="x"
        )
        application = recruitment.apply(
            recruitment_round=recruitment_round,
            person=applicant,
            motivation="Ingin membantu",
            availability=[],
        )
        nomination.status = "pending"  # answered by applying; the matrix answers it again
        nomination.save()
        live = supervision.live_session_schedule(
            module=Module.objects.get(organization=organization, code="active_listening"),
            starts_at=timezone.now(),
            place="Aula",
            by=by,
        )
        profile = SupporterProfile.objects.get(membership__person=supporter_person)
        session = supervision.supervision_schedule(
            organization=organization,
            kind="individual",
            starts_at=timezone.now(),
            place="Ruang BK",
            by=supervisor,
            supporters=[profile],
        )
        return recruitment_round, nomination, application, live, session

    own_recruitment = recruitment_objects(
        org, users["coordinator"], users["member"].person, users["peer_supporter"].person, users["counselor"]
    )
    other_recruitment = recruitment_objects(
        other_org, users["outsider"], other_org_membership.person, other_supporter.person, users["outsider"]
    )

    def data_export(organization, person, by, purpose):
        return DataExport.objects.create(
            organization=organization,
            person=person,
            requested_by=by,
            purpose=purpose,
            status=DataExport.Status.READY,
            json_data=b"{}",
            pdf_data=b"%PDF-1.7",
            ready_at=timezone.now(),
            expires_at=timezone.now() + datetime.timedelta(days=7),
        ).pk

    def records_export(organization, by):
        return RecordsExport.objects.create(
            organization=organization,
            requested_by=by,
            reason="Evaluasi program",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            status=RecordsExport.Status.READY,
            data=b"PK",
            ready_at=timezone.now(),
            expires_at=timezone.now() + datetime.timedelta(days=7),
        ).pk

    own_round = screening_round(org, users["coordinator"])
    other_round = screening_round(other_org, users["outsider"])
    # PHQ-9 total 10: moderate, so the person is offered peer support or a group.
    moderate = [2, 2, 2, 2, 2, 0, 0, 0, 0]

    def credential_request(organization, user, requested_by):
        return CredentialRequest.objects.create(
            organization=organization,
            user=user,
            kind="email",
            new_email="x@example.org",
            requested_by=requested_by,
        ).pk

    other_account = User.objects.create_user(username="o-acc", person=other_org_membership.person)

    def text_flag(organization, person):
        return TextFlag.objects.create(
            organization=organization,
            person=person,
            source_ref="support.message:1",
            day=timezone.localdate(),
            score=0.7,
        ).pk

    def campaign(organization, by):
        today = timezone.localdate()
        return Campaign.objects.create(
            organization=organization,
            title="Kampanye",
            goal="x",
            starts_on=today,
            ends_on=today,
            created_by=by,
        ).pk

    def bk_program(organization, by):
        program = bk_services.program_create(organization=organization, by=by, school_year="2026/2027")
        item = program.items.first()
        placement = bk_services.placement_add(
            item=item, by=by, semester=1, week_of=datetime.date(2026, 8, 10)
        )
        plan = bk_plans.plan_save(
            organization=organization,
            by=by,
            item=item,
            **{**bk_plans.initial_from_item(item), "semester": 1, "goals": "Tujuan"},
        )
        return program.pk, item.pk, placement.pk, plan.pk

    own_bk, other_bk = bk_program(org, users["coordinator"]), bk_program(other_org, users["outsider"])

    return {
        "campaign": (campaign(org, users["coordinator"]), campaign(other_org, users["outsider"])),
        "flag": (text_flag(org, student.person), text_flag(other_org, other_org_membership.person)),
        "member_person": (users["member"].person_id, other_org_membership.person_id),
        "credential_request": (
            credential_request(org, users["counselor"], users["coordinator"]),
            credential_request(other_org, other_account, users["outsider"]),
        ),
        "own_credential_request": (
            credential_request(org, users["partner"], users["org_admin"]),
            credential_request(other_org, users["outsider"], users["outsider"]),
        ),
        "administration": (
            administration(org, student.person),
            administration(other_org, other_org_membership.person),
        ),
        "own_moderate_result": (
            administration_record(
                organization=org,
                person=users["member"].person,
                instrument=get_instrument("phq9"),
                answers=moderate,
            ).pk,
            administration_record(
                organization=other_org,
                person=other_org_membership.person,
                instrument=get_instrument("phq9"),
                answers=moderate,
            ).pk,
        ),
        "invitation": (
            own_round.invitations.get(person=users["member"].person).pk,
            other_round.invitations.get(person=other_org_membership.person).pk,
        ),
        "screening_round": (own_round.pk, other_round.pk),
        "help_request": (own_request.pk, other_request.pk),
        "relationship": (own_relationship.pk, other_relationship.pk),
        "message": (message(own_relationship), message(other_relationship)),
        "supporter_person": (users["peer_supporter"].person_id, other_supporter.person_id),
        "anonymous_code": (anonymous_request.request_code, "ZZZZ-ZZZZ"),
        "case": (own_case.pk, other_case.pk),
        "module": (own_module.pk, other_module.pk),
        "quiz_attempt": (
            program_services.quiz_start(person=users["peer_supporter"].person, module=own_module).pk,
            program_services.quiz_start(person=other_supporter.person, module=other_module).pk,
        ),
        "certification": (own_certification.pk, other_certification.pk),
        **{
            name: (own_recruitment[n].pk, other_recruitment[n].pk)
            for n, name in enumerate(
                ["recruitment_round", "nomination", "application", "live_session", "supervision_session"]
            )
        },
        "partner": (own_partner.pk, other_partner.pk),
        "visit": tuple(
            counseling_services.visit_save(
                case=c, by=by, planned_on=timezone.localdate(), purpose="Bertemu orang tua", visitors="Bu Sri"
            ).pk
            for c, by in ((own_case, users["counselor"]), (other_case, users["outsider"]))
        ),
        "conference": tuple(
            counseling_services.conference_save(
                case=c,
                by=by,
                date=timezone.localdate(),
                agenda="Membahas kehadiran",
                participants=[{"name": "Pak Andi", "role": "homeroom", "attended": True}],
                actions=[{"what": "Telepon orang tua", "who": "Bu Sri", "due_on": timezone.localdate()}],
            ).pk
            for c, by in ((own_case, users["counselor"]), (other_case, users["outsider"]))
        ),
        "referral": (own_referral.pk, other_referral.pk),
        "follow_up": (
            counseling_services.follow_up_add(
                case=own_case, by=users["counselor"], what="Telepon orang tua", due_on=timezone.localdate()
            ).pk,
            counseling_services.follow_up_add(
                case=other_case, by=users["outsider"], what="x", due_on=timezone.localdate()
            ).pk,
        ),
        "session": (own_session.pk, other_session.pk),
        "batch": (
            support_services.buddy_batch_propose(organization=org, intake_grade="10").pk,
            support_services.buddy_batch_propose(organization=other_org, intake_grade="10").pk,
        ),
        # Instruments are not an organization's records: the same code exists everywhere, so "the
        # other organization's object" is simply one that does not exist.
        "code": ("phq9", "no-such-instrument"),
        **activity_objects(org, other_org, users, other_org_membership),
        **incident_objects(org, other_org, users),
        **response_objects(org, other_org, users),
        "alert": (alert(org, student.person), alert(other_org, other_org_membership.person)),
        "person": (student.person_id, other_org_membership.person_id),
        "roster_import": (roster(org, users["org_admin"]).pk, roster(other_org, users["outsider"]).pk),
        "consent": tuple(
            consent_record(
                organization=organization,
                person=person,
                purpose="screening",
                given_by="self",
                method="app",
                by=by,
            ).pk
            for organization, person, by in (
                (org, student.person, users["counselor"]),
                (other_org, other_org_membership.person, users["outsider"]),
            )
        ),
        "own_export": (
            data_export(org, users["member"].person, users["member"], "self"),
            data_export(other_org, other_org_membership.person, users["outsider"], "self"),
        ),
        **{
            name: (own_bk[n], other_bk[n])
            for n, name in enumerate(["program", "bk_item", "bk_placement", "bk_plan"])
        },
        "needs_code": tuple(
            needs_services.questionnaire_copy(organization=organization, base_code="dcm", by=by).code
            for organization, by in ((org, users["coordinator"]), (other_org, users["outsider"]))
        ),
        "records_export": (
            records_export(org, users["org_admin"]),
            records_export(other_org, users["outsider"]),
        ),
        "guardian_export": (
            data_export(org, student.person, users["org_admin"], "guardian"),
            data_export(other_org, other_org_membership.person, users["outsider"], "guardian"),
        ),
    }


def activity_objects(org, other_org, users, other_org_membership) -> dict:
    """An activity of each organization, with a meeting now (its QR code open), a material and a
    registered participant."""
    from sebaya.guidance.services import activities as guidance
    from sebaya.guidance.services import attendance
    from sebaya.guidance.services import registration as registering

    _membership, other_counselor = make_person(other_org, "O-C", roles=[R.COUNSELOR], username="o-counselor")
    made = []
    for organization, counselor, participant in (
        (org, users["counselor"], users["member"].person),
        (other_org, other_counselor, other_org_membership.person),
    ):
        activity = guidance.activity_create(
            organization=organization,
            by=counselor,
            kind="bimbingan_kelompok",
            title="Mengelola stres",
            audience="open",
            facilitators=[counselor],
        )
        now = timezone.now()
        meeting = guidance.meeting_add(
            activity=activity,
            starts_at=now,
            ends_at=now + datetime.timedelta(hours=1),
            place="BK",
            by=counselor,
        )
        attendance.scanning_open(meeting=meeting, by=counselor)
        material = guidance.material_add(activity=activity, name="m.pdf", data=b"%PDF-1.7", by=counselor)
        registering.register(activity=activity, person=participant, agreed=True)
        made.append((activity, meeting, material, participant))
    return {
        "activity": tuple(a.pk for a, *_rest in made),
        "activity_meeting": tuple(m.pk for _a, m, *_rest in made),
        "attendance_code": tuple(m.attendance_code for _a, m, *_rest in made),
        "activity_material": tuple(f.pk for *_rest, f, _p in made),
        "activity_participant": tuple(p.pk for *_rest, p in made),
    }


def incident_objects(org, other_org, users) -> dict:
    """An incident led by each organization, with one person registered."""
    import uuid

    from sebaya.psychosocial.services.incidents import incident_create
    from sebaya.psychosocial.services.needs import need_add
    from sebaya.psychosocial.services.registration import affected_register

    made = []
    for organization, by in ((org, users["coordinator"]), (other_org, users["outsider"])):
        incident = incident_create(
            organization=organization, by=by, kind="flood", title="Banjir", started_on=timezone.localdate()
        )
        affected, _made = affected_register(
            incident=incident,
            organization=organization,
            by=by,
            client_id=uuid.uuid4(),
            full_name="Warga Terdampak",
            gender="female",
            age_years=30,
            consent="self",
        )
        need, _made = need_add(organization=organization, by=by, kind="shelter", affected=affected)
        made.append((incident, affected, need))
    return {
        "incident": tuple(i.pk for i, *_rest in made),
        "affected": tuple(a.pk for _i, a, _n in made),
        "need": tuple(n.pk for *_rest, n in made),
        # Scheduled when the person was registered.
        "incident_follow_up": tuple(a.follow_ups.get(day=7).pk for _i, a, _n in made),
    }


def response_objects(org, other_org, users) -> dict:
    """An invitation to each organization to join the other's response."""
    from sebaya.psychosocial.services.incidents import incident_create
    from sebaya.psychosocial.services.response import response_invite

    made = []
    for invited, lead, by in ((org, other_org, users["outsider"]), (other_org, org, users["coordinator"])):
        incident = incident_create(
            organization=lead, by=by, kind="fire", title="Kebakaran", started_on=timezone.localdate()
        )
        made.append(response_invite(incident=incident, organization=invited, by=by).pk)
    return {"response_member": tuple(made)}


def request(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name, client_as, org, other_org, network, objects):
    entry = MATRIX[name]
    for kind in ALL_KINDS:
        client = client_as(kind)
        if isinstance(entry, Public):
            response = request(client, entry.method, reverse(name, kwargs=entry.kwargs))
            expected = (
                entry.status
                if kind == "anonymous" or entry.signed_in_status is None
                else entry.signed_in_status
            )
            assert response.status_code == expected, (name, kind, response.status_code)
        elif isinstance(entry, SignedIn):
            response = request(client, entry.method, reverse(name, kwargs=entry.kwargs))
            expected = entry.status if kind != "anonymous" else 302
            assert response.status_code == expected, (name, kind, response.status_code)
            if kind == "anonymous":
                assert "/accounts/login/" in response["Location"]
        elif isinstance(entry, Auth):
            if kind not in {"anonymous", "member"}:
                continue  # allauth's own pages: an anonymous visitor and a signed-in member are enough
            response = client.get(reverse(name, kwargs=entry.kwargs))
            expected = entry.anonymous if kind == "anonymous" else entry.signed_in
            assert response.status_code == expected, (name, kind, response.status_code)
        elif isinstance(entry, PublicOrg):
            check_public_org_entry(name, entry, kind, client, org, objects)
        elif isinstance(entry, Network):
            send = getattr(client, entry.method)
            response = send(reverse(name, kwargs={"network": network.slug, **entry.extra}))
            if kind == "anonymous":
                assert response.status_code == 302 and "/accounts/login/" in response["Location"]
            elif kind in entry.allowed_kinds:
                assert response.status_code == entry.ok, (name, kind)
            else:
                assert response.status_code == 404, (name, kind, response.status_code)
        else:
            check_org_entry(name, entry, kind, client, org, other_org, objects)


def check_public_org_entry(name, entry, kind, client, org, objects):
    def url(slug):
        kwargs = {"org": slug}
        if entry.objects:
            kwargs["code"] = objects[entry.objects][0]
        return reverse(name, kwargs=kwargs)

    response = request(client, entry.method, url("no-such-organization"))
    assert response.status_code == 404, (name, kind, "unknown organization", response.status_code)
    expected = entry.member_status if entry.member_status and kind in ORG_MEMBERS else entry.status
    response = request(client, entry.method, url(org.slug))
    assert response.status_code == expected, (name, kind, response.status_code)


def check_org_entry(name, entry, kind, client, org, other_org, objects):
    def url(organization, which):
        kwargs = {"org": organization.slug, **entry.extra}
        for argument, source in entry.extra_objects.items():
            kwargs[argument] = objects[source][which]
        if entry.obj:
            kwargs[entry.obj] = objects[entry.source][which]
        return reverse(name, kwargs=kwargs)

    if entry.method == "post":
        # A page that only takes POST refuses other methods before anything else.
        assert client.get(url(org, 0)).status_code in {302, 405} if kind == "anonymous" else True
    # Another organization's object through our organization's URL: 404 for everyone signed in.
    if entry.obj:
        response = request(client, entry.method, url(org, 1))
        expected = 302 if kind == "anonymous" else 404
        assert response.status_code == expected, (name, kind, "other org object", response.status_code)
    # Another organization's URL: 404 for everyone who is not a member there.
    if kind not in {"anonymous", "outsider"}:
        response = request(client, entry.method, url(other_org, 1))
        assert response.status_code == 404, (name, kind, "other org url", response.status_code)
    response = request(client, entry.method, url(org, 0))
    if kind == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (name, kind)
    elif kind not in ORG_MEMBERS:
        assert response.status_code == 404, (name, kind, response.status_code)
    elif kind in entry.allowed:
        assert response.status_code in entry.ok, (name, kind, response.status_code)
    else:
        assert response.status_code == entry.refusal, (name, kind, response.status_code)


@pytest.mark.parametrize("name", [n for n, e in MATRIX.items() if isinstance(e, Org) and e.method == "post"])
def test_post_only_pages_refuse_get(name, client_as, org, objects):
    entry = MATRIX[name]
    kwargs = {"org": org.slug, **entry.extra}
    if entry.obj:
        kwargs[entry.obj] = objects[entry.source][0]
    kwargs |= {argument: objects[source][0] for argument, source in entry.extra_objects.items()}
    assert client_as("org_admin").get(reverse(name, kwargs=kwargs)).status_code == 405


def test_a_member_sees_their_own_profile_but_not_anyone_elses(client_as, users, org, student):
    client = client_as("member")
    own = reverse("person_detail", kwargs={"org": org.slug, "person": users["member"].person_id})
    assert client.get(own).status_code == 200
    other = reverse("person_detail", kwargs={"org": org.slug, "person": student.person_id})
    assert client.get(other).status_code == 403
