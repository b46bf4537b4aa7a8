"""The profile part of a person's own data: who they are, their place in the organization, their account."""

from django.utils.translation import gettext_lazy as _

from sebaya.kernel.personal_data import Section, moment
from sebaya.people.models import LANGUAGE_CHOICES, AgeBand, Gender, Membership, Role

UI_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]


def profile(*, person, organization) -> dict:
    membership = Membership.objects.prefetch_related("roles").get(person=person, organization=organization)
    account = getattr(person, "user", None)
    return {
        "person": {
            "full_name": person.full_name,
            "preferred_name": person.preferred_name,
            "gender": person.gender,
            "birth_date": person.birth_date.isoformat() if person.birth_date else None,
            "age_band": person.age_band or None,
            "languages": list(person.languages),
            "guardian_name": person.guardian_name,
            "guardian_phone": person.guardian_phone,
            "guardian_email": person.guardian_email,
            "created_at": moment(person.created_at),
            "updated_at": moment(person.updated_at),
        },
        "membership": {
            "organization": organization.name,
            "identifier": membership.external_id,
            "grade": membership.grade,
            "class_name": membership.class_name,
            "unit": membership.unit,
            "active": membership.is_active,
            "roles": membership.role_codes,
            "joined_at": moment(membership.created_at),
        },
        "account": None
        if account is None
        else {
            "username": account.username,
            "email": account.email,
            "language": account.language or None,
            "account_created_at": moment(account.date_joined),
            "last_sign_in_at": moment(account.last_login),
        },
    }


PROFILE = Section(
    key="profile",
    title=_("Profile"),
    collect=profile,
    labels={
        "person": _("Personal details"),
        "full_name": _("Full name"),
        "preferred_name": _("Preferred name"),
        "gender": _("Gender"),
        "birth_date": _("Birth date"),
        "age_band": _("Age band"),
        "languages": _("Languages"),
        "guardian_name": _("Guardian name"),
        "guardian_phone": _("Guardian phone"),
        "guardian_email": _("Guardian email"),
        "updated_at": _("Last changed"),
        "membership": _("In this organization"),
        "organization": _("Organization"),
        "identifier": _("Identifier"),
        "grade": _("Grade"),
        "class_name": _("Class"),
        "unit": _("Unit"),
        "active": _("Active"),
        "roles": _("Roles"),
        "joined_at": _("Added"),
        "account": _("Sign-in account"),
        "username": _("Username"),
        "email": _("Email"),
        "language": _("Language"),
        "account_created_at": _("Account created"),
        "last_sign_in_at": _("Last sign-in"),
    },
    choices={
        "gender": Gender.choices,
        "age_band": AgeBand.choices,
        "languages": LANGUAGE_CHOICES,
        "roles": Role.choices,
        "language": UI_LANGUAGES,
    },
)
