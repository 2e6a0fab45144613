from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from factcheck.articles.forms import ArticleSearchForm
from factcheck.articles.models import Article
from factcheck.articles.selectors import article_list, article_segments

ARTICLES_PER_PAGE = 25


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
    claims = list(article.claims.order_by("start"))
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "claims": claims,
            "segments": article_segments(article.body, claims),
        },
    )
