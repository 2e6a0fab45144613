from django.urls import path

from factcheck.articles import views

app_name = "articles"
urlpatterns = [
    path("", views.article_list_view, name="list"),
    path("<int:article_id>/", views.article_detail_view, name="detail"),
    path("import/", views.import_view, name="import"),
    path("imports/", views.batch_list_view, name="batches"),
    path("imports/<int:batch_id>/", views.batch_detail_view, name="batch"),
]
