"""The one URL map: the admin, the REST API under /api/v1/ and its schema."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from workbench.common.auth import ObtainTokenView

api_v1 = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("workbench.corpus.api.urls")),
    path("", include("workbench.translation.api.urls")),
    path("", include("workbench.annotation.api.urls")),
    path("", include("workbench.exchange.api.urls")),
]

admin.site.site_header = _("Workbench administration")
admin.site.site_title = _("Workbench")
admin.site.index_title = _("Moderation")

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
]
