"""The audit trail of an organization."""

from django.urls import include, path

from sebaya.audit import views

org_patterns = [
    path("audit/", views.audit_list, name="audit_list"),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
