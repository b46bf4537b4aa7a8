"""The iCalendar feed at /cal/<secret>.ics, outside any organization: the secret names the user
and the organization, and an unknown one answers 404."""

from django.urls import path

from sebaya.guidance.views import calendar as views

urlpatterns = [
    path("cal/<slug:token>.ics", views.calendar_ics, name="calendar_ics"),
]
