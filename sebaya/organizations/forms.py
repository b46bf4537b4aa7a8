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
    # A posted form count is capped well below Django's default (1,000 forms, rendered back on error).
    max_num=30,
    absolute_max=30,
    validate_max=True,
)
