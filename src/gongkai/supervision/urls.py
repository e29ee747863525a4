"""Mounted at /supervision/: the 督查室's and the units' 督办 pages, and the public view."""

from django.urls import path

from gongkai.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.breakdown_import, name="import"),
    path("public/", views.public_index, name="public"),
    path("public/<id:pk>/", views.public_detail, name="public_detail"),
    path("<id:pk>/", views.breakdown_detail, name="breakdown"),
    path("<id:pk>/publish/", views.breakdown_publish, name="publish"),
    path("<id:pk>/tasks/new/", views.task_add, name="task_add"),
    path("rounds/<id:pk>/", views.round_board, name="round"),
    path("rounds/<id:pk>/report/", views.quarter_report, name="quarter_report"),
    path("rounds/<id:pk>/report.docx", views.quarter_report_docx, name="quarter_report_docx"),
    path("rounds/<id:pk>/reports.xlsx", views.round_xlsx, name="round_xlsx"),
    path("rounds/<id:pk>/tasks/<id:task_id>/", views.report_edit, name="report_edit"),
    path("rounds/<id:pk>/tasks/<id:task_id>/contribute/", views.contribution_add, name="contribute"),
    path("reports/<id:pk>/decide/", views.report_decide, name="decide"),
    path("reports/<id:pk>/evidence/", views.evidence_download, name="evidence"),
    path("tasks/<id:pk>/rectify/", views.task_rectify, name="rectify"),
]
