from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from factcheck.articles.forms import ArticleSearchForm, ImportForm
from factcheck.articles.models import Article, ImportBatch
from factcheck.articles.selectors import article_list, article_segments
from factcheck.articles.services import import_batch_upload
from factcheck.articles.uploads import refused_upload_size
from factcheck.matching.selectors import attach_inherited_verdicts
from factcheck.workers.selectors import worker_status

ARTICLES_PER_PAGE = 25
BATCHES_PER_PAGE = 25
RECENT_BATCHES = 5
BATCH_ARTICLES_SHOWN = 50


@require_GET
@permission_required("articles.view_article", raise_exception=True)
def article_list_view(request):
    form = ArticleSearchForm(request.GET)
    search = form.search()
    page = Paginator(article_list(search=search), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "articles/article_list.html", {"page": page, "search": search, "form": form}
    )


@require_GET
@permission_required("articles.view_article", raise_exception=True)
def article_detail_view(request, article_id: int):
    article = get_object_or_404(Article, pk=article_id)
    claims = attach_inherited_verdicts(list(article.claims.order_by("start")))
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "claims": claims,
            "segments": article_segments(article.body, claims),
            "claim": None,  # no claim of the page is the current one
        },
    )


# Importing ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("articles.add_importbatch", raise_exception=True)
def import_view(request):
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, refused_bytes=refused_upload_size(request))
    else:
        form = ImportForm()
    if request.method == "POST" and form.is_valid():
        batch = import_batch_upload(user=request.user, files=form.cleaned_data["files"])
        messages.success(request, f"Import {batch.pk} started: this page follows its progress.")
        return redirect(batch)
    return render(
        request,
        "articles/import.html",
        {
            "form": form,
            "batches": ImportBatch.objects.select_related("created_by")[:RECENT_BATCHES],
            "max_upload": settings.FACTCHECK_MAX_UPLOAD_BYTES,
        },
    )


@require_GET
@permission_required("articles.view_importbatch", raise_exception=True)
def batch_list_view(request):
    page = Paginator(ImportBatch.objects.select_related("created_by"), BATCHES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "articles/batch_list.html", {"page": page, "batches": page.object_list})


@require_GET
@permission_required("articles.view_importbatch", raise_exception=True)
def batch_detail_view(request, batch_id: int):
    """The batch's progress; HTMX polls the progress panel until the batch has finished,
    when the panel comes back with the articles imported and without its polling trigger.
    While it waits, the panel says so when no background worker is running."""
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=batch_id)
    context = {
        "batch": batch,
        "articles": batch.articles.defer("body").order_by("id")[:BATCH_ARTICLES_SHOWN],
        "articles_shown": BATCH_ARTICLES_SHOWN,
        "worker": None if batch.is_finished else worker_status(),
    }
    if request.htmx:
        return render(request, "articles/batch_detail.html#progress", context)
    return render(request, "articles/batch_detail.html", context)
