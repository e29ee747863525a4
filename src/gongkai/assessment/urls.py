"""Mounted at /assessment/."""

from django.urls import path

from gongkai.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("new/", views.run_new, name="new"),
    path("<int:run_id>/", views.run_detail, name="detail"),
    path("<int:run_id>/chart.png", views.run_chart, name="chart"),
    path("<int:run_id>/bulletin.docx", views.run_docx, name="docx"),
    path("<int:run_id>/scores.xlsx", views.run_xlsx, name="xlsx"),
    path("<int:run_id>/result.json", views.run_json, name="json"),
    path("<int:run_id>/units/<int:unit_id>/", views.unit_page, name="unit"),
    path("<int:run_id>/manual/", views.manual_entry, name="manual"),
    path("<int:run_id>/manual/template.xlsx", views.manual_template, name="manual_template"),
    path("<int:run_id>/manual/import/", views.manual_import, name="manual_import"),
    path("<int:run_id>/publish/", views.run_publish, name="publish"),
    path("<int:run_id>/units/<int:unit_id>/appeal/", views.appeal_new, name="appeal_new"),
    path("<int:run_id>/appeal-window/", views.appeal_window, name="appeal_window"),
    path("appeals/<int:appeal_id>/decide/", views.appeal_decide, name="appeal_decide"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/<int:item_id>/close/", views.rectification_close, name="rectification_close"),
]
