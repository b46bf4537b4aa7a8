"""The front door: the home page (on to one's organization), the crisis lines, the language,
switching between one's organizations, an organization's home and a network's."""

from django.urls import path

from sebaya.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("bantuan/", views.crisis, name="crisis"),
    path("language/", views.set_language, name="set_language"),
    path("switch/", views.switch, name="switch"),
    path("o/<slug:org>/", views.org_home, name="org_home"),
    path("n/<slug:network>/", views.network_home, name="network_home"),
]
