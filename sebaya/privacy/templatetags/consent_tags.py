"""The consent card on a person's page. The people app knows nothing of consents: its template
asks for this card, and the card asks `access` what the viewer may see and do."""

from django import template

from sebaya import access
from sebaya.privacy import consent as consents
from sebaya.privacy.consent_forms import ConsentForm, WithdrawForm
from sebaya.privacy.models import ConsentPurpose

register = template.Library()


@register.inclusion_tag("privacy/_consent_card.html", takes_context=True)
def consent_card(context, membership):
    user = context["request"].user
    if not access.can(user, "consent.view", membership):
        return {"shown": False}
    organization, person = membership.organization, membership.person
    rows = list(consents.visible_consents(person=person, organization=organization))
    in_force = {
        found.pk
        for purpose in ConsentPurpose.values
        if (found := consents.consent_in_force(person=person, organization=organization, purpose=purpose))
    }
    return {
        "shown": True,
        "request": context["request"],
        "membership": membership,
        "rows": [
            {
                "consent": row,
                "in_force": row.pk in in_force,
                "may_withdraw": row.withdrawn_at is None and access.can(user, "consent.withdraw", row),
            }
            for row in rows
        ],
        "guardian_needed": consents.guardian_needed(person=person, organization=organization),
        "may_record": access.can(user, "consent.record", membership),
        "form": ConsentForm(),
        "withdraw_form": WithdrawForm(),
        "is_self": user.person_id == person.pk,
    }
