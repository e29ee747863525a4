from django.urls import path

from gongkai.annual_reports import views

app_name = "annual_reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.report_open, name="open"),
    path("import/", views.report_import, name="import"),
    path("roll-up/", views.roll_up, name="roll_up"),
    path("cases/", views.cases, name="cases"),
    path("statistics/", views.statistics, name="statistics"),
    path("cases/<id:pk>/update/", views.case_update, name="case_update"),
    path("<id:pk>/", views.report_detail, name="report"),
    path("<id:pk>/save/", views.report_save, name="save"),
    path("<id:pk>/refresh/", views.report_refresh, name="refresh"),
    path("<id:pk>/explain/", views.report_explain, name="explain"),
    path("<id:pk>/submit/", views.report_submit, name="submit"),
    path("<id:pk>/return/", views.report_return, name="return"),
    path("<id:pk>/publish/", views.report_publish, name="publish"),
    path("<id:pk>/report.docx", views.report_docx, name="docx"),
    path("<id:pk>/report.json", views.report_json, name="json"),
    path("public/", views.public_list, name="public_list"),
    path("public/<id:pk>/", views.public_report, name="public"),
]
