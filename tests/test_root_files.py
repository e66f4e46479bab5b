"""What browsers and crawlers ask for at the site's root: the icon and robots.txt."""

import pytest
from django.contrib.staticfiles import finders


def test_favicon_ico_redirects_to_the_icon_the_pages_link(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.url.endswith("archive/favicon.svg")
    assert finders.find("archive/favicon.svg"), "the icon is not among the static files"


@pytest.mark.django_db
def test_every_page_links_the_site_icon(client, demo):
    page = client.get("/en/").content.decode()

    assert '<link rel="icon" href="/static/archive/favicon.svg" type="image/svg+xml">' in page


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# A write of any kind has the database's list of changed keys purged (caching.purging).
@pytest.mark.django_db
def test_root_files_refuse_a_post(client):
    assert client.post("/robots.txt").status_code == 405
    assert client.post("/favicon.ico").status_code == 405
