from django.urls import path

from factcheck.speakers import views

app_name = "speakers"
urlpatterns = [
    path("<int:speaker_id>/", views.speaker_detail_view, name="detail"),
]
