"""The people of an organization: the list, adding, a person's page, details and roles."""

from django.urls import include, path

from sebaya.people import views

org_patterns = [
    path("people/", views.people_list, name="people_list"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<uuid:person>/", views.person_detail, name="person_detail"),
    path("people/<uuid:person>/edit/", views.person_edit, name="person_edit"),
    path("people/<uuid:person>/roles/", views.person_roles, name="person_roles"),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
