"""URL map. Each app owns its urls.py; the public site is mounted at the root."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from gongkai.core.accounts import LockoutAuthenticationForm
from gongkai.core.converters import IdConverter
from gongkai.workbench import views as workbench_views

# <id:…> instead of <int:…>: ids beyond a 64-bit column are 404, not a database error.
register_converter(IdConverter, "id")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/",
         auth_views.LoginView.as_view(authentication_form=LockoutAuthenticationForm),
         name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", include("gongkai.api.urls")),
    path("start/", workbench_views.start, name="start"),
    path("workbench/", include("gongkai.workbench.urls")),
    path("requests/", include("gongkai.disclosure_requests.urls")),
    path("assessment/", include("gongkai.assessment.urls")),
    path("cleanup/", include("gongkai.cleanup.urls")),
    path("annual-reports/", include("gongkai.annual_reports.urls")),
    path("consultations/", include("gongkai.consultations.urls")),
    path("zhuanlan/", include("gongkai.zhuanlan.urls")),
    path("", include("gongkai.portal.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
