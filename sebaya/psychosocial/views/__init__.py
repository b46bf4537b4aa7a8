from sebaya.psychosocial.views.followups import incident_follow_up, incident_follow_ups
from sebaya.psychosocial.views.incidents import incident_detail, incident_edit, incident_list, incident_new
from sebaya.psychosocial.views.registration import affected_detail, affected_register

__all__ = [
    "affected_detail",
    "affected_register",
    "incident_follow_up",
    "incident_follow_ups",
    "incident_detail",
    "incident_edit",
    "incident_list",
    "incident_new",
]
