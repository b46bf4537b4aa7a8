"""Forms for consent records and the organization's privacy settings."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.fields import DATE_INPUT, text_field
from sebaya.privacy.models import ConsentGiver, ConsentMethod, ConsentPurpose, PrivacySettings

# "Not recorded" is only for consents carried over from older referrals.
RECORDABLE_METHODS = [(c, label) for c, label in ConsentMethod.choices if c != ConsentMethod.NOT_RECORDED]
# A consent a counselor takes down while referring: the person did not click anything in the app.
SPOKEN_METHODS = [(code, label) for code, label in RECORDABLE_METHODS if code != ConsentMethod.APP]

# Messages for the codes of `privacy.consent.ConsentError`, shared by every form that records consent.
CONSENT_ERRORS = {
    "giver_name": _("Please write the name of the parent or guardian who agreed."),
    "guardian_needed": _(
        "They are under 18: your organization asks for a parent's or guardian's consent. "
        "Record who agreed for them."
    ),
    "none_on_file": _("There is no consent on file for this. Record who agreed now."),
    "future": _("The date cannot be in the future."),
    "withdrawn": _("This consent was already withdrawn."),
}


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Consent to"), choices=ConsentPurpose.choices)
    given_by = forms.ChoiceField(
        label=_("Who agreed"), choices=ConsentGiver.choices, widget=forms.RadioSelect, initial="self"
    )
    giver_name = forms.CharField(
        label=_("Name of the parent or guardian"),
        max_length=200,
        required=False,
        help_text=_("Needed when someone agreed on their behalf."),
    )
    method = forms.ChoiceField(label=_("How"), choices=RECORDABLE_METHODS, initial="signed_form")
    given_on = forms.DateField(label=_("Date given"), widget=DATE_INPUT)
    reference = forms.CharField(
        label=_("Reference (optional)"),
        max_length=100,
        required=False,
        help_text=_("For example the number of the signed form in the school's files."),
    )
    note = text_field(_("Note (optional)"), rows=2, max_length=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(CONSENT_ERRORS["future"])
        return given_on

    def clean(self):
        data = super().clean()
        given_by = data.get("given_by")
        if given_by and given_by != ConsentGiver.SELF and not (data.get("giver_name") or "").strip():
            self.add_error("giver_name", CONSENT_ERRORS["giver_name"])
        return data


class WithdrawForm(forms.Form):
    reason = text_field(_("Why (optional)"), rows=2, max_length=1000)


class PrivacySettingsForm(forms.ModelForm):
    class Meta:
        model = PrivacySettings
        fields = [
            "minors_need_guardian",
            "messages_months",
            "anonymous_requests_months",
            "help_requests_months",
            "screening_years",
            "cases_years",
        ]
