from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from factcheck.accounts.views import LoginView, health, keyboard_shortcuts_view

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reviews:triage"), name="home"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/shortcuts/", keyboard_shortcuts_view, name="keyboard_shortcuts"),
    path("articles/", include("factcheck.articles.urls")),
    path("reports/", include("factcheck.reports.urls")),
    path("speakers/", include("factcheck.speakers.urls")),
    path("", include("factcheck.reviews.urls")),
    path("", include("factcheck.matching.urls")),
    path("", include("factcheck.claims.urls")),
    path("health", health, name="health"),
    path("admin/", admin.site.urls),
]
