"""The demo site tree serves every editorial page."""

import pytest


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
