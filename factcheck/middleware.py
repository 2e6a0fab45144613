"""Middleware of the project's own; Django's and the libraries' are listed in settings."""

from django.utils.cache import add_never_cache_headers, patch_vary_headers


def private_pages_middleware(get_response):
    """What a logged-in person is shown, exports included, is theirs: no browser, shared
    computer's back button or proxy keeps a copy (``Cache-Control: no-store``)."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response

    return middleware
