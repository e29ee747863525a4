"""Mounted at /assessment/."""

from django.urls import path

from gongkai.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("new/", views.run_new, name="new"),
    path("<id:run_id>/", views.run_detail, name="detail"),
    path("<id:run_id>/chart.png", views.run_chart, name="chart"),
    path("<id:run_id>/bulletin.docx", views.run_docx, name="docx"),
    path("<id:run_id>/scores.xlsx", views.run_xlsx, name="xlsx"),
    path("<id:run_id>/result.json", views.run_json, name="json"),
    path("<id:run_id>/units/<id:unit_id>/", views.unit_page, name="unit"),
    path("<id:run_id>/manual/", views.manual_entry, name="manual"),
    path("<id:run_id>/manual/template.xlsx", views.manual_template, name="manual_template"),
    path("<id:run_id>/manual/import/", views.manual_import, name="manual_import"),
    path("<id:run_id>/manual/evidence/", views.manual_evidence_upload, name="evidence_upload"),
    path("<id:run_id>/manual/evidence/<id:evidence_id>/", views.manual_evidence_download,
         name="evidence"),
    path("<id:run_id>/manual/evidence/<id:evidence_id>/delete/", views.manual_evidence_delete,
         name="evidence_delete"),
    path("<id:run_id>/publish/", views.run_publish, name="publish"),
    path("<id:run_id>/units/<id:unit_id>/appeal/", views.appeal_new, name="appeal_new"),
    path("<id:run_id>/appeal-window/", views.appeal_window, name="appeal_window"),
    path("appeals/<id:appeal_id>/decide/", views.appeal_decide, name="appeal_decide"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/new/", views.rectification_new, name="rectification_new"),
    path("rectifications/<id:item_id>/close/", views.rectification_close, name="rectification_close"),
]
