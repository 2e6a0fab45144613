"""Headless Chromium for the browser tests, driven by Playwright against the live server.

Every page a test opens is watched: a console error (a Content-Security-Policy violation, a
script that failed to load, an uncaught exception) or a server error fails the test.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from playwright.sync_api import Browser, Page, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


def _chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


class OneRequestAtATimeServer(WSGIServer):
    """The live server for an in-memory SQLite database, whose one connection every request
    thread of the threaded server would share: concurrent requests (a claim page refreshes
    four panels at once) then break each other's queries. As the server is not threaded,
    Django closes each HTTP connection after its response, so no browser request waits
    behind another one's kept-alive connection."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving one request at a time on in-memory SQLite."""
    address = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    server = LiveServer(address, start=False)
    if server.thread.connections_override:
        server.thread.server_class = OneRequestAtATimeServer
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium() -> str:
    executable = _chromium_path()
    if executable is None:
        reason = "Chromium is not installed (apt-get install chromium); browser tests need it."
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)
    return executable


@pytest.fixture
def browser(chromium, live_server, monkeypatch) -> Browser:
    """A browser for one test, started after its database is set up and stopped before the
    database is flushed.

    While Playwright's sync API is started, it keeps an asyncio event loop running in this
    thread. Django, seeing the loop, refuses database work here with SynchronousOnlyOperation
    although the test's calls are plain synchronous ones: hence DJANGO_ALLOW_ASYNC_UNSAFE,
    for this test only. The loop also makes Django's connection handler (an asgiref Local)
    look up connections per async context, where it would open a second connection apart
    from the one pytest-django prepared; the test keeps using that one instead.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    prepared = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in prepared.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class PageProblems:
    """What went wrong in the pages of one test, as a person debugging it needs to read it."""

    def __init__(self):
        self.problems: list[str] = []
        self.expected: tuple[str, ...] = ()

    def expect_console_errors(self, *starts: str) -> None:
        """Console errors a test causes on purpose, by how their text starts."""
        self.expected += starts

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error" and not message.text.startswith(self.expected):
            where = message.location.get("url", "")
            self.problems.append(f"console error: {message.text} ({where})")

    def _response(self, response) -> None:
        if response.status >= 500:
            self.problems.append(f"server error {response.status}: {response.url}")


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def open_page(browser, live_server, page_problems):
    """Open a page in a fresh browser context: a separate person with their own cookies."""
    contexts = []

    def open_new() -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page_problems.watch(page)
        return page

    yield open_new
    for context in contexts:
        context.close()
    if page_problems.problems:
        pytest.fail(
            "The browser reported problems:\n" + "\n".join(page_problems.problems), pytrace=False
        )


@pytest.fixture
def page(open_page) -> Page:
    return open_page()


@pytest.fixture
def screenshot(request):
    """Save what the person sees now as screenshots/<test name>-<step>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    test_name = re.sub(r"\W+", "-", request.node.name.removeprefix("test_"))
    for stale in SCREENSHOTS.glob(f"{test_name}-*.png"):
        stale.unlink()
    steps = iter(range(1, 100))

    def take(page: Page, step: str) -> None:
        # caret="initial": hiding the caret leaves style="" on every input, which htmx then
        # copies onto swapped-in elements, and the page's CSP rightly refuses inline styles.
        page.screenshot(
            path=SCREENSHOTS / f"{test_name}-{next(steps):02d}-{step}.png",
            full_page=True,
            caret="initial",
        )

    return take
