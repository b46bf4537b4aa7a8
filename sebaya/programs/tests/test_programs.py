"""The training program: the shipped curriculum, safe Markdown, quizzes, practice, certification."""

import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from sebaya.programs import services
from sebaya.programs.curriculum import default_modules, practice_checklist
from sebaya.programs.markdown import render
from sebaya.programs.models import Certification, Module, QuizAttempt
from sebaya.support.models import SupporterProfile


def test_the_default_curriculum_has_every_module_in_both_languages():
    modules = default_modules()
    assert [m.code for m in modules] == [
        "active_listening",
        "effective_communication",
        "counseling_basics",
        "confidentiality_boundaries",
        "risk_and_referral",
        "stress_management",
        "problem_solving",
        "psychological_first_aid",
    ]
    for module in modules:
        assert module.content["id"] and module.content["en"] and len(module.questions) >= module.quiz_size
        for question in module.questions:
            assert sum(option["correct"] for option in question["options"]) == 1
    risk = next(m for m in modules if m.code == "risk_and_referral")
    assert "119" in risk.content["id"] and "119" in risk.content["en"]
    assert len(practice_checklist()) >= 8


def test_markdown_is_escaped_before_it_is_formatted():
    html = str(
        render(
            "## Judul\n\nTeks **tebal** dan *miring*.\n\n- satu\n- dua\n\n"
            "<script>alert(1)</script> [x](javascript:1)"
        )
    )
    assert "<h3>Judul</h3>" in html and "<strong>tebal</strong>" in html and "<em>miring</em>" in html
    assert "<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "<a" not in html


@pytest.fixture
def curriculum(org):
    services.curriculum_install(organization=org)
    return list(Module.objects.filter(organization=org))


def pass_every_module(person, modules):
    for module in modules:
        attempt = services.quiz_start(person=person, module=module, rng=random.Random(1))
        answers = [module.questions.get(pk=pk).correct_index for pk, _order in attempt.questions]
        assert services.quiz_submit(attempt=attempt, answers=answers).passed


def test_installing_twice_adds_nothing(org, curriculum):
    assert services.curriculum_install(organization=org) == 0 and len(curriculum) == 8


def test_a_quiz_is_drawn_once_scored_once_and_can_be_retaken(client_as, org, users, curriculum):
    module = curriculum[0]
    client = client_as("peer_supporter")
    response = client.post(reverse("quiz_start", kwargs={"org": org.slug, "code": module.code}))
    attempt = QuizAttempt.objects.get()
    assert response["Location"] == reverse("quiz_attempt", kwargs={"org": org.slug, "attempt": attempt.pk})
    assert len(attempt.questions) == module.quiz_size
    page = client.get(response["Location"])
    form = page.context["form"]
    wrong = {}
    for number, (pk, order) in enumerate(attempt.questions, start=1):
        right = module.questions.get(pk=pk).correct_index
        wrong[f"q{number}"] = str(next(i for i in order if i != right))
    assert client.post(response["Location"], {"q1": "99"}).status_code == 400  # tampered: nothing written
    client.post(response["Location"], wrong)
    attempt.refresh_from_db()
    assert attempt.score == 0 and attempt.passed is False and len(form.fields) == module.quiz_size
    client.post(response["Location"], wrong)  # a second submission changes nothing
    attempt.refresh_from_db()
    assert attempt.score == 0
    pass_every_module(users["peer_supporter"].person, [module])
    progress = module.progress.get(person=users["peer_supporter"].person)
    assert progress.passed_at and progress.attempts == 2 and progress.best_score == 100
    # Someone else's attempt is not theirs to take.
    assert client_as("member").get(response["Location"]).status_code == 403


def test_certification_needs_every_module_and_the_practice(client_as, org, users, curriculum):
    person = users["peer_supporter"].person
    certify = reverse("trainee_certify", kwargs={"org": org.slug, "person": person.pk})
    client_as("coordinator").post(certify)
    assert not Certification.objects.exists()
    pass_every_module(person, curriculum)
    practice = reverse("trainee_practice", kwargs={"org": org.slug, "person": person.pk})
    items = {f"item_{item['code']}": "on" for item in practice_checklist()}
    missing_one = dict(list(items.items())[1:])
    client_as("counselor").post(practice, missing_one)
    client_as("coordinator").post(certify)
    assert not Certification.objects.exists()  # the practice is not passed yet
    client_as("counselor").post(practice, items)
    client_as("coordinator").post(certify)
    certification = Certification.objects.get()
    assert SupporterProfile.objects.get(membership__person=person).certified
    assert certification.expires_on > timezone.localdate() + datetime.timedelta(days=300)
    pdf = client_as("peer_supporter").get(
        reverse("certificate_pdf", kwargs={"org": org.slug, "certification": certification.pk})
    )
    assert pdf.content.startswith(b"%PDF")


def test_an_expired_certificate_stops_new_matches_and_renewal_needs_the_refresher(
    org, users, curriculum, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    person = users["peer_supporter"].person
    users["peer_supporter"].email = "ps@example.org"
    users["peer_supporter"].save()
    pass_every_module(person, curriculum)
    services.practice_assess(
        organization=org,
        person=person,
        by=users["counselor"],
        checklist={i["code"]: True for i in practice_checklist()},
    )
    certification = services.certify(organization=org, person=person, by=users["coordinator"])
    now = timezone.now()
    assert services.certifications_tick(now=now) == 0
    reminder_day = datetime.datetime.combine(certification.expires_on, datetime.time(9), tzinfo=datetime.UTC)
    assert services.certifications_tick(now=reminder_day - datetime.timedelta(days=20)) == 1  # the reminder
    assert services.certifications_tick(now=reminder_day + datetime.timedelta(days=1)) == 1  # expired
    assert not SupporterProfile.objects.get(membership__person=person).certified
    status = services.trainee_status(organization=org, person=person)
    assert status["renewal"] and not status["eligible"]  # every module must be passed again
    pass_every_module(person, curriculum)
    assert services.trainee_status(organization=org, person=person)["eligible"]


def test_the_modules_passed_stay_visible_after_certification_with_the_end_date(
    client_as, org, users, curriculum
):
    person = users["peer_supporter"].person
    pass_every_module(person, curriculum)
    services.practice_assess(
        organization=org,
        person=person,
        by=users["counselor"],
        checklist={i["code"]: True for i in practice_checklist()},
    )
    certification = services.certify(organization=org, person=person, by=users["coordinator"])
    status = services.trainee_status(organization=org, person=person)
    assert status["modules_passed"] == 0 and status["certified_modules_passed"] == 8  # refresher starts anew
    day = f"{certification.expires_on.day} "
    own = client_as("peer_supporter").get(reverse("training_home", kwargs={"org": org.slug})).content.decode()
    assert "8 dari 8 modul lulus; berlaku sampai " + day in own
    assert own.count('class="module-passed"') == 8 and 'id="progress-bar"' in own
    trainee = reverse("trainee_detail", kwargs={"org": org.slug, "person": person.pk})
    page = client_as("coordinator").get(trainee).content.decode()
    assert 'id="certified-modules"' in page and "8 dari 8 modul lulus; berlaku sampai " + day in page
    assert "belum lulus" not in page


def test_a_trainee_sees_a_progress_bar_of_the_modules(client_as, org, users, curriculum):
    pass_every_module(users["peer_supporter"].person, curriculum[:3])
    page = (
        client_as("peer_supporter").get(reverse("training_home", kwargs={"org": org.slug})).content.decode()
    )
    assert '<progress id="progress-bar" class="training-progress" max="8" value="3">' in page
    assert "3 dari 8 modul sudah lulus." in page
