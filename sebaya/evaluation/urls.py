"""Evaluation pages: the organization's dashboard under /o/<org>/evaluasi/, the network's under
/n/<network>/evaluasi/."""

from django.urls import include, path

org_patterns: list = []
network_patterns: list = []

urlpatterns = [
    path("o/<slug:org>/", include(org_patterns)),
    path("n/<slug:network>/", include(network_patterns)),
]
