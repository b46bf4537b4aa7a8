from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from sebaya.accounts import names, services
from sebaya.accounts.models import User
from sebaya.accounts.names import USERNAME_RE
from sebaya.kernel.excerpts import excerpt


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Students mostly sign in with their student number; say so in our own words.
        self.fields["login"].label = _("Username or email")
        self.fields["login"].widget.attrs.update({"autocapitalize": "none", "autocomplete": "username"})


class DemoSignInForm(forms.Form):
    """The demo tour's one click: one of the tour's accounts present here (`demo_tour.tour_accounts`)."""

    username = forms.ChoiceField()

    def __init__(self, *args, present, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].choices = [(name, name) for name in sorted(present)]


class ChangePasswordForm(AllauthChangePasswordForm):
    def save(self):
        super().save()
        services.password_changed_by_owner(user=self.user)


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    def save(self):
        # Chosen by the person themselves, from a link sent to their own address.
        super().save()
        services.password_changed_by_owner(user=self.user)


class ResetPasswordForm(AllauthResetPasswordForm):
    def clean_email(self):
        # A reset link goes only to the address an admin set on the account (`User.email`), never
        # to an older address allauth may still hold for it (someone who used to have that box).
        email = self.cleaned_data["email"]
        self.users = list(User.objects.filter(email__iexact=email.strip(), is_active=True))
        return email


class TemporaryPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Temporary password"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password, self.user)
        return password


class AccountForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("What the person types to sign in, e.g. their student number."),
    )
    email = forms.EmailField(label=_("Email (optional)"), required=False)

    def __init__(self, *args, organization, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.user = user

    # A name another account holds is named only when that account's person belongs to this
    # organization; otherwise the answer is the same as for a reserved name (see accounts/names.py).

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lower()
        if not USERNAME_RE.match(username):
            raise forms.ValidationError(_("A username may only use letters, digits and . @ + - _"))
        holder = self._conflict("username", username)
        if holder is None:
            return username
        if holder.is_member:
            raise forms.ValidationError(
                _("This username already belongs to %(person)s (%(identifier)s) in this organization.")
                % _member(holder)
            )
        raise forms.ValidationError(
            _("This username cannot be used. Choose another, for example “%(suggestion)s”.")
            % {"suggestion": names.suggestion(username, self.organization)}
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        holder = self._conflict("email", email) if email else None
        if holder is None:
            return email
        if holder.is_member:
            raise forms.ValidationError(
                _("This email already belongs to %(person)s (%(identifier)s) in this organization.")
                % _member(holder)
            )
        raise forms.ValidationError(
            _("This email cannot be used for a sign-in account. Leave it empty or use another address.")
        )

    def _conflict(self, field: str, value: str):
        found = names.holders(field=field, values=[value], organization=self.organization)
        return names.conflict(found.get(value, []), own_account_id=self.user.pk if self.user else None)


def _member(holder) -> dict:
    return {
        "person": excerpt(holder.member_name),
        "identifier": excerpt(holder.member_identifier) or "—",
    }


class ProtectedAccountForm(AccountForm):
    """The account of someone who reads confidential material: no password field, ever."""

    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_(
            "Sebaya sends the link to choose a password here. Without an address, a second admin "
            "must approve a temporary password."
        ),
    )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve")), ("0", _("Decline"))], coerce=lambda value: value == "1"
    )
