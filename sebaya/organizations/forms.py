import io

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from sebaya.organizations.models import CrisisContact, Letterhead, Organization
from sebaya.organizations.numbering import PatternError, check_pattern


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


LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 2000
LOGO_MIN_SIDE = 32
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


def logo_check(upload) -> tuple[bytes, str]:
    """(the bytes, their type) of an uploaded logo, or a ValidationError in the user's language.

    The type is read from the content with Pillow, never from the file name or the browser's
    word for it."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > LOGO_MAX_BYTES:
        raise forms.ValidationError(_("The logo is larger than 1 MB. Save it smaller and try again."))
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise forms.ValidationError(_("This file is not a PNG or JPEG image.")) from None
    if kind not in LOGO_TYPES:
        raise forms.ValidationError(_("This file is not a PNG or JPEG image."))
    if max(width, height) > LOGO_MAX_SIDE or min(width, height) < LOGO_MIN_SIDE:
        raise forms.ValidationError(
            _("The logo must be between %(min)s and %(max)s pixels on each side; this one is %(w)s × %(h)s.")
            % {"min": LOGO_MIN_SIDE, "max": LOGO_MAX_SIDE, "w": width, "h": height}
        )
    return data, LOGO_TYPES[kind]


class LetterheadForm(forms.ModelForm):
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 1 MB and 2000 pixels on each side."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Letterhead
        fields = [
            "upper_lines",
            "name",
            "address",
            "phone",
            "email",
            "website",
            "city",
            "principal_name",
            "principal_nip",
            "number_pattern",
        ]
        widgets = {"upper_lines": forms.Textarea(attrs={"rows": 3})}

    # The page's sections: the kop itself, then the date line and who signs.
    KOP = ("upper_lines", "name", "address", "phone", "email", "website", "logo_file", "remove_logo")
    SIGNATORIES = ("city", "principal_name", "principal_nip")

    def kop_fields(self):
        return [self[name] for name in self.KOP]

    def signatory_fields(self):
        return [self[name] for name in self.SIGNATORIES]

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        return logo_check(upload) if upload else None

    def clean_number_pattern(self):
        pattern = self.cleaned_data["number_pattern"].strip()
        try:
            check_pattern(pattern)
        except PatternError as error:
            raise forms.ValidationError(str(error)) from None
        return pattern

    def save(self, commit=True):
        letterhead = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            letterhead.logo, letterhead.logo_type = b"", ""
        if self.cleaned_data.get("logo_file"):
            letterhead.logo, letterhead.logo_type = self.cleaned_data["logo_file"]
        if commit:
            letterhead.save()
        return letterhead
