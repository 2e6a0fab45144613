from django.urls import path

from factcheck.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.reports_view, name="index"),
    path("download/", views.download_view, name="download"),
    path("print/", views.print_view, name="print"),
]
