from django.urls import path

from . import calendar, views

urlpatterns = [
    path("hearings/", views.hearing_list, name="hearings"),
    path("hearings.ics", calendar.all_hearings_calendar, name="hearings_ics"),
]
