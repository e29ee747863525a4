from django.urls import path

from gongkai.workbench import people, views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("documents/", views.document_list, name="documents"),
    path("documents/new/", views.document_new, name="document_new"),
    path("documents/import/", views.archive_import, name="archive_import"),
    path("documents/<id:pk>/", views.document_detail, name="document"),
    path("documents/<id:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<id:pk>/act/<str:action>/", views.document_act, name="document_act"),
    path("documents/<id:pk>/delete/", views.document_delete, name="document_delete"),
    path("documents/<id:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("documents/<id:pk>/attachments/<id:aid>/", views.attachment_download,
         name="attachment"),
    path("documents/<id:pk>/attachments/<id:aid>/delete/", views.attachment_delete,
         name="attachment_delete"),
    path("queue/<str:name>/", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("gaps/", views.gaps, name="gaps"),
    path("office/", views.office, name="office"),
    path("office/reindex/", views.office_reindex, name="office_reindex"),
    path("office/policy/", views.policy, name="policy"),
    path("office/units/", people.units, name="units"),
    path("office/units/new/", people.unit_new, name="unit_new"),
    path("office/units/<id:pk>/", people.unit_edit, name="unit_edit"),
    path("office/units/<id:pk>/active/", people.unit_active, name="unit_active"),
    path("office/users/", people.users, name="users"),
    path("office/users/new/", people.user_new, name="user_new"),
    path("office/users/<id:pk>/", people.user_edit, name="user_edit"),
    path("office/users/<id:pk>/password/", people.user_password, name="user_password"),
    path("office/users/<id:pk>/active/", people.user_active, name="user_active"),
]
