"""View helpers every app's screens share: where to go back to, paging a queue by cursor,
and the status of an answer to a refused action."""

from collections.abc import Callable, Iterable
from http import HTTPStatus

from django.utils.http import url_has_allowed_host_and_scheme

QUEUE_PAGE_SIZE = 25


def safe_next_url(request, *, default: str) -> str:
    """The ``next`` the request names, if it stays on this site; else ``default``."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


def answer_status(error: str) -> HTTPStatus:
    """A refused action (a stale version, a move the workflow forbids) answers 409 with the
    current state, which htmx is configured to swap in like a 200."""
    return HTTPStatus.CONFLICT if error else HTTPStatus.OK


def queue_page[Row, Cursor](
    rows: Iterable[Row], *, cursor_of: Callable[[Row], Cursor]
) -> tuple[list[Row], Cursor | None]:
    """One page of rows read in a cursor's order, and where the next page starts (None if
    there is none). Keyset paging: a deep page costs what the first one does."""
    page = list(rows[: QUEUE_PAGE_SIZE + 1])
    if len(page) <= QUEUE_PAGE_SIZE:
        return page, None
    page = page[:QUEUE_PAGE_SIZE]
    return page, cursor_of(page[-1])


def more_url(request, next_cursor) -> str:
    """The link to the page after this one, keeping the other parameters ("" if none)."""
    if next_cursor is None:
        return ""
    query = request.GET.copy()
    query["after"] = str(next_cursor)
    return f"?{query.urlencode()}"
