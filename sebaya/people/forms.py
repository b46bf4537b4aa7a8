from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.people.models import LANGUAGE_CHOICES, Membership, Person, Role


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
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["external_id", "grade", "class_name", "unit", "is_active"]

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


class AccountForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("What the person types to sign in, e.g. their student number."),
    )
    email = forms.EmailField(label=_("Email (optional)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_username(self):
        from sebaya.accounts.models import User

        username = self.cleaned_data["username"].strip().lower()
        clash = User.objects.filter(username__iexact=username)
        if self.user is not None:
            clash = clash.exclude(pk=self.user.pk)
        if clash.exists():
            raise forms.ValidationError(_("This username is already used by someone else."))
        return username

    def clean_email(self):
        from sebaya.accounts.models import User

        email = self.cleaned_data["email"].strip().lower()
        if email:
            clash = User.objects.filter(email__iexact=email)
            if self.user is not None:
                clash = clash.exclude(pk=self.user.pk)
            if clash.exists():
                raise forms.ValidationError(_("This email is already used by another account."))
        return email


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    grade = forms.CharField(label=_("Grade"), required=False, max_length=20)
    class_name = forms.CharField(label=_("Class"), required=False, max_length=40)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
