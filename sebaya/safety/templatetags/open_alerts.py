"""`{% open_alerts_banner person %}`: the alerts not closed about a person, at the top of their page
and their case, for those who see alerts (decided by `access.open_alerts_about`)."""

from django import template

from sebaya import access

register = template.Library()


@register.inclusion_tag("safety/_open_alerts_banner.html", takes_context=True)
def open_alerts_banner(context, person):
    request = context["request"]
    alerts = list(access.open_alerts_about(request.user, request.organization, person)[:5])
    return {"alerts": alerts, "request": request}
