from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from members import auth_views as member_auth

from . import health, views
from .pagecache import public_page

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "privacy/",
        public_page(TemplateView.as_view(template_name="privacy.html")),
        name="privacy",
    ),
    path("accounts/login/", member_auth.LoginView.as_view(), name="login"),
    path("accounts/login/code/", member_auth.LoginVerifyView.as_view(), name="login_verify"),
    path("accounts/tweestaps/", member_auth.TwoFactorSetupView.as_view(), name="two_factor"),
    path(
        "accounts/tweestaps/uit/",
        member_auth.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
    path(
        "accounts/tweestaps/herstelcodes/",
        member_auth.RecoveryCodesRenewView.as_view(),
        name="two_factor_codes",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_reset/",
        member_auth.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        member_auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("meetings.urls_public")),
    path("", include("adviezen.urls_public")),
    path("", include("budget.urls_public")),
    path("", include("members.recruitment.urls_public")),
    path("", include("opendata.urls")),
    path("intern/vergaderingen/", include("meetings.urls")),
    path("intern/adviezen/", include("adviezen.urls")),
    path("intern/begroting/", include("budget.urls")),
    path("intern/achtergrond/", include("adviesraad.background.urls")),
    path("meldingen/", include("adviesraad.notifications.urls")),
]

handler403 = "adviesraad.errors_views.permission_denied"
handler404 = "adviesraad.errors_views.page_not_found"
handler500 = "adviesraad.errors_views.server_error"
