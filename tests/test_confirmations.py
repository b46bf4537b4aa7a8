"""What cannot be undone asks twice: a post without `confirm=yes` changes nothing and answers with
the confirmation page, whose safe choice ("go back") comes first and whose action re-posts what was
sent (kernel/confirm.py)."""

import re

import pytest
from django.urls import reverse

from sebaya.audit.models import AuditAction, AuditEvent
from tests.test_access_matrix import MATRIX, objects  # noqa: F401  (the matrix's test objects)

pytestmark = pytest.mark.django_db


def _changes() -> int:
    """Audit events of things done (opening a sensitive record is audited too, and is no change)."""
    return AuditEvent.objects.exclude(action=AuditAction.RECORD_VIEWED).count()


# URL name → who may do it, and what the first form sends.
CONFIRMED = {
    "round_cancel": ("coordinator", {}),
    "help_request_withdraw": ("member", {}),
    "recruitment_publish": ("coordinator", {}),
    "buddy_batch_discard": ("coordinator", {}),
    "consent_withdraw": ("counselor", {"reason": "Orang tua meminta"}),
}


def _url(name, org, objects):  # noqa: F811
    entry = MATRIX[name]
    kwargs = {"org": org.slug, entry.obj: objects[entry.source][0]}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(CONFIRMED))
def test_a_first_tap_only_asks(name, client_as, org, objects):  # noqa: F811
    kind, data = CONFIRMED[name]
    client = client_as(kind)  # signing in is audited: count after it
    before = _changes()
    response = client.post(_url(name, org, objects), data)
    assert response.status_code == 200
    page = response.content.decode()
    # Nothing was done: every one of these writes an audit event when it happens.
    assert _changes() == before
    # The safe choice first, the action second, re-posting what was sent with confirm=yes.
    assert page.index('id="confirm-back"') < page.index('id="confirm-yes"')
    form = re.search(r'<form method="post" action="([^"]+)" id="confirm-form">(.*?)</form>', page, re.S)
    assert form and form.group(1) == _url(name, org, objects)
    assert '<input type="hidden" name="confirm" value="yes">' in form.group(2)
    for field, value in data.items():
        assert f'name="{field}" value="{value}"' in form.group(2)


@pytest.mark.parametrize("name", sorted(CONFIRMED))
def test_the_second_tap_acts(name, client_as, org, objects):  # noqa: F811
    kind, data = CONFIRMED[name]
    response = client_as(kind).post(_url(name, org, objects), {**data, "confirm": "yes"})
    assert response.status_code == 302  # done (or refused in this state), never asked again


def test_a_student_withdraws_only_after_the_second_tap(client_as, org, objects):  # noqa: F811
    from sebaya.support.models import HelpRequest

    help_request = HelpRequest.objects.get(pk=objects["help_request"][0])
    url = _url("help_request_withdraw", org, objects)
    client = client_as("member")
    # On the request's page the withdraw button is folded away, in its own form, after "Send".
    page = client.get(
        reverse("help_request_detail", kwargs={"org": org.slug, "help_request": help_request.pk})
    )
    html = page.content.decode()
    send = html.index('id="id_body"')
    assert send < html.index('<details class="withdraw" id="withdraw-box">') < html.index('id="withdraw"')
    client.post(url)
    help_request.refresh_from_db()
    assert help_request.status != "withdrawn"
    client.post(url, {"confirm": "yes"})
    help_request.refresh_from_db()
    assert help_request.status == "withdrawn"


def test_anything_but_yes_is_not_a_confirmation(client_as, org, objects):  # noqa: F811
    url = _url("round_cancel", org, objects)
    for answer in ("", "no", "YES", "1"):
        assert b'id="confirm-yes"' in client_as("coordinator").post(url, {"confirm": answer}).content
