"""The API documentation in a real browser: Swagger UI must work under the site's
Content-Security-Policy, which refuses inline script and anything from another site."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_api_docs_render_the_endpoints_without_breaking_the_content_security_policy(page):
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Refused" in message.text else None,
    )
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))

    response = page.goto("/api/docs/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI builds these from the schema with JavaScript: they exist only if it ran.
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/people/").first).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/v1/people/{id}/").first.click()
    expect(page.get_by_text("Try it out").first).to_be_visible()
    assert refused == []
    assert failed == []
