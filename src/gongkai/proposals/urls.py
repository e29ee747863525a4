"""Mounted at /proposals/: the public replies and summaries, and the handling pages (manage/…)."""

from django.urls import path

from gongkai.proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.public_list, name="public"),
    path("summary/<id:year>/", views.summary_page, name="summary"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.register, name="register"),
    path("manage/summary/", views.summary_publish, name="summary_publish"),
    path("manage/<id:pk>/", views.manage_detail, name="detail"),
    path("manage/<id:pk>/<str:action>/", views.manage_action, name="action"),
]
