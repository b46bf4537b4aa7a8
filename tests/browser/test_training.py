"""Training in a browser: a trainee passes a module's quiz, a counselor assesses the practice,
the coordinator certifies, and the new supporter is proposed for a help request."""

import pytest
from playwright.sync_api import expect

from sebaya.programs import services
from sebaya.programs.models import Module, QuizAttempt
from sebaya.support import services as support
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser


def test_from_trainee_to_matched(new_context, org, users):
    services.curriculum_install(organization=org)
    modules = list(Module.objects.filter(organization=org))
    person = users["peer_supporter"].person
    for module in modules[1:]:  # every module but the first passed already
        attempt = services.quiz_start(person=person, module=module)
        services.quiz_submit(
            attempt=attempt,
            answers=[module.questions.get(pk=pk).correct_index for pk, _o in attempt.questions],
        )

    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    sign_in(page, "peer_supporter")
    page.locator("#training-link").click()
    problems = axe_problems(page)
    page.locator("#modules a").first.click()
    problems += axe_problems(page)
    page.locator("#start-quiz").click()
    attempt = QuizAttempt.objects.filter(module=modules[0]).get()
    form = page.locator("#quiz-form")
    for number, (pk, _order) in enumerate(attempt.questions, start=1):
        right = modules[0].questions.get(pk=pk).correct_index
        form.locator(f"input[name=q{number}][value='{right}']").check()
    form.locator("#quiz-submit").click()
    expect(page.locator("#quiz-score")).to_contain_text("100%")
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
