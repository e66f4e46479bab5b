"""Places (issue 13.4): a page per place, the place filter that takes in the places within,
the map drawn without a tile server, through the admin, the pages and the API."""

import re
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from archive.models import Person, Place
from archive.site.map import AZERBAIJAN, region_map
from archive.site.places import in_tree_order
from archive.views.people import PEOPLE_PER_PAGE
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    PersonFactory,
    PlaceFactory,
    TimelineEntryFactory,
)

PLACE_ADD = "wagtailsnippets_archive_place:add"


@pytest.fixture
def region(db):
    """Khojaly within Karabakh within Azerbaijan, and Baku beside Karabakh."""
    azerbaijan = PlaceFactory(name="Azerbaijan")
    karabakh = PlaceFactory(name="Karabakh", parent=azerbaijan)
    khojaly = PlaceFactory(
        name="Khojaly", parent=karabakh, latitude=Decimal("39.913"), longitude=Decimal("46.79")
    )
    baku = PlaceFactory(
        name="Baku", parent=azerbaijan, latitude=Decimal("40.41"), longitude=Decimal("49.87")
    )
    return {"azerbaijan": azerbaijan, "karabakh": karabakh, "khojaly": khojaly, "baku": baku}


def page_of(client, place, **query) -> str:
    response = client.get(f"/en/places/{place.pk}/", query)
    assert response.status_code == 200
    return response.content.decode()


# The place page


@pytest.mark.django_db
def test_a_region_lists_the_people_of_the_places_within_it(client, region):
    PersonFactory(given_name="Resident", residence=region["khojaly"])
    PersonFactory(given_name="Native", birth_place=region["khojaly"])
    PersonFactory(given_name="Killed", fate_place=region["karabakh"])
    PersonFactory(given_name="Capital", residence=region["baku"])

    html = page_of(client, region["karabakh"])

    assert "3 people born, living or meeting their fate here" in html
    assert "Resident" in html and "Native" in html and "Killed" in html
    assert "Capital" not in html
    # Each says how it is tied to the region, naming the place within it.
    assert "Lived here (Khojaly)" in html
    assert "Born here (Khojaly)" in html
    assert "Met their fate here" in html


@pytest.mark.django_db
def test_a_place_page_shows_where_it_lies_and_what_lies_within(client, region):
    PersonFactory(residence=region["khojaly"])

    html = page_of(client, region["karabakh"])

    breadcrumbs = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))
    ]
    assert f'href="/en/places/{region["azerbaijan"].pk}/"' in breadcrumbs
    assert f'<a href="/en/places/{region["khojaly"].pk}/">Khojaly</a>' in html


@pytest.mark.django_db
def test_restricted_and_draft_people_are_never_counted_or_listed(client, region):
    PersonFactory(given_name="Public", residence=region["khojaly"])
    PersonFactory(
        given_name="Restricted",
        residence=region["khojaly"],
        visibility=Person.Visibility.RESTRICTED,
    )
    PersonFactory(given_name="Draft", residence=region["khojaly"], live=False)

    html = page_of(client, region["khojaly"])

    assert "1 person born, living or meeting their fate here" in html
    assert "Public" in html
    assert "Restricted" not in html and "Draft" not in html


@pytest.mark.django_db
def test_a_place_named_only_by_hidden_records_has_no_page(client, region):
    hidden = PlaceFactory(name="Hidden village", parent=region["karabakh"])
    PersonFactory(residence=hidden, visibility=Person.Visibility.RESTRICTED)
    PersonFactory(birth_place=hidden, live=False)
    PersonFactory(residence=region["khojaly"])

    assert client.get(f"/en/places/{hidden.pk}/").status_code == 404
    assert client.get("/en/places/987654321/").status_code == 404
    assert "Hidden village" not in client.get("/en/places/").content.decode()
    assert "Hidden village" not in page_of(client, region["karabakh"])


