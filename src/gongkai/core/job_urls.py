"""Mounted at /jobs/."""

from django.urls import path

from gongkai.core import views

app_name = "jobs"
urlpatterns = [
    path("<int:job_id>/", views.job_detail, name="detail"),
    path("<int:job_id>/status.json", views.job_status, name="status"),
]
