from sebaya.psychosocial.views.contacts import affected_person, contact_new
from sebaya.psychosocial.views.duplicates import duplicate_merge, duplicate_not_same, duplicate_review
from sebaya.psychosocial.views.followups import incident_follow_up, incident_follow_ups
from sebaya.psychosocial.views.incidents import incident_detail, incident_edit, incident_list, incident_new
from sebaya.psychosocial.views.needs import need_edit, need_list, need_new
from sebaya.psychosocial.views.registration import affected_detail, affected_register
from sebaya.psychosocial.views.reports import (
    incident_report,
    incident_report_csv,
    incident_report_pdf,
    incident_report_xlsx,
)
from sebaya.psychosocial.views.response import response_answer, response_partners

__all__ = [
    "affected_detail",
    "affected_person",
    "contact_new",
    "affected_register",
    "incident_follow_up",
    "incident_follow_ups",
    "incident_detail",
    "incident_edit",
    "incident_list",
    "incident_new",
    "need_edit",
    "need_list",
    "need_new",
    "response_answer",
    "response_partners",
    "duplicate_merge",
    "duplicate_not_same",
    "duplicate_review",
    "incident_report",
    "incident_report_csv",
    "incident_report_pdf",
    "incident_report_xlsx",
]
