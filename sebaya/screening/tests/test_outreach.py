"""The counselors' outreach list: one small form a row (reached out, with a note), and a link to a
short page that opens a case about the result (counseling's case_from_screening, reused)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_person
from sebaya.counseling.models import Case
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration
from sebaya.screening.services import administration_record, outreach_record

PHQ9 = get_instrument("phq9")
RISK = [0, 0, 0, 0, 0, 0, 0, 0, 1]  # item 9 answered: a risk answer
SEVERE = [3, 3, 3, 3, 3, 3, 3, 2, 0]
CASE = {"summary": "Gejala depresi berat", "domain": "pribadi"}


def result(org, membership, answers=SEVERE):
    return administration_record(organization=org, person=membership.person, instrument=PHQ9, answers=answers)


def rows_of(html):
    return re.findall(r'<tr class="outreach-row.*?</tr>', html, re.S)


@pytest.fixture
def list_url(org):
    return reverse("outreach_queue", kwargs={"org": org.slug})


def case_url(org, administration):
    return reverse("case_from_screening", kwargs={"org": org.slug, "administration": administration.pk})


def test_each_row_has_one_small_form_and_a_link_to_open_a_case(client_as, org, student, list_url):
    other, _u = make_person(org, "S-002", full_name="Budi Santoso")
    waiting = [result(org, student, RISK), result(org, other)]
    html = client_as("counselor").get(list_url).content.decode()
    rows = rows_of(html)
    assert len(rows) == 2
    for row, administration in zip(rows, waiting, strict=True):
        done = reverse("outreach_done", kwargs={"org": org.slug, "administration": administration.pk})
        assert re.findall(r"<form [^>]*action=\"([^\"]+)\"", row) == [done]  # the only form in the row
        assert 'name="note"' in row and 'class="reached-out"' in row
        assert f'href="{case_url(org, administration)}"' in row
    # No case form is written into the list: its fields live on the case page only.
    assert 'name="summary"' not in html and 'name="domain"' not in html


def test_the_list_costs_the_same_queries_for_one_row_as_for_a_full_page(client_as, org, student, list_url):
    client = client_as("counselor")
    result(org, student)
    client.get(list_url)
    with CaptureQueriesContext(connection) as one:
        client.get(list_url)
    for n in range(60):
        membership, _u = make_person(org, f"S-{n:03}x")
        result(org, membership, RISK if n % 3 == 0 else SEVERE)
    with CaptureQueriesContext(connection) as full:
        response = client.get(list_url)
    assert len(rows_of(response.content.decode())) == 50
    assert len(full) == len(one), "\n".join(q["sql"][:120] for q in full.captured_queries)


def test_a_counselor_opens_a_case_from_the_list_in_one_page(client_as, org, users, student, list_url):
    administration = result(org, student)
    client = client_as("counselor")
    page = client.get(case_url(org, administration))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Siti Student" in html and 'id="case-source"' in html
    assert page.context["form"]["summary"].value() == administration.get_outreach_reason_display()
    assert f'href="{list_url}"' in html  # the way back to the list
    assert 'id="already-reached-out"' not in html
    # Nothing written by looking, nor by a form without its summary (the form comes back with the error).
    refused = client.post(case_url(org, administration), {"summary": "", "domain": "pribadi"})
    assert refused.status_code == 400 and refused.context["form"].errors["summary"]
    assert 'id="case-source"' in refused.content.decode()
    assert not Case.objects.exists()
    assert list(client.get(list_url).context["page"]) == [administration]
    opened = client.post(case_url(org, administration), CASE)
    case = Case.objects.get()
    assert opened.status_code == 302
    assert opened["Location"] == reverse("case_detail", kwargs={"org": org.slug, "case": case.pk})
    assert (case.person, case.administration, case.source) == (student.person, administration, "screening")
    assert case.summary == CASE["summary"]
    assert list(case.counselors.all()) == [users["counselor"]]
    administration.refresh_from_db()
    assert administration.reached_out_by == users["counselor"]
    assert not list(client.get(list_url).context["page"])  # followed up: off the list


def test_the_case_page_says_when_a_colleague_already_reached_out(client_as, org, users, student):
    administration = result(org, student)
    _m, colleague = make_person(org, "C-2", roles=["counselor"], username="counselor2", full_name="Bu Rina")
    outreach_record(administration=administration, by=colleague, note="Sudah bertemu.")
    client = client_as("counselor")
    html = client.get(case_url(org, administration)).content.decode()
    assert 'id="already-reached-out"' in html and "Bu Rina" in html
    # A case may still follow an outreach; who reached out stays as it was.
    client.post(case_url(org, administration), CASE)
    administration.refresh_from_db()
    assert Case.objects.get().administration == administration
    assert administration.reached_out_by == colleague


def test_another_organizations_result_answers_404_and_writes_nothing(
    client_as, org, other_org, other_org_membership
):
    theirs = result(other_org, other_org_membership)
    client = client_as("counselor")
    assert client.get(case_url(org, theirs)).status_code == 404
    assert client.post(case_url(org, theirs), CASE).status_code == 404
    assert not Case.objects.exists()
    assert Administration.objects.get(pk=theirs.pk).needs_outreach


def test_only_counselors_open_a_case_from_a_result(client_as, org, student):
    administration = result(org, student)
    for kind in ("member", "peer_supporter", "coordinator"):
        client = client_as(kind)
        assert client.get(case_url(org, administration)).status_code == 403
        assert client.post(case_url(org, administration), CASE).status_code == 403
    assert not Case.objects.exists()
