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
    id = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    text_id = forms.CharField(label=gettext_lazy("Statement (Indonesian)"), required=False, max_length=300)
    text_en = forms.CharField(label=gettext_lazy("Statement (English)"), required=False, max_length=300)
    domain = forms.ChoiceField(
        label=gettext_lazy("Bidang"),
        required=False,
        choices=[("", "—")] + [(area, AREA_LABELS[area]) for area in NEEDS_AREAS],
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
    remove = forms.BooleanField(label=gettext_lazy("Remove"), required=False)

    def clean(self):
        data = super().clean()
        filled = any(data.get(key) for key in ("text_id", "text_en"))
        if filled and not data.get("remove"):
            for key in ("text_id", "text_en"):
                if not (data.get(key) or "").strip():
                    self.add_error(key, _("Write the statement in both languages."))
            if not data.get("domain"):
                self.add_error("domain", _("Choose the bidang of this statement."))
        return data

    @property
    def kept(self) -> bool:
        data = self.cleaned_data
        return bool((data.get("text_id") or data.get("text_en")) and not data.get("remove"))


class BaseStatementFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.kept for form in self.forms):
            raise forms.ValidationError(_("Keep at least one statement."))


StatementFormSet = forms.formset_factory(StatementForm, formset=BaseStatementFormSet, extra=3, max_num=120)


@require_http_methods(["GET", "POST"])
@access.org_view()
def needs_edit(request, code):
    # Another organization's questionnaire is not found (404) before the role is checked (403).
    latest = services.own_questionnaire(request.organization, code)
    if latest is None:
        raise Http404
    access.require(request.user, "guidance.needs_edit", request.organization)
    instrument = stored_instrument(latest.code, latest.version)
    risks = {risk.item: risk.level for risk in instrument.risk_items}
    domain_of = {item_id: s.code for s in instrument.subscales for item_id in s.items}
    initial = [
        {
            "id": item.id,
            "text_id": item.text.id,
            "text_en": item.text.en,
            "domain": domain_of.get(item.id, ""),
            "risk": risks.get(item.id, ""),
        }
        for item in instrument.items
    ]
    formset = StatementFormSet(request.POST or None, initial=initial, prefix="s")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        try:
            expected = int(request.POST.get("version", ""))
        except ValueError:
            expected = -1
        if formset.is_valid():
            statements = [
                services.StatementInput(
                    id=form.cleaned_data["id"],
                    text_id=form.cleaned_data["text_id"],
                    text_en=form.cleaned_data["text_en"],
                    domain=form.cleaned_data["domain"],
                    risk=form.cleaned_data["risk"],
                )
                for form in formset.forms
                if form.kept
            ]
            try:
                row = services.questionnaire_save(
                    organization=request.organization,
                    code=code,
                    statements=statements,
                    expected_version=expected,
                    by=request.user,
                    request=request,
                )
            except services.NeedsEditError as error:
                if error.code == "stale":
                    stale = _(
                        "Someone saved a newer version while you were editing. Open the page again to see it."
                    )
                    errors.append(stale)
                else:
                    errors.append(_("The questionnaire could not be saved:"))
                    errors += error.errors
            else:
                messages.success(
                    request,
                    _("Saved as version %(version)s. Answers already given keep the version they answered.")
                    % {"version": row.version},
                )
                return redirect("needs_edit", org=request.organization.slug, code=code)
    return render(
        request,
        "guidance/needs/edit.html",
        {
            "row": latest,
            "instrument": instrument,
            "formset": formset,
            "errors": errors,
            "areas": [(area, AREA_LABELS[area]) for area in NEEDS_AREAS],
        },
        status=status,
    )
