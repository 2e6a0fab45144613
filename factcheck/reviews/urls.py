from django.urls import path

from factcheck.reviews import views

app_name = "reviews"
urlpatterns = [
    path("triage/", views.triage_view, name="triage"),
    path("triage/counts/", views.triage_counts_view, name="triage_counts"),
    path("triage/bulk/", views.triage_bulk_view, name="triage_bulk"),
    path("triage/article-titles/", views.article_titles_view, name="article_titles"),
    path("triage/saved/", views.saved_search_create_view, name="saved_search_create"),
    path("triage/saved/<int:saved_search_id>/", views.saved_search_open_view, name="saved_search"),
    path(
        "triage/saved/<int:saved_search_id>/delete/",
        views.saved_search_delete_view,
        name="saved_search_delete",
    ),
    path("my-claims/", views.my_claims_view, name="my_claims"),
    path("approvals/", views.approvals_view, name="approvals"),
    path("claims/next/", views.take_next_view, name="take_next"),
    path("claims/<int:claim_id>/", views.claim_detail_view, name="claim"),
    path("claims/<int:claim_id>/panel/<slug:panel>/", views.claim_panel_view, name="panel"),
    path("claims/<int:claim_id>/triage/", views.triage_decide_view, name="triage_decide"),
    path("claims/<int:claim_id>/undo/", views.triage_undo_view, name="triage_undo"),
    path("claims/<int:claim_id>/put-back/", views.triage_put_back_view, name="triage_put_back"),
    path("claims/<int:claim_id>/triage/reopen/", views.triage_reopen_view, name="triage_reopen"),
    path("claims/<int:claim_id>/reopen/", views.reopen_view, name="reopen"),
    path("claims/<int:claim_id>/take/", views.take_view, name="take"),
    path("claims/<int:claim_id>/assign/", views.assign_view, name="assign"),
    path("claims/<int:claim_id>/merge/", views.merge_view, name="merge"),
    path("claims/<int:claim_id>/unmerge/", views.unmerge_view, name="unmerge"),
    path("claims/<int:claim_id>/sources/", views.source_add_view, name="source_add"),
    path(
        "claims/<int:claim_id>/sources/<int:source_id>/edit/",
        views.source_edit_view,
        name="source_edit",
    ),
    path(
        "claims/<int:claim_id>/sources/<int:source_id>/edit/cancel/",
        views.source_edit_cancel_view,
        name="source_edit_cancel",
    ),
    path(
        "claims/<int:claim_id>/sources/<int:source_id>/draft/",
        views.source_draft_save_view,
        name="source_draft",
    ),
    path(
        "claims/<int:claim_id>/sources/<int:source_id>/delete/",
        views.source_delete_view,
        name="source_delete",
    ),
    path("claims/<int:claim_id>/drafts/<slug:form>/", views.draft_save_view, name="draft"),
    path("claims/<int:claim_id>/notes/", views.note_add_view, name="note_add"),
    path("claims/<int:claim_id>/verdict/", views.verdict_propose_view, name="verdict_propose"),
    path("verdicts/<int:verdict_id>/approve/", views.verdict_approve_view, name="approve"),
    path("verdicts/<int:verdict_id>/send-back/", views.verdict_send_back_view, name="send_back"),
    path("verdicts/<int:verdict_id>/unpublish/", views.verdict_unpublish_view, name="unpublish"),
]
