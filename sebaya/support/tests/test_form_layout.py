"""How the long forms read: the help request in numbered steps, free times as a table, and 1–5
scales as buttons (radio inputs), not number boxes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sebaya.kernel.fields import TimeSlotsWidget
from sebaya.support import services
from sebaya.support.forms import FeedbackForm, PeerSessionForm, SupporterProfileForm
from sebaya.support.models import HelpRequest

User = get_user_model()


def test_the_help_request_reads_as_four_steps_with_the_safety_question_marked(client_as, org):
    page = client_as("member").get(reverse("help_new", kwargs={"org": org.slug})).content.decode()
    steps = re.findall(r'<section class="form-step" id="(step-\d)"', page)
    assert steps == ["step-1", "step-2", "step-3", "step-4"]
    for n in range(1, 5):
        assert f"Langkah {n} dari 4" in page
    # Every field is still in the one form, so it works without JavaScript; the safety question
    # sits in step 2, in its own marked box, before the preferences.
    step2 = page.split('id="step-2"')[1].split('id="step-3"')[0]
    assert 'id="safety-question"' in step2 and 'name="safety"' in step2 and 'name="check_q1"' in step2
    assert page.index('name="safety"') < page.index('name="helper"')
    assert page.count('id="help-submit"') == 1 and "data-form-steps" in page


def test_the_help_request_in_steps_still_sends_and_refuses_a_missing_safety_answer(client_as, org):
    from sebaya.support.tests.test_flow import form_data

    client = client_as("member")
    url = reverse("help_new", kwargs={"org": org.slug})
    refused = client.post(url, form_data(safety=None))
    assert refused.status_code == 400 and not HelpRequest.objects.exists()
    assert refused.context["form"].errors["safety"]
    assert client.post(url, form_data(days=["mon", "wed"], parts=["afternoon"])).status_code == 302
    assert HelpRequest.objects.get().times == ["mon_afternoon", "wed_afternoon"]


@pytest.mark.django_db
def test_free_times_are_a_table_of_days_by_parts_of_the_day():
    form = SupporterProfileForm(counselors=User.objects.none())
    widget = form.fields["availability"].widget
    assert isinstance(widget, TimeSlotsWidget)
    html = str(form["availability"])
    assert html.count("<tr>") == 8  # the heading row and seven days
    assert html.count('type="checkbox"') == 21 and html.count('<th scope="row">') == 7
    assert '<th scope="col">pagi</th>' in html and '<th scope="row">Senin</th>' in html
    assert 'value="mon_morning"' in html and "Senin · pagi" in html  # the full name for screen readers


def test_scales_are_five_buttons_not_a_number_box():
    for form, name in (
        (PeerSessionForm(), "mood_before"),
        (PeerSessionForm(), "mood_after"),
        (FeedbackForm(), "rating"),
    ):  # noqa: E501
        html = str(form[name])
        assert html.count('type="radio"') == 5 and 'type="number"' not in html
        assert form.fields[name].widget.attrs["class"] == "scale"


@pytest.fixture
def relationship(org, users):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    profile = services.supporter_profile_save(
        membership=membership, by=users["coordinator"], certified=True, capacity=2, topics=["academic"]
    )
    help_request, _c, _p = services.help_request_submit(
        organization=org, person=users["member"].person, topic="academic"
    )
    return services.relationship_start(
        help_request=help_request, supporter_id=profile.pk, by=users["counselor"]
    )


def test_the_session_log_shows_mood_as_buttons_and_refuses_a_value_off_the_scale(
    client_as, org, relationship
):
    client = client_as("peer_supporter")
    detail = reverse("relationship_detail", kwargs={"org": org.slug, "relationship": relationship.pk})
    page = client.get(detail).content.decode()
    assert '<div class="options scale">' in page and 'name="mood_before" type="number"' not in page
    url = reverse("session_log", kwargs={"org": org.slug, "relationship": relationship.pk})
    data = {"date": "2026-12-01", "mode": "in_person", "duration_minutes": "30", "mood_before": "2"}
    client.post(url, data | {"mood_after": "6"})
    assert not relationship.sessions.exists()
    client.post(url, data | {"mood_after": "5"})
    assert [(s.mood_before, s.mood_after) for s in relationship.sessions.all()] == [(2, 5)]
