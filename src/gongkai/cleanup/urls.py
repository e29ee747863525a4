from django.urls import path

from gongkai.cleanup import views

app_name = "cleanup"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.campaign_new, name="new"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/relations/<id:pk>/", views.relation_confirm, name="relation_confirm"),
    path("<id:pk>/", views.campaign_detail, name="campaign"),
    path("<id:pk>/items/<id:item_id>/mark/", views.item_mark, name="mark"),
    path("<id:pk>/items/<id:item_id>/review/", views.item_review, name="review"),
    path("<id:pk>/accept/", views.campaign_accept_marked, name="accept"),
    path("<id:pk>/publish/", views.campaign_publish, name="publish"),
    path("<id:pk>/notice/", views.notice, name="notice"),
    path("<id:pk>/notice.docx", views.notice_docx, name="notice_docx"),
]
