"""Mounted at /requests/: public pages (new, track) and the unit's workbench (manage/…)."""

from django.urls import path

from gongkai.disclosure_requests import views

app_name = "disclosure_requests"
urlpatterns = [
    path("new/", views.request_new, name="new"),
    path("track/<str:token>/", views.request_track, name="track"),
    path("track/<str:token>/letter.docx", views.request_track_letter, name="track_letter"),
    path("track/<str:token>/my-data.json", views.request_track_data, name="track_data"),
    path("track/<str:token>/files/<id:file_id>/", views.request_track_file, name="track_file"),
    path("lookup/", views.request_lookup, name="lookup"),
    path("statistics/", views.statistics, name="statistics"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/assists/", views.assist_list, name="assist_list"),
    path("manage/assists/<id:task_id>/reply/", views.assist_reply, name="assist_reply"),
    path("manage/desks/", views.desk_list, name="desk_list"),
    path("manage/desks/<id:unit_id>/", views.desk_edit, name="desk_edit"),
    path("mock/", views.mock_list, name="mock_list"),
    path("manage/new/", views.manage_new, name="manage_new"),
    path("manage/table/", views.manage_table, name="manage_table"),
    path("manage/<id:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<id:pk>/letter.docx", views.manage_letter, name="manage_letter"),
    path("manage/<id:pk>/fee-notice.docx", views.manage_fee_letter, name="manage_fee_letter"),
    path("manage/<id:pk>/files/", views.manage_file_add, name="manage_file_add"),
    path("manage/<id:pk>/files/<id:file_id>/", views.manage_file, name="manage_file"),
    path("manage/<id:pk>/files/<id:file_id>/remove/", views.manage_file_remove, name="manage_file_remove"),
    path("manage/<id:pk>/proactive/", views.manage_proactive, name="manage_proactive"),
    path("manage/<id:pk>/<str:action>/", views.manage_action, name="manage_action"),
]
