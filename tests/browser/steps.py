"""Steps a person takes on every visit, shared by the browser tests."""

from playwright.sync_api import Page, expect

PASSWORD = "correct horse battery staple"


def log_in(page: Page, user, *, start: str = "/", screenshot=None) -> None:
    """Log in through the real form, as a person does, from wherever they first land."""
    page.goto(start)
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    if screenshot:
        screenshot(page, "log-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_text(user.username, exact=True)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
