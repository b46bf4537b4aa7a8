from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.people.models import LANGUAGE_CHOICES, Membership, Person, Role
from sebaya.people.phones import validate_phone


class PersonForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "preferred_name",
            "gender",
            "birth_date",
            "age_band",
            "languages",
            "guardian_name",
            "guardian_phone",
            "guardian_email",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "guardian_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def clean_guardian_phone(self):
        value = self.cleaned_data["guardian_phone"]
        validate_phone(value)
        return value


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["external_id", "grade", "class_name", "unit", "nip", "is_active"]

    def clean_external_id(self):
        value = self.cleaned_data["external_id"].strip()
        if value:
            clash = Membership.objects.filter(organization=self.instance.organization, external_id=value)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(
                    _("Another person in this organization already has this identifier.")
                )
        return value


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    grade = forms.CharField(label=_("Grade"), required=False, max_length=20)
    class_name = forms.CharField(label=_("Class"), required=False, max_length=40)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
