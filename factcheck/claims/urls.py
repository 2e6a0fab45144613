from django.urls import path

from factcheck.claims import views

app_name = "claims"
urlpatterns = [
    path("claims/<int:claim_id>/edit/", views.claim_edit_view, name="edit"),
    path("claims/<int:claim_id>/not-a-claim/", views.not_a_claim_view, name="not_a_claim"),
    path("claims/<int:claim_id>/split/", views.claim_split_view, name="split"),
    path("claims/<int:claim_id>/merge-next/", views.claim_merge_next_view, name="merge_next"),
    path("articles/<int:article_id>/add-claim/", views.claim_add_view, name="add"),
]
