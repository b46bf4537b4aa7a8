"""The calendar and the page that makes the secret address of one's iCalendar feed (the feed
itself: calendar_feed.py)."""

from django.urls import path

from sebaya.guidance.views import calendar as views

urlpatterns = [
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/feed/", views.calendar_feed, name="calendar_feed"),
]