@pytest.mark.django_db
def test_synthetic_people_are_flagged_and_documented_ones_are_not(client, region):
    PersonFactory(given_name="Generated", residence=region["khojaly"])
    DocumentedPersonFactory(given_name="Documented", residence=region["khojaly"])

    html = page_of(client, region["khojaly"])

    cards = re.findall(r'<li class="person-card">(.*?)</li>', html, re.S)
    flagged = {("Generated" in card, "Synthetic record" in card) for card in cards}
    assert flagged == {(True, True), (False, False)}


@pytest.mark.django_db
def test_the_people_of_a_place_come_a_page_at_a_time(client, region):
    for n in range(PEOPLE_PER_PAGE + 1):
        PersonFactory(family_name=f"Family{n:03}", residence=region["khojaly"])

    first = page_of(client, region["khojaly"])
    second = page_of(client, region["khojaly"], page=2)

    assert first.count('class="person-card"') == PEOPLE_PER_PAGE
    assert second.count('class="person-card"') == 1
    assert f"Family{PEOPLE_PER_PAGE:03}" in second
    assert 'rel="next"' in first


@pytest.mark.django_db
def test_a_place_page_costs_the_same_queries_for_one_person_or_a_page(client, region):
    PersonFactory(residence=region["khojaly"])
    with CaptureQueriesContext(connection) as one:
        page_of(client, region["khojaly"])
    for _n in range(PEOPLE_PER_PAGE):
        PersonFactory(residence=region["khojaly"], birth_place=region["baku"])

    with CaptureQueriesContext(connection) as full:
        page_of(client, region["khojaly"])

    assert len(full) <= len(one)


@pytest.mark.django_db
def test_events_and_timeline_entries_at_a_place_and_within_it(client, region):
    EventFactory(name="Siege of the town", place=region["khojaly"])
    TimelineEntryFactory(title="Shelling of the town", place=region["khojaly"])
    TimelineEntryFactory(title="Draft entry", place=region["khojaly"], live=False)
    TimelineEntryFactory(title="In the capital", place=region["baku"])

    html = page_of(client, region["karabakh"])

    assert "Siege of the town" in html
    assert "Shelling of the town" in html
    assert "Draft entry" not in html and "In the capital" not in html


@pytest.mark.django_db
def test_a_place_reads_in_the_readers_language(client, region):
    PersonFactory(residence=region["khojaly"])
    azerbaijani = Locale.objects.get_or_create(language_code="az")[0]
    translation = region["khojaly"].copy_for_translation(azerbaijani)
    translation.name = "Xocalı"
    translation.save()

    html = client.get(f"/az/places/{region['khojaly'].pk}/").content.decode()

    assert "<h1>Xocalı</h1>" in html
    # Any version's address shows the reader's version; English readers get the original.
    assert "<h1>Khojaly</h1>" in page_of(client, translation)


@pytest.mark.django_db
def test_a_memorial_page_links_each_place_in_its_chain(client, region):
    person = PersonFactory(residence=region["khojaly"])

    html = client.get(f"/en/people/{person.pk}/").content.decode()

    chain = ", ".join(
        f'<a href="/en/places/{region[name].pk}/">{region[name].name}</a>'
        for name in ("khojaly", "karabakh", "azerbaijan")
    )
    assert f"<dd>{chain}</dd>" in html


# The places index and its map


@pytest.mark.django_db
def test_the_places_index_is_a_tree_with_a_map_of_those_with_coordinates(client, region):
    PersonFactory(residence=region["khojaly"])
    PersonFactory(residence=region["baku"])

    html = client.get("/en/places/").content.decode()

    tree = html[html.index('class="place-tree"') :]
    order = [tree.index(f">{name}<") for name in ("Azerbaijan", "Baku", "Karabakh", "Khojaly")]
    assert order == sorted(order)
    svg = html[html.index("<svg") : html.index("</svg>")]
    # Points link their page, with the place's name as their accessible name.
    assert f'<a href="/en/places/{region["khojaly"].pk}/" aria-label="Khojaly"' in svg
    assert f'<a href="/en/places/{region["baku"].pk}/" aria-label="Baku"' in svg
    assert "Karabakh" not in svg  # no coordinates: in the list, not on the map
    # The same in words, for readers who do not see the picture.
    assert "39.91° N, 46.79° E" in html
    # Nothing to run, nothing fetched from elsewhere: the only script is the JSON-LD data.
    assert re.findall(r"<script[^>]*>", html) == ['<script type="application/ld+json">']
    assert "<img" not in html


