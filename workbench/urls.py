"""The one URL map: the browser workspace, accounts, the admin, the REST API and its schema."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, cache_page
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog, set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from workbench.common.auth import LogoutAllView, LogoutView, ObtainTokenView
from workbench.common.throttling import login_rate_limited

api_v1 = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="api-logout-all"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, as the Content-Security-Policy needs.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="web/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("", include("workbench.corpus.api.urls")),
    path("", include("workbench.translation.api.urls")),
    path("", include("workbench.annotation.api.urls")),
    path("", include("workbench.audit.api.urls")),
    path("", include("workbench.review.api.urls")),
    path("", include("workbench.suggestion.api.urls")),
    path("", include("workbench.exchange.api.urls")),
]

admin.site.site_header = _("Workbench administration")
admin.site.site_title = _("Workbench")
admin.site.index_title = _("Moderation")

accounts = [
    path(
        "login/",
        login_rate_limited(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]


class FaviconView(RedirectView):
    """``/favicon.ico``, which browsers ask for on pages without an icon link, is the SVG icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("web/favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("", include("workbench.web.urls")),
    path("accounts/", include(accounts)),
    path("i18n/setlang/", set_language, name="set_language"),
    path(
        "i18n/catalog.js",
        # The page asks for it with ?l=<language>, so each language is cached on its own.
        cache_control(max_age=3600, private=True)(
            cache_page(3600)(JavaScriptCatalog.as_view(packages=["workbench.web"]))
        ),
        name="jsi18n",
    ),
    path("admin/login/", login_rate_limited(admin.site.login)),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
]
