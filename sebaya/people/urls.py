"""The people of an organization: the list, adding, a person's page, details and roles; the audit
trail of what they did and what was done to their records."""

from django.urls import include, path

from sebaya.people import audit_views, views

org_patterns = [
    path("people/", views.people_list, name="people_list"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<uuid:person>/", views.person_detail, name="person_detail"),
    path("people/<uuid:person>/edit/", views.person_edit, name="person_edit"),
    path("people/<uuid:person>/roles/", views.person_roles, name="person_roles"),
    path("audit/", audit_views.audit_list, name="audit_list"),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
