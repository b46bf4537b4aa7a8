from sebaya.psychosocial.models.affected import AffectedPerson, Household
from sebaya.psychosocial.models.choices import (
    CHILD_ALONE,
    ConsentNoted,
    Exposure,
    IncidentKind,
    IncidentStatus,
    MemberStatus,
    Relation,
    Vulnerability,
)
from sebaya.psychosocial.models.incidents import Incident, ResponseMember

__all__ = [
    "CHILD_ALONE",
    "AffectedPerson",
    "ConsentNoted",
    "Exposure",
    "Household",
    "Incident",
    "IncidentKind",
    "IncidentStatus",
    "MemberStatus",
    "Relation",
    "ResponseMember",
    "Vulnerability",
]
