"""The demo's flood response (sebaya/core/demo/psychosocial.py), read through the functions the
pages call: a joint response, families and a child found alone, a refer-at-once alert waiting for
the community's counselor, needs at every stage, follow-ups done, due and overdue, an SRQ-20
above the cut-off with its offer. And loading it again adds nothing."""

from sebaya import access
from sebaya.core.demo import load_demo
from sebaya.organizations.models import Organization
from sebaya.psychosocial.models import AffectedPerson, Contact, FollowUp, Incident, Need, NeedKind
from sebaya.psychosocial.services import followups, merging, needs
from sebaya.safety.models import Alert
from sebaya.screening.models import Administration

MODELS = (Incident, AffectedPerson, Contact, Need, FollowUp, Administration, Alert)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_shows_a_flood_response_and_loading_it_again_adds_nothing(db):
    load_demo()
    community = Organization.objects.get(slug="komunitas-peduli-sesama")
    school = Organization.objects.get(slug="sman-1-harapan")
    incident = Incident.objects.get(organization=community)
    # A joint response: the school joined and sees the incident in its own list.
    assert access.responding_organization_ids(incident) == {community.pk, school.pk}
    assert incident in Incident.objects.responded_by(school)
    # Families registered by the community's field worker; one by the school.
    ours = access.visible_affected(community, incident)
    assert ours.count() == 12 and access.visible_affected(school, incident).count() == 1
    # Bu Euis registered twice, her name spelled two ways: the review list shows the pair.
    pairs = merging.likely_pairs(incident=incident, organization=community)
    assert len(pairs) == 1
    assert {a.village for a in ours} == {"Sukawargi", "Pangauban"}
    # The child found without her parents: her protection task was met.
    nadia = ours.get(person__full_name="Nadia Rohmat")
    task = nadia.needs.get(kind=NeedKind.FAMILY_SEPARATION)
    assert task.urgent and task.status == "met" and task.outcome
    # The refer-at-once flag: a crisis alert waiting for the community's counselor.
    alert = Alert.objects.get(source="field_referral")
    assert alert.organization == community and alert.state == "open" and alert.level == "crisis"
    assert alert.owner.username == "konselor.komunitas"
    assert Contact.objects.filter(alert=alert).get().affected.person.full_name == "Dadang Hermawan"
    # Needs at every stage, the open ones in the field worker's list.
    open_needs = needs.open_needs(community, incident)
    assert {n.kind for n in open_needs} >= {"shelter", "livelihood", "food_water", "psychosocial"}
    assert Need.objects.filter(incident=incident, status__in=["met", "referred"]).count() == 2
    # Follow-ups: day 7 mostly done, two overdue; three SRQ-20s at day 30, one above the cut-off
    # with a counselor or partner offered.
    assert FollowUp.objects.filter(organization=community, day=7, status="done").count() == 9
    assert followups.overdue_count(incident, community) >= 2
    srq = Administration.objects.filter(organization=community, instrument_code="srq20")
    assert srq.count() == 3 and sum(1 for a in srq if followups.meets_cutoff(a)) == 1
    assert (
        Need.objects.get(kind="psychosocial", source="follow_up").affected.person.full_name
        == "Nining Suryani"
    )

    before = counts()
    load_demo()
    assert counts() == before
