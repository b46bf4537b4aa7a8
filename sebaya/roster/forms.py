from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8) or Excel .xlsx. Required columns: identifier (NIS/NISN) and full name."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.ROSTER_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s. Please split it.")
                % {"size": filesizeformat(settings.ROSTER_MAX_UPLOAD_BYTES)}
            )
        return upload


class RosterConfirmForm(forms.Form):
    make_passwords = forms.BooleanField(
        label=_("Create a temporary password for every new account and show them once, to print"),
        required=False,
        initial=True,
    )
