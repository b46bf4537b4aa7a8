"""Awareness campaigns: the list, a campaign with its reach and pre/post change, making and
changing one, its activities and its surveys."""

from django.urls import path

from sebaya.guidance.views import campaigns as views

C = "campaigns/<uuid:campaign>/"
urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path(C, views.campaign_detail, name="campaign_detail"),
    path(C + "edit/", views.campaign_edit, name="campaign_edit"),
    path(C + "activities/", views.campaign_activities, name="campaign_activities"),
    path(C + "survey/<slug:which>/", views.campaign_survey, name="campaign_survey"),
]
