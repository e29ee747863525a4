"""Mounted at /consultations/: public pages and the unit's workbench (manage/…)."""

from django.urls import path

from gongkai.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("feed.atom", views.ConsultationsFeed(), name="feed"),
    path("units/<id:unit_id>.atom", views.UnitConsultationsFeed(), name="unit_feed"),
    path("catalogs/", views.catalog_list, name="catalogs"),
    path("catalogs/<id:pk>/", views.catalog_detail, name="catalog"),
    path("hearings/<id:pk>/", views.hearing_detail, name="hearing"),
    path("<id:pk>/", views.consultation_detail, name="detail"),
    path("<id:pk>/comment/", views.comment_new, name="comment"),
    path("<id:pk>/feedback/", views.feedback_page, name="feedback"),
    path("<id:pk>/feedback.docx", views.feedback_download, name="feedback_docx"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.manage_new, name="manage_new"),
    path("manage/catalogs/new/", views.manage_catalog, name="manage_catalog_new"),
    path("manage/catalogs/<id:pk>/", views.manage_catalog, name="manage_catalog"),
    path("manage/hearings/<id:pk>/", views.manage_hearing, name="manage_hearing"),
    path("manage/<id:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<id:pk>/comments.<str:fmt>", views.manage_export, name="manage_export"),
    path("manage/<id:pk>/<str:action>/", views.manage_action, name="manage_action"),
]
