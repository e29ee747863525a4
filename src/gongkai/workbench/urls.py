from django.urls import path

from gongkai.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("documents/", views.document_list, name="documents"),
    path("documents/new/", views.document_new, name="document_new"),
    path("documents/import/", views.archive_import, name="archive_import"),
    path("documents/<id:pk>/", views.document_detail, name="document"),
    path("documents/<id:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<id:pk>/act/<str:action>/", views.document_act, name="document_act"),
    path("queue/<str:name>/", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("gaps/", views.gaps, name="gaps"),
    path("office/", views.office, name="office"),
    path("office/reindex/", views.office_reindex, name="office_reindex"),
]
