"""Loading an incident through the organization's own pages."""

from django.http import Http404

from sebaya import access
from sebaya.psychosocial.models import Incident


def incident_or_404(request, action: str, incident_id) -> Incident:
    """An incident the request's organization leads or has joined: 404 otherwise (another
    response's incident is not even known here), then 403 unless the action is allowed."""
    incident = Incident.objects.responded_by(request.organization).filter(pk=incident_id).first()
    if incident is None:
        raise Http404
    access.require(request.user, action, incident)
    return incident
