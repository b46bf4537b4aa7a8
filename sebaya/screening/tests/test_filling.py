from django.urls import reverse

from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Membership
from sebaya.safety.models import Alert
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration
from sebaya.screening.services import administration_record


def phq9_post(values):
    return {
        f"item_{item.id}": str(value)
        for item, value in zip(get_instrument("phq9").items, values, strict=False)
    }


def fill(client, org, values):
    return client.post(reverse("screening_fill", kwargs={"org": org.slug, "code": "phq9"}), phq9_post(values))


def test_a_student_with_a_risk_answer_sees_crisis_resources_at_once_and_an_alert_is_raised(
    client_as, org, users
):
    client = client_as("member")
    response = fill(client, org, [1, 1, 0, 0, 0, 0, 0, 0, 2])
    administration = Administration.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'id="result-crisis"' in page and 'href="tel:119"' in page and "0800-111" in page
    assert administration.person == users["member"].person and administration.administered_by is None
    alert = Alert.objects.get()
    assert alert.level == "crisis" and alert.source == "screening" and alert.person == administration.person
    assert alert.source_ref == f"screening.administration:{administration.pk}"
    assert administration.flags and all(signal.startswith("phq9:") for signal in alert.signals)


def test_a_severe_result_without_a_risk_answer_waits_in_the_outreach_list_without_an_alert(client_as, org):
    fill(client_as("member"), org, [3, 3, 3, 3, 3, 3, 3, 2, 0])
    administration = Administration.objects.get()
    assert administration.severity == "severe" and administration.outreach_reason == "severe"
    assert not Alert.objects.exists()
    queue = client_as("counselor").get(reverse("outreach_queue", kwargs={"org": org.slug}))
    assert list(queue.context["page"]) == [administration]


def test_a_mild_result_is_kind_and_raises_nothing(client_as, org):
    client = client_as("member")
    response = fill(client, org, [1, 1, 1, 1, 1, 0, 0, 0, 0])
    page = client.get(response["Location"]).content.decode()
    assert 'id="result-crisis"' not in page and 'id="result-summary"' in page
    assert not Alert.objects.exists()


def test_a_partly_filled_or_tampered_form_writes_nothing(client_as, org):
    client = client_as("member")
    partial = fill(client, org, [1, 1, 1])
    assert partial.status_code == 400 and partial.context["form"].errors
    tampered = fill(client, org, [1, 1, 1, 1, 1, 1, 1, 1, 7])
    assert tampered.status_code == 400
    assert not Administration.objects.exists() and not Alert.objects.exists()


def test_program_surveys_are_not_self_check_ins(client_as, org):
    response = client_as("member").get(
        reverse("screening_fill", kwargs={"org": org.slug, "code": "satisfaction"})
    )
    assert response.status_code == 404


def test_results_are_the_persons_own_and_their_counselors(client_as, org, users, student):
    own = administration_record(
        organization=org, person=users["member"].person, instrument=get_instrument("gad7"), answers=[0] * 7
    )
    url = reverse("administration_result", kwargs={"org": org.slug, "administration": own.pk})
    assert client_as("member").get(url).status_code == 200
    assert not AuditEvent.objects.filter(action=AuditAction.RECORD_VIEWED).exists()  # one's own: not audited
    assert client_as("peer_supporter").get(url).status_code == 403
    assert client_as("coordinator").get(url).status_code == 403  # aggregates only, never someone's answers
    assert client_as("counselor").get(url).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.RECORD_VIEWED, target_id=str(own.pk)).exists()


def test_counselors_see_scores_over_time_with_the_bands_shaded(client_as, org, student):
    for values in ([3] * 9, [2] * 9, [1] * 9):
        administration_record(
            organization=org, person=student.person, instrument=get_instrument("phq9"), answers=values
        )
    response = client_as("counselor").get(
        reverse("person_results", kwargs={"org": org.slug, "person": student.person_id})
    )
    (chart,) = response.context["charts"]
    assert chart["change"] == 9 - 27
    svg = str(chart["svg"])
    assert svg.startswith("<svg") and svg.count("<rect") == len(get_instrument("phq9").bands)
    assert svg.count("<circle") == 3 and "<polyline" in svg
    assert AuditEvent.objects.filter(
        action=AuditAction.RECORD_VIEWED, subject_person_id=student.person_id
    ).exists()


def test_a_counselor_fills_an_instrument_in_with_a_student(client_as, org, users, student):
    url = reverse("person_administer", kwargs={"org": org.slug, "person": student.person_id, "code": "phq9"})
    response = client_as("counselor").post(url, phq9_post([0] * 9))
    assert response.status_code == 302
    administration = Administration.objects.get()
    assert administration.administered_by == users["counselor"] and administration.person == student.person
    assert Membership.objects.filter(person=student.person).exists()


def test_students_see_friendly_names_and_staff_the_instrument_in_small_print(client_as, org, users, student):
    client = client_as("member")
    home = client.get(reverse("screening_home", kwargs={"org": org.slug})).content.decode()
    assert "Cek rasa cemas" in home and "GAD-7" not in home and "PHQ" not in home
    page = client.get(reverse("screening_fill", kwargs={"org": org.slug, "code": "gad7"})).content.decode()
    assert "<h1>Cek rasa cemas</h1>" in page and "GAD-7" not in page
    own = administration_record(
        organization=org, person=users["member"].person, instrument=get_instrument("gad7"), answers=[0] * 7
    )
    home = client.get(reverse("screening_home", kwargs={"org": org.slug})).content.decode()
    assert "GAD7" not in home and home.count("Cek rasa cemas") == 2  # the card and the earlier check-in
    url = reverse("administration_result", kwargs={"org": org.slug, "administration": own.pk})
    result = client.get(url).content.decode()
    assert "Cek rasa cemas" in result and "GAD-7" not in result
    staff = client_as("counselor").get(url).content.decode()
    assert 'id="instrument-clinical-name"' in staff and "(GAD-7)" in staff
    with_student = client_as("counselor").get(
        reverse("person_administer", kwargs={"org": org.slug, "person": student.person_id, "code": "gad7"})
    )
    assert "(GAD-7)" in with_student.content.decode()
