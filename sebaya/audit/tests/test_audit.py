import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.audit.services import record


def test_events_cannot_be_changed_or_deleted_through_the_model(db):
    event = record(action=AuditAction.SIGN_IN)
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_the_database_refuses_updates_and_deletes(db):
    event = record(action=AuditAction.SIGN_IN)
    for statement in (
        f"UPDATE audit_auditevent SET action = 'x' WHERE id = {event.pk}",
        f"DELETE FROM audit_auditevent WHERE id = {event.pk}",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.SIGN_IN


def test_admin_reads_the_trail_filtered_by_person_and_date(
    client_as, users, org, other_org, student, other_org_membership
):
    record(
        action=AuditAction.RECORD_VIEWED, actor=users["counselor"], organization=org, target=student.person
    )
    record(
        action=AuditAction.RECORD_VIEWED,
        actor=users["outsider"],
        organization=other_org,
        target=other_org_membership.person,
    )
    record(action=AuditAction.SIGN_IN, actor=users["member"], subject_person_id=users["member"].person_id)
    url = reverse("audit_list", kwargs={"org": org.slug})
    client = client_as("org_admin")
    page = client.get(url).content.decode()
    assert "Siti Student" in page
    assert "Other Student" not in page  # another organization's events never show
    assert (
        "member person" in page
    )  # sign-ins of this organization's people belong to no organization but show
    by_person = client.get(url, {"person": "S-001"}).content.decode()
    assert "Siti Student" in by_person and "member person" not in by_person
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    future = client.get(url, {"date_from": tomorrow}).content.decode()
    assert "Siti Student" not in future
    backwards = client.get(url, {"date_from": tomorrow, "date_to": "2020-01-01"})
    assert (
        backwards.status_code == 200 and "Siti Student" in backwards.content.decode()
    )  # filter refused, all shown
    assert backwards.context["form"].errors
