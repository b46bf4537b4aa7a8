"""Forms for a person's own data: the admin's request on behalf of a parent or guardian."""

from django import forms
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
KINDS = ("pdf", "json")


class GuardianExportForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the request"),
        max_length=300,
        help_text=_(
            "Who asked and how, for example: letter from the father, no. 12/2026, received 3 May 2026. "
            "Kept with the copy."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the copy"), choices=LANGUAGES, initial="id")
    checked = forms.BooleanField(
        label=_(
            "I have checked, with the person's counselor, that handing this copy to the parent or "
            "guardian is safe for the person."
        ),
        error_messages={
            "required": _("Please check this first: the copy holds everything the person told us.")
        },
    )

    def clean_reference(self):
        reference = " ".join(self.cleaned_data["reference"].split())
        if not reference:
            raise forms.ValidationError(_("Please write the reference of the request."))
        return reference
