"""What most psychosocial tests start from: a flood led by the test organization, today."""

import pytest
from django.utils import timezone

from sebaya.psychosocial.services.incidents import incident_create


@pytest.fixture
def incident(org, users):
    return incident_create(
        organization=org,
        by=users["coordinator"],
        kind="flood",
        title="Banjir Cisurupan",
        started_on=timezone.localdate(),
    )
