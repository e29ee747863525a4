from django.urls import path

from gongkai.zhuanlan import views

app_name = "zhuanlan"
urlpatterns = [
    path("", views.index, name="index"),
    path("manage/", views.manage, name="manage"),
    path("manage/interpretations/", views.interpretations_pending, name="interpretations_pending"),
    path("manage/interpretations/<id:pk>/", views.interpretation_link_view,
         name="interpretation_link"),
    path("manage/normative/", views.normative_manage, name="normative_manage"),
    path("manage/lookup/", views.lookup, name="lookup"),
    path("manage/<str:code>/", views.manage_unit, name="manage_unit"),
    path("<str:code>/", views.column, name="column"),
    path("<str:code>/guide/", views.guide, name="guide"),
    path("<str:code>/rules/", views.rules, name="rules"),
    path("<str:code>/statutory/<slug:key>/", views.statutory, name="statutory"),
    path("<str:code>/interpretations/", views.interpretations, name="interpretations"),
    path("<str:code>/expired/", views.expired, name="expired"),
    path("<str:code>/normative/", views.normative_register, name="register"),
]
