"""URL map. Each app owns its urls.py; the public site is mounted at the root.

No URL serves MEDIA_ROOT, in any mode: every stored file goes through a view that checks who
may see it (`gongkai.core.files.protected_file_response`).
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from gongkai.core import health as health_views
from gongkai.core import views as core_views
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
    path("accounts/password/", core_views.password_change, name="password_change"),
    path("api/", include("gongkai.api.urls")),
    path("start/", workbench_views.start, name="start"),
    path("workbench/", include("gongkai.workbench.urls")),
    path("requests/", include("gongkai.disclosure_requests.urls")),
    path("assessment/", include("gongkai.assessment.urls")),
    path("cleanup/", include("gongkai.cleanup.urls")),
    path("annual-reports/", include("gongkai.annual_reports.urls")),
    path("consultations/", include("gongkai.consultations.urls")),
    path("supervision/", include("gongkai.supervision.urls")),
    path("proposals/", include("gongkai.proposals.urls")),
    path("zhuanlan/", include("gongkai.zhuanlan.urls")),
    path("healthz", health_views.healthz, name="healthz"),
    path("jobs/", include("gongkai.core.job_urls")),
    path("", include("gongkai.portal.urls")),
]
