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
    path("cases/<int:pk>/update/", views.case_update, name="case_update"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/save/", views.report_save, name="save"),
    path("<int:pk>/refresh/", views.report_refresh, name="refresh"),
    path("<int:pk>/explain/", views.report_explain, name="explain"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/publish/", views.report_publish, name="publish"),
    path("<int:pk>/report.docx", views.report_docx, name="docx"),
    path("<int:pk>/report.json", views.report_json, name="json"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_report, name="public"),
]
