from django.urls import path

from gongkai.portal import feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_results, name="search"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/diff/", views.document_diff, name="document_diff"),
    path("documents/<int:pk>/attachments/<int:aid>/", views.attachment_download, name="attachment"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:unit_id>/", views.catalogue_unit, name="catalogue_unit"),
    path("feeds/documents.atom", feeds.DocumentsFeed(), name="feed"),
    path("feeds/units/<int:unit_id>.atom", feeds.UnitDocumentsFeed(), name="unit_feed"),
]
