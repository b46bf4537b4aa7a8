"""Needs assessment pages: the needs found (shares of students who marked each statement, ranked,
by bidang, class and grade) for counselors and the coordinator; the organization's own needs
questionnaires, copied from a shipped one and edited by the coordinator.

A needs assessment is scheduled as a screening round of a needs questionnaire (screening's round
pages); one student's answers are a screening result (counselors only), never shown here.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.guidance.needs import groups_of, needs_results, needs_rounds, top_by_class
from sebaya.guidance.services import needs as services
from sebaya.screening.instruments import NEEDS_AREAS, all_instruments
from sebaya.screening.instruments.stored import stored_instrument
from sebaya.screening.models import OrganizationInstrument

AREA_LABELS = {
    "pribadi": gettext_lazy("Personal (pribadi)"),
    "sosial": gettext_lazy("Social (sosial)"),
    "belajar": gettext_lazy("Learning (belajar)"),
    "karier": gettext_lazy("Career (karier)"),
}


# --- Results -----------------------------------------------------------------------------------------


@require_http_methods(["GET"])
@access.org_view("guidance.needs")
def needs_results_page(request):
    organization = request.organization
    rounds = needs_rounds(organization)
    wanted = set(request.GET.getlist("round"))
    chosen = [r for r in rounds if str(r.pk) in wanted] or rounds[:1]
    grades, classes = groups_of(organization, chosen)
    grade = request.GET.get("grade", "")
    class_name = request.GET.get("class", "")
    grade = grade if grade in grades else ""
    class_name = class_name if class_name in classes else ""
    filters = {"grade": grade or None, "class_name": class_name or None}
    results = needs_results(organization=organization, rounds=chosen, **filters) if chosen else None
    by_class = (
        top_by_class(organization=organization, rounds=chosen, grade=grade or None)
        if chosen and not class_name
        else []
    )
    return render(
        request,
        "guidance/needs/results.html",
        {
            "rounds": rounds,
            "chosen": chosen,
            "chosen_ids": {str(r.pk) for r in chosen},
            "grades": grades,
            "classes": classes,
            "grade": grade,
            "class_name": class_name,
            "results": results,
            "by_class": by_class,
            "may_edit": access.can(request.user, "guidance.needs_edit", organization),
            "may_schedule": access.can(request.user, "rounds.schedule", organization),
        },
    )


# --- The organization's own questionnaires -------------------------------------------------------------


@require_http_methods(["GET"])
@access.org_view("guidance.needs_edit")
def needs_questionnaires(request):
    own = {}
    for row in OrganizationInstrument.objects.filter(organization=request.organization).order_by(
        "code", "-version"
    ):
        own.setdefault(row.code, row)
    shipped = [i for i in all_instruments() if i.is_needs]
    copied = {row.base_code for row in own.values()}
    return render(
        request,
        "guidance/needs/questionnaires.html",
        {
            "shipped": [(instrument, instrument.code in copied) for instrument in shipped],
            "own": [(row, stored_instrument(row.code, row.version)) for row in own.values()],
        },
    )


@require_POST
@access.org_view("guidance.needs_edit")
def needs_copy(request, code):
    shipped = {i.code for i in all_instruments() if i.is_needs}
    if code not in shipped:
        raise Http404
    row = services.questionnaire_copy(
        organization=request.organization, base_code=code, by=request.user, request=request
    )
    messages.success(request, _("The questionnaire is copied to your organization. You can now edit it."))
    return redirect("needs_edit", org=request.organization.slug, code=row.code)


class StatementForm(forms.Form):
    """One statement: both texts, its bidang, and whether marking it raises an alert."""

    text_id = forms.CharField(label=gettext_lazy("Statement (Indonesian)"), max_length=300)
    text_en = forms.CharField(label=gettext_lazy("Statement (English)"), max_length=300)
    domain = forms.ChoiceField(
        label=gettext_lazy("Bidang"), choices=[(area, AREA_LABELS[area]) for area in NEEDS_AREAS]
    )
    risk = forms.ChoiceField(
        label=gettext_lazy("Signals risk"),
        required=False,
        choices=[
            ("", gettext_lazy("No")),
            ("concern", gettext_lazy("Yes: a concern alert")),
            ("crisis", gettext_lazy("Yes: a crisis alert")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("text_id", "text_en"):
            self.fields[name].error_messages["required"] = _("Write the statement in both languages.")
        self.fields["domain"].error_messages["required"] = _("Choose the bidang of this statement.")

    def statement(self, item_id: str) -> services.StatementInput:
        data = self.cleaned_data
        return services.StatementInput(
            item_id, data["text_id"], data["text_en"], data["domain"], data["risk"]
        )


def _auto_id(item_id: str) -> str:
    # Many statement forms on one page: each field's id names its statement.
    return f"s-{item_id or 'new'}-%s"


EDIT_ERRORS = {
    "stale": gettext_lazy("Someone saved a newer version while you were editing. Here is the latest."),
    "last": gettext_lazy("Keep at least one statement."),
    "invalid": gettext_lazy("The questionnaire could not be saved:"),
}


@require_http_methods(["GET", "POST"])
@access.org_view()
def needs_edit(request, code):
    """The statements of the organization's questionnaire, each with its own small form (change or
    remove it), and one to add a statement: each save is the next version."""
    # Another organization's questionnaire is not found (404) before the role is checked (403).
    latest = services.own_questionnaire(request.organization, code)
    if latest is None:
        raise Http404
    access.require(request.user, "guidance.needs_edit", request.organization)
    bound, posted_item, errors = None, None, []
    if request.method == "POST":
        posted_item = request.POST.get("item", "")
        try:
            expected = int(request.POST.get("version", ""))
        except ValueError:
            expected = -1
        remove = request.POST.get("action") == "remove"
        bound = None if remove else StatementForm(request.POST, auto_id=_auto_id(posted_item))
        if remove or bound.is_valid():
            try:
                row = services.statement_change(
                    organization=request.organization,
                    code=code,
                    expected_version=expected,
                    item_id=posted_item,
                    change=None if remove else bound.statement(posted_item),
                    by=request.user,
                    request=request,
                )
            except services.NeedsEditError as error:
                errors = [str(EDIT_ERRORS.get(error.code, EDIT_ERRORS["invalid"])), *error.errors]
                if error.code == "stale":
                    bound = None
            else:
                messages.success(
                    request,
                    _("Saved as version %(version)s. Answers already given keep the version they answered.")
                    % {"version": row.version},
                )
                return redirect("needs_edit", org=request.organization.slug, code=code)
    instrument = stored_instrument(latest.code, latest.version)
    statements = services.current_statements(instrument)
    rows = []
    for statement in statements:
        form = bound if bound is not None and posted_item == statement.id else None
        initial = {key: getattr(statement, key) for key in ("text_id", "text_en", "domain", "risk")}
        form = form or StatementForm(initial=initial, auto_id=_auto_id(statement.id))
        rows.append((statement, form, AREA_LABELS.get(statement.domain, statement.domain)))
    add_form = bound if bound is not None and posted_item == "" else StatementForm(auto_id=_auto_id(""))
    return render(
        request,
        "guidance/needs/edit.html",
        {
            "row": latest,
            "instrument": instrument,
            "rows": rows,
            "add_form": add_form,
            "posted_item": posted_item,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )
