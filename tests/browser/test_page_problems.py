"""The browser tests' own safety net: a CSP violation or a script error must be caught."""

import pytest

pytestmark = [
    pytest.mark.browser,
    # Like every transactional test here: a plain flush would leave the next one without the
    # content types it restores, so all of them roll back the serialized way.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_page_sends_a_csp_and_violations_and_script_errors_are_caught(page, page_problems):
    response = page.goto("/accounts/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self'" in policy

    with page.expect_console_message(lambda message: message.type == "error"):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true";
                document.body.append(script);
            }"""
        )
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('a broken script') })")

    assert page.evaluate("window.injected") is None
    assert len(page_problems.problems) == 2
    assert "Content Security Policy" in page_problems.problems[0]
    assert "a broken script" in page_problems.problems[1]
    page_problems.problems.clear()  # caught as expected: this test itself passes
