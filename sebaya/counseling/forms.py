from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import Case, CaseMeasure, CounselingSession, Domain, ServiceType

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label, *, required=False, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class CaseOpenForm(forms.Form):
    summary = forms.CharField(label=_("What it is about, in a line"), max_length=300)
    domain = forms.ChoiceField(label=_("Domain (bidang layanan)"), choices=Domain.choices)


class CaseEditForm(forms.ModelForm):
    service_types = forms.MultipleChoiceField(
        label=_("Services used (jenis layanan)"),
        choices=ServiceType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counselors = forms.ModelMultipleChoiceField(
        label=_("Assigned counselors"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = ["summary", "domain", "service_types", "plan_goals", "plan_interventions", "review_date"]
        widgets = {
            "review_date": DATE_INPUT,
            "plan_goals": forms.Textarea(attrs={"rows": 3}),
            "plan_interventions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, counselors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counselors"].queryset = counselors
        self.fields["counselors"].label_from_instance = lambda user: (
            user.person.full_name if user.person_id else user.get_username()
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(s.value, s.label) for s in Case.Status if s != Case.Status.CLOSED]
    )
    note = _text(_("Note (optional)"), rows=2)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Case.Outcome.choices)
    summary = _text(_("Closing summary"), required=True)


class ReopenForm(forms.Form):
    note = _text(_("Why it is reopened"), required=True, rows=2)


class SessionForm(forms.ModelForm):
    confidential_note = _text(
        _("Confidential note"),
        rows=4,
        help_text=_("Encrypted. Only the counselors assigned to this case can read it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CounselingSession
        fields = ["date", "service_type", "duration_minutes", "discussed", "analysis", "plan", "seriousness"]
        widgets = {
            "date": DATE_INPUT,
            "discussed": forms.Textarea(attrs={"rows": 3}),
            "analysis": forms.Textarea(attrs={"rows": 3}),
            "plan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, may_read_notes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_read_notes:
            del self.fields["confidential_note"]

    def session_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BreakGlassForm(forms.Form):
    reason = _text(
        _("Why you need to read the confidential notes now"),
        required=True,
        rows=2,
        help_text=_("For one hour. The assigned counselors will see that you did, and why."),
    )


class MomentForm(forms.Form):
    moment = forms.ChoiceField(label=_("When in the case"), choices=CaseMeasure.Moment.choices)


class FollowUpForm(forms.Form):
    what = forms.CharField(label=_("What to do"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT)
