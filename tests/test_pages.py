"""The demo site tree serves every editorial page."""

import pytest


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/", "Khojaly Massacre"),
        ("/en/statements/", "Statements"),
        ("/en/statements/turkiye-mfa-2026/", "Ministry of Foreign Affairs"),
        ("/en/about/", "About this archive"),
        ("/en/methodology/", "Methodology"),
    ],
)
def test_demo_pages_render(client, demo, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    assert expected in response.content.decode()
