from django.urls import path

from gongkai.cleanup import views

app_name = "cleanup"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.campaign_new, name="new"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/relations/<int:pk>/", views.relation_confirm, name="relation_confirm"),
    path("<int:pk>/", views.campaign_detail, name="campaign"),
    path("<int:pk>/items/<int:item_id>/mark/", views.item_mark, name="mark"),
    path("<int:pk>/items/<int:item_id>/review/", views.item_review, name="review"),
    path("<int:pk>/accept/", views.campaign_accept_marked, name="accept"),
    path("<int:pk>/publish/", views.campaign_publish, name="publish"),
    path("<int:pk>/notice/", views.notice, name="notice"),
    path("<int:pk>/notice.docx", views.notice_docx, name="notice_docx"),
]
