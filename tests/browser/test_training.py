"""Training in a browser: a trainee passes a module's quiz, a counselor assesses the practice,
the coordinator certifies, and the new supporter is proposed for a help request."""

import pytest
from playwright.sync_api import expect

from sebaya.programs import services
from sebaya.programs.models import Module, QuizAttempt
from sebaya.support import services as support
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser


def pass_quizzes(person, modules):
    for module in modules:
        attempt = services.quiz_start(person=person, module=module)
        services.quiz_submit(
            attempt=attempt,
            answers=[module.questions.get(pk=pk).correct_index for pk, _o in attempt.questions],
        )


def answer_quiz_right(page, person, module):
    """On the quiz page just opened: tick every right answer and send."""
    attempt = QuizAttempt.objects.filter(person=person, module=module).get()
    form = page.locator("#quiz-form")
    for number, (pk, _order) in enumerate(attempt.questions, start=1):
        right = module.questions.get(pk=pk).correct_index
        form.locator(f"input[name=q{number}][value='{right}']").check()
    form.locator("#quiz-submit").click()
    expect(page.locator("#quiz-score")).to_contain_text("100%")


def test_from_trainee_to_matched(new_context, org, users):
    services.curriculum_install(organization=org)
    modules = list(Module.objects.filter(organization=org))
    person = users["peer_supporter"].person
    pass_quizzes(person, modules[1:])  # every module but the first passed already

    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    sign_in(page, "peer_supporter")
    page.locator("#training-link").click()
    problems = axe_problems(page)
    page.locator("#modules a").first.click()
    problems += axe_problems(page)
    page.locator("#start-quiz").click()
    answer_quiz_right(page, person, modules[0])
    problems += axe_problems(page)

    staff = new_context().new_page()
    sign_in(staff, "counselor", totp=True)
    goto(staff, f"/o/{org.slug}/program/trainees/{person.pk}/")
    for box in staff.locator("#practice-form input[type=checkbox]").all():
        box.check()
    staff.locator("#practice-form button[type=submit]").click()
    expect(staff.locator("#practice")).to_contain_text("Lulus")

    coordinator = new_context().new_page()
    sign_in(coordinator, "coordinator", totp=True)
    goto(coordinator, f"/o/{org.slug}/program/trainees/{person.pk}/")
    coordinator.locator("#certify").click()
    expect(coordinator.locator("#certification")).to_contain_text("SEBAYA/")
    problems += axe_problems(coordinator)

    request = support.help_request_submit(organization=org, person=users["member"].person, topic="academic")[
        0
    ]
    assert [p.candidate.person_id for p in support.proposals_for(request)] == [person.pk]
    assert not problems, "\n".join(problems)


def test_from_application_to_matched(new_context, org, users, student):
    """The whole path in a browser: a student applies (with a guardian's consent), a counselor
    scores, the coordinator selects and sends the decisions, the new trainee passes a quiz, the
    practice is assessed, the coordinator certifies, and a counselor matches them to a request."""
    import datetime

    from django.utils import timezone

    from sebaya.programs import recruitment
    from sebaya.support.models import SupportRelationship

    services.curriculum_install(organization=org)
    modules = list(Module.objects.filter(organization=org))
    today = timezone.localdate()
    recruitment_round = recruitment.round_create(
        organization=org,
        by=users["coordinator"],
        title="Rekrutmen Konselor Sebaya",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
        places=5,
    )
    applicant = users["member"].person
    applicant.birth_date = today.replace(year=today.year - 16)
    applicant.save()

    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/program/join/")
    problems = axe_problems(page)
    page.locator("#apply-1").click()
    form = page.locator("#apply-form")
    form.locator("textarea[name=motivation]").fill("Saya ingin belajar mendengarkan teman.")
    form.locator("input[name=availability][value=mon_afternoon]").check()
    form.locator("input[name=guardian_name]").fill("Ibu Ani")
    form.locator("button[type=submit]").click()  # the consent box is not ticked yet
    expect(page.locator("#apply-form .errorlist")).to_contain_text("orang tua atau wali")
    assert not recruitment_round.applications.exists()
    problems += axe_problems(page)
    page.locator("#apply-form input[name=guardian_consent]").check()
    page.locator("#apply-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Terima kasih")
    application = recruitment_round.applications.get()
    assert application.guardian_consent_at is not None and application.availability == ["mon_afternoon"]
    problems += axe_problems(page)

    counselor = new_context().new_page()
    sign_in(counselor, "counselor", totp=True)
    goto(counselor, f"/o/{org.slug}/program/recruitment/{recruitment_round.pk}/")
    problems += axe_problems(counselor)
    counselor.locator("#ranking a").first.click()
    score_form = counselor.locator("#score-form")
    for criterion in recruitment.criteria(org):
        score_form.locator(f"input[name=c_{criterion.pk}][value='4']").check()
    problems += axe_problems(counselor)
    score_form.locator("button[type=submit]").click()
    expect(counselor.locator("#combined")).to_have_text("75,0")  # Indonesian decimal comma

    coordinator = new_context().new_page()
    sign_in(coordinator, "coordinator", totp=True)
    goto(coordinator, f"/o/{org.slug}/program/applications/{application.pk}/")
    decision = coordinator.locator("#decision-form")
    decision.locator("input[name=status][value=selected]").check()
    decision.locator("textarea[name=reason]").fill("Empati tinggi, wawancara baik.")
    decision.locator("button[type=submit]").click()
    coordinator.locator("#publish-button").click()
    # Publishing cannot be undone: the first tap only asks, the second sends the decisions.
    coordinator.locator("#confirm-yes").click()
    expect(coordinator.locator(".messages")).to_contain_text("1")
    problems += axe_problems(coordinator)

    goto(page, f"/o/{org.slug}/program/join/")
    expect(page.locator(".application-selected")).to_be_visible()
    pass_quizzes(applicant, modules[1:])  # every module but the first passed already
    goto(page, f"/o/{org.slug}/training/")
    page.locator("#modules a").first.click()
    page.locator("#start-quiz").click()
    answer_quiz_right(page, applicant, modules[0])

    goto(counselor, f"/o/{org.slug}/program/trainees/{applicant.pk}/")
    for box in counselor.locator("#practice-form input[type=checkbox]").all():
        box.check()
    counselor.locator("#practice-form button[type=submit]").click()
    expect(counselor.locator("#practice")).to_contain_text("Lulus")

    goto(coordinator, f"/o/{org.slug}/program/trainees/{applicant.pk}/")
    coordinator.locator("#certify").click()
    expect(coordinator.locator("#certification")).to_contain_text("SEBAYA/")

    help_request = support.help_request_submit(organization=org, person=student.person, topic="academic")[0]
    goto(counselor, f"/o/{org.slug}/help/{help_request.pk}/match/")
    problems += axe_problems(counselor)
    counselor.locator(".choose-supporter").first.click()
    expect(counselor.locator(".messages")).to_be_visible()
    relationship = SupportRelationship.objects.get(help_request=help_request)
    assert relationship.supporter.membership.person_id == applicant.pk
    assert not problems, "\n".join(problems)
