from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.safety.models import AlertAction, OnCallSlot, RiskLevel
from sebaya.safety.services import ACTION_KINDS


class AlertActionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=[(kind.value, kind.label) for kind in ACTION_KINDS],
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only people who may see this alert can read it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") in {AlertAction.Kind.OUTCOME, AlertAction.Kind.CLOSED} and not data.get("note"):
            self.add_error("note", _("Please write the outcome in a few words."))
        return data


class RaiseAlertForm(forms.Form):
    level = forms.ChoiceField(label=_("How serious"), choices=RiskLevel.choices, initial=RiskLevel.CRISIS)
    note = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RotaForm(forms.Form):
    """The weekly rota: for each day an on-call counselor and a backup (both, or neither)."""

    def __init__(self, *args, counselors, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = []
        for weekday, label in OnCallSlot.Weekday.choices:
            for role, role_label in (("primary", _("On call")), ("backup", _("Backup"))):
                field = forms.ModelChoiceField(
                    queryset=counselors,
                    required=False,
                    label=f"{label} · {role_label}",
                    empty_label=_("— nobody: every counselor is told —"),
                )
                field.label_from_instance = _person_name
                self.fields[f"{role}_{weekday}"] = field
            self.days.append((label, self[f"primary_{weekday}"], self[f"backup_{weekday}"]))

    def clean(self):
        data = super().clean()
        for weekday, _label in OnCallSlot.Weekday.choices:
            primary, backup = data.get(f"primary_{weekday}"), data.get(f"backup_{weekday}")
            if bool(primary) != bool(backup):
                self.add_error(
                    f"backup_{weekday}", _("Choose both the on-call counselor and the backup, or neither.")
                )
            elif primary and primary == backup:
                self.add_error(f"backup_{weekday}", _("The backup must be someone else."))
        return data

    def slots(self) -> dict[int, tuple]:
        return {
            weekday: (self.cleaned_data[f"primary_{weekday}"], self.cleaned_data[f"backup_{weekday}"])
            for weekday, _label in OnCallSlot.Weekday.choices
            if self.cleaned_data.get(f"primary_{weekday}")
        }


def _person_name(user) -> str:
    return user.person.full_name if user.person_id else user.get_username()


class RiskFeedbackForm(forms.Form):
    """A counselor's judgement of the detector on one text (see safety/feedback.py)."""

    source_ref = forms.CharField(max_length=100, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=[("false_alarm", _("Not a risk")), ("missed", _("A risk the system missed"))]
    )
    level = forms.ChoiceField(
        label=_("It should have been"),
        choices=[("crisis", _("Crisis")), ("concern", _("Concern")), ("none", _("No risk"))],
    )
    alert = forms.UUIDField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)


class OutreachNoteForm(forms.Form):
    note = forms.CharField(label=_("What you did (optional)"), max_length=2000, required=False)
