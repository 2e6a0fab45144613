from django.urls import path

from factcheck.matching import views

app_name = "matching"
urlpatterns = [
    path("similar/", views.similar_view, name="similar"),
    path("claims/<int:claim_id>/similar/", views.similar_view, name="similar_to_claim"),
    path("matches/<int:match_id>/confirm/", views.match_confirm_view, name="confirm"),
    path("matches/<int:match_id>/reject/", views.match_reject_view, name="reject"),
]
