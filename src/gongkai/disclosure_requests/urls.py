"""Mounted at /requests/: public pages (new, track) and the unit's workbench (manage/…)."""

from django.urls import path

from gongkai.disclosure_requests import views

app_name = "disclosure_requests"
urlpatterns = [
    path("new/", views.request_new, name="new"),
    path("track/<str:token>/", views.request_track, name="track"),
    path("track/<str:token>/letter.docx", views.request_track_letter, name="track_letter"),
    path("track/<str:token>/my-data.json", views.request_track_data, name="track_data"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.manage_new, name="manage_new"),
    path("manage/table/", views.manage_table, name="manage_table"),
    path("manage/<id:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<id:pk>/letter.docx", views.manage_letter, name="manage_letter"),
    path("manage/<id:pk>/<str:action>/", views.manage_action, name="manage_action"),
]