def test_projected_places_fall_inside_the_outline_and_far_ones_outside_the_picture():
    khojaly = Place(name="Khojaly", latitude=Decimal("39.913"), longitude=Decimal("46.79"))
    baku = Place(name="Baku", latitude=Decimal("40.41"), longitude=Decimal("49.87"))
    ankara = Place(name="Ankara", latitude=Decimal("39.93"), longitude=Decimal("32.86"))

    drawn = region_map([khojaly, baku, ankara])

    assert [point.place for point in drawn.points] == [khojaly, baku]
    assert [point.place for point in drawn.outside] == [ankara]
    mainland = [_xy(corner) for corner in re.findall(r"[ML]([\d.]+,[\d.]+)", drawn.outline[0])]
    assert len(mainland) == len(AZERBAIJAN[0])
    for point in drawn.points:
        assert _inside((point.x, point.y), mainland), point.place.name
    assert drawn.points[1].x > drawn.points[0].x  # Baku lies east of Khojaly
    assert drawn.points[1].y < drawn.points[0].y  # and north of it


def _xy(pair: str) -> tuple[float, float]:
    x, y = pair.split(",")
    return float(x), float(y)


def _inside(point, polygon) -> bool:
    """Ray casting: whether ``point`` lies inside ``polygon``."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


@pytest.mark.django_db
def test_translated_places_keep_their_tree_whichever_parent_the_translation_names(client, region):
    PersonFactory(residence=region["khojaly"])
    PersonFactory(fate_place=region["baku"])
    azerbaijani = Locale.objects.get_or_create(language_code="az")[0]
    qarabag = region["karabakh"].copy_for_translation(azerbaijani)
    qarabag.name = "Qarabağ"
    qarabag.save()
    xocali = region["khojaly"].copy_for_translation(azerbaijani)
    xocali.name, xocali.parent = "Xocalı", qarabag  # as the demo's translations are made
    xocali.save()

    index = client.get("/az/places/").content.decode()
    people = client.get("/az/people/").content.decode()

    tree = re.findall(r'style="--depth: (\d)"><a href="[^"]+"[^>]*>([^<]+)</a>', index)
    assert tree == [("0", "Azerbaijan"), ("1", "Baku"), ("1", "Qarabağ"), ("2", "Xocalı")]
    assert f'<option value="{region["khojaly"].pk}">\u2003\u2003Xocalı</option>' in people


def test_places_of_one_parent_follow_the_readers_alphabet():
    karabakh = Place(pk=1, name="Qarabağ", translation_key=uuid.uuid4())
    places = {
        pk: Place(pk=pk, name=name, parent=karabakh, translation_key=uuid.uuid4())
        for pk, name in [(2, "Füzuli"), (3, "Əsgəran"), (4, "Ağdam")]
    }
    places[1] = karabakh

    with translation.override("az"):
        rows = in_tree_order([1, 2, 3, 4], places)

    assert [place.name for _pk, place, _depth in rows] == ["Qarabağ", "Ağdam", "Əsgəran", "Füzuli"]


# The people index's filter


@pytest.mark.django_db
def test_choosing_a_region_in_the_people_index_finds_the_people_of_khojaly(client, region):
    PersonFactory(given_name="Resident", residence=region["khojaly"])
    PersonFactory(given_name="Native", birth_place=region["khojaly"])
    PersonFactory(given_name="Capital", residence=region["baku"])

    html = client.get("/en/people/", {"place": region["karabakh"].pk}).content.decode()

    # The same people as the region's page counts: born, living or meeting their fate there.
    assert "Resident" in html and "Native" in html
    assert "Capital" not in html


@pytest.mark.django_db
def test_the_place_filter_offers_regions_as_a_tree(client, region):
    PersonFactory(residence=region["khojaly"])
    PersonFactory(fate_place=region["baku"])

    html = client.get("/en/people/").content.decode()

    select = html[html.index('name="place"') : html.index("</select>", html.index('name="place"'))]
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)
    assert options == [
        (str(region["azerbaijan"].pk), "Azerbaijan"),
        (str(region["baku"].pk), "\u2003Baku"),
        (str(region["karabakh"].pk), "\u2003Karabakh"),
        (str(region["khojaly"].pk), "\u2003\u2003Khojaly"),
    ]


# The API


@pytest.mark.django_db
def test_the_apis_place_filter_takes_in_the_places_within(client, region):
    resident = PersonFactory(residence=region["khojaly"])
    native = PersonFactory(birth_place=region["khojaly"])
    PersonFactory(residence=region["baku"])
    PersonFactory(residence=region["khojaly"], visibility=Person.Visibility.RESTRICTED)

    for place in (region["karabakh"], region["khojaly"]):
        body = client.get("/api/v1/people/", {"place": place.pk}).json()
        assert {record["id"] for record in body["results"]} == {resident.pk, native.pk}
        assert body["count"] == 2


@pytest.mark.django_db
def test_a_place_in_the_api_links_its_page(client, region):
    PersonFactory(residence=region["khojaly"])

    record = client.get(f"/api/v1/places/{region['khojaly'].pk}/").json()

    assert record["page_url"] == f"http://testserver/en/places/{region['khojaly'].pk}/"
    assert record["parent"]["page_url"] == f"http://testserver/en/places/{region['karabakh'].pk}/"


# The sitemap


@pytest.mark.django_db
def test_the_sitemap_lists_public_places_only(client, region):
    PersonFactory(residence=region["khojaly"])
    hidden = PlaceFactory(name="Hidden")
    PersonFactory(residence=hidden, visibility=Person.Visibility.RESTRICTED)

    body = client.get("/sitemap-places-en.xml").content.decode()

    for place in ("azerbaijan", "karabakh", "khojaly"):
        assert f"/en/places/{region[place].pk}/</loc>" in body
    assert f"/en/places/{hidden.pk}/" not in body
    assert f"/en/places/{region['baku'].pk}/" not in body  # nothing public names it


# The admin


@pytest.mark.django_db
def test_a_place_added_in_the_admin_appears_within_its_region_and_on_the_map(
    admin_client, client, region
):
    response = admin_client.post(
        reverse(PLACE_ADD),
        {
            "name": "Shusha",
            "alternative_names": "Şuşa",
            "parent": region["karabakh"].pk,
            "latitude": "39.76",
            "longitude": "46.75",
        },
    )
    assert response.status_code == 302
    shusha = Place.objects.get(name="Shusha")
    PersonFactory(given_name="Highlander", birth_place=shusha)

    region_page = page_of(client, region["karabakh"])

    assert "Highlander" in region_page
    assert 'aria-label="Shusha"' in page_of(client, shusha)


@pytest.mark.django_db
def test_coordinates_out_of_range_are_a_form_error_in_the_admin(admin_client, db):
    response = admin_client.post(
        reverse(PLACE_ADD), {"name": "Nowhere", "latitude": "91", "longitude": "46.75"}
    )

    assert response.status_code == 200
    assert not Place.objects.filter(name="Nowhere").exists()
    assert "less than or equal to 90" in response.content.decode()


# The demo


@pytest.mark.django_db
def test_the_demo_maps_khojaly_at_its_real_coordinates(client, demo):
    # Public through the demo's event and timeline entry at Khojaly; the demo names no person.
    html = client.get("/en/places/").content.decode()

    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-label="Khojaly"' in svg
    assert "39.91° N, 46.79° E" in html
