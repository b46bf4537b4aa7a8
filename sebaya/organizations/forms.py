from django import forms
from django.forms import inlineformset_factory

from sebaya.organizations.models import CrisisContact, Organization


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "kind", "region", "timezone", "alert_ack_minutes", "auto_assign_peers"]


CrisisContactFormSet = inlineformset_factory(
    Organization,
    CrisisContact,
    fields=["name", "phone", "description", "available_hours", "position"],
    extra=2,
    can_delete=True,
)
