from django.urls import path

from gongkai.portal import feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_results, name="search"),
    path("documents/<id:pk>/", views.document_detail, name="document"),
    path("documents/<id:pk>/diff/", views.document_diff, name="document_diff"),
    path("documents/<id:pk>/attachments/<id:aid>/", views.attachment_download, name="attachment"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<id:unit_id>/", views.catalogue_unit, name="catalogue_unit"),
    path("feeds/documents.atom", feeds.DocumentsFeed(), name="feed"),
    path("feeds/units/<id:unit_id>.atom", feeds.UnitDocumentsFeed(), name="unit_feed"),
]
