"""One archive holding every kind of hidden record, and for each collection the same set of
records reached by an anonymous reader through the site, the API, the export, the sitemaps and
the counts.

The expected sets are written out by hand from the fixture, not computed with ``public()``:
the test checks the definition, it does not repeat it. Hidden people are real (non-synthetic)
records unless being synthetic is the point, so that no check passes because synthetic records
happen to be left out of counts."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from archive.exporting import export_archive
from archive.models import (
    Contribution,
    Family,
    FamilyMembership,
    Hold,
    HomePage,
    Organisation,
    Person,
    ReportedFigure,
    StatementIndexPage,
    StatementPage,
    TimelineEntry,
)
from archive.models import (
    Testimony as PersonTestimony,  # not collected as a test class
)
from tests.contribution_data import stored as contribution
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    FigureFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
    TimelineEntryFactory,
)
from tests.shared_rows import shared

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "az")
NAME = "Qorxmaz"  # every person's given name: one search reaches them all
SOURCE_WORD = "Qaynaq"
FAMILY_WORD = "Nəsil"
ENTRY_WORD = "Hadisə"
STATEMENT_WORD = "Bəyanat"
API = "/api/v1"
PAST = timezone.now() - datetime.timedelta(days=1)
FUTURE = timezone.now() + datetime.timedelta(days=30)


@dataclass
class Archive:
    shown: dict[str, set[int]]
    hidden: dict[str, set[int]]
    documented_killed: int
    families_wiped_out: int
    renamed_to: str


def published(record):
    record.save_revision().publish()
    record.refresh_from_db()
    return record


def translated(record, locale, **fields):
    translation = record.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def statement_under(index, title: str, slug: str, issuer, *, publish=True, **fields):
    page = StatementPage(
        title=f"{STATEMENT_WORD} {title}",
        slug=slug,
        issuer=issuer,
        issued=datetime.date(2026, 2, 26),
        summary=f"{STATEMENT_WORD} {title}.",
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture(scope="module")
def _archive_rows(module_rows) -> Archive:
    """Made once for the module's tests, which only read it (tests/shared_rows.py)."""
    with module_rows():
        return archive_of_every_hidden_kind()


@pytest.fixture
def archive(db, _archive_rows) -> Archive:
    return shared(_archive_rows)


def archive_of_every_hidden_kind() -> Archive:
    default = Locale.get_default()
    azerbaijani, _created = Locale.objects.get_or_create(language_code="az")
    region = PlaceFactory(name="Town region of the shown")
    town = PlaceFactory(name="Town of the shown", parent=region)
    hidden_town = PlaceFactory(name="Town of the restricted only")
    unused = PlaceFactory(name="Town nobody names")
    event = EventFactory(name="The event")

    def person(family_name, factory=DocumentedPersonFactory, **fields):
        fields.setdefault("event", event)
        return factory(given_name=NAME, family_name=family_name, **fields)

    shown = person("Shownova", fate_place=town)
    shown_az = translated(shown, azerbaijani, family_name="Şounova", live=True)
    synthetic = person("Syntheticova", factory=PersonFactory)  # synthetic is the point
    renamed = published(person("Liveova"))
    renamed.family_name = "Renamedova"
    renamed.save_revision()  # a draft: the live record keeps its name
    draft = person("Draftova", live=False)
    unpublished = published(person("Unpublishedova"))
    unpublished.unpublish()
    scheduled = person("Scheduledova", live=False, go_live_at=FUTURE)
    scheduled.save_revision().publish()  # scheduled, not live
    expired = person("Expiredova", expire_at=PAST)
    restricted = person(
        "Restrictova", visibility=Person.Visibility.RESTRICTED, residence=hidden_town
    )
    restricted_original = person("Originalova", visibility=Person.Visibility.RESTRICTED)
    public_translation = translated(
        restricted_original, azerbaijani, visibility=Person.Visibility.PUBLIC, live=True
    )
    # A hold in effect hides the record in every language, the place only it names with it;
    # a request not yet placed and a hold lifted hide nothing.
    held = person("Heldova", residence=hidden_town)
    held_az = translated(held, azerbaijani, family_name="Heldova-az", live=True)
    Hold.objects.create(person=held_az, status=Hold.Status.IN_EFFECT, whole_record=True)
    Hold.objects.create(person=shown, status=Hold.Status.REQUESTED, whole_record=True)
    Hold.objects.create(person=renamed, status=Hold.Status.LIFTED, whole_record=True)
    hidden_people = [
        held,
        held_az,
        draft,
        unpublished,
        scheduled,
        expired,
        restricted,
        restricted_original,
        public_translation,
    ]

    cited = SourceFactory(title=f"{SOURCE_WORD} cited by the shown")
    shown.sources.add(cited)
    shown.save()
    secret = SourceFactory(title=f"{SOURCE_WORD} naming the restricted")
    restricted.sources.add(secret)
    restricted.save()
    testimony_source = SourceFactory(title=f"{SOURCE_WORD} of a draft's testimony")
    PersonTestimony.objects.create(person=draft, text="Words.", source=testimony_source)
    PersonTestimony.objects.create(person=shown, text="Words.", source=cited)
    figure_source = SourceFactory(title=f"{SOURCE_WORD} of the figures")
    entry_source = SourceFactory(title=f"{SOURCE_WORD} of a draft entry")
    FigureFactory(event=event, source=figure_source, counts="killed")
    FigureFactory(event=event, source=figure_source, counts="families_wiped_out")

    def family(name, members, **fields):
        row = Family.objects.create(name=f"{FAMILY_WORD} {name}", locale=default, **fields)
        for member in members:
            FamilyMembership.objects.create(family=row, person=member)
        return row

    mixed = family("mixed", [shown, restricted, draft], whole_family_killed=True)
    hidden_family = family("hidden", [restricted, unpublished, held])
    synthetic_family = family(
        "synthetic", [synthetic, restricted, unpublished, expired], whole_family_killed=True
    )

    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="consistency-home", event=event)
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = StatementIndexPage(title="Statements", slug="statements")
    home.add_child(instance=index)
    published(index)
    issuer = Organisation.objects.create(name="Issuer of the shown", locale=default)
    hidden_issuer = Organisation.objects.create(name="Issuer of a draft", locale=default)
    statement = statement_under(index, "shown", "shown", issuer)
    draft_statement = statement_under(
        index, "draft", "draft-statement", hidden_issuer, publish=False
    )
    expired_statement = statement_under(
        index, "expired", "expired-statement", hidden_issuer, expire_at=PAST
    )
    private_statement = statement_under(index, "private", "private-statement", hidden_issuer)
    PageViewRestriction.objects.create(
        page=private_statement, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    def entry(title, **fields):
        return TimelineEntryFactory(title=f"{ENTRY_WORD} {title}", event=event, **fields)

    shown_entry = entry("shown", place=town)
    shown_entry.related_people.add(shown, restricted, draft)
    shown_entry.related_statements.add(statement, draft_statement)
    shown_entry.save()
    draft_entry = entry("draft", live=False, place=hidden_town)
    draft_entry.sources.add(entry_source)
    draft_entry.save()
    expired_entry = entry("expired", expire_at=PAST)

    approved, pending, rejected = (
        Contribution.Status.APPROVED,
        Contribution.Status.PENDING,
        Contribution.Status.REJECTED,
    )
    shown_contributions = {
        contribution(shown, status=approved).pk,
        contribution(renamed, status=approved).pk,
    }
    hidden_contributions = {
        contribution(shown, status=pending).pk,
        contribution(shown, status=rejected).pk,
        contribution(shown, kind=Contribution.Kind.CORRECTION, status=pending).pk,
        contribution(draft, status=approved).pk,
        contribution(restricted, status=approved).pk,
        contribution(public_translation, status=approved).pk,
        contribution(expired, status=approved).pk,
    }

    return Archive(
        shown={
            "people": {shown.pk, shown_az.pk, synthetic.pk, renamed.pk},
            "families": {mixed.pk, synthetic_family.pk},
            "sources": {cited.pk, figure_source.pk},
            "statements": {statement.pk},
            "timeline": {shown_entry.pk},
            "places": {town.pk, region.pk},
            "organisations": {issuer.pk},
            "contributions": shown_contributions,
        },
        hidden={
            "people": {p.pk for p in hidden_people},
            "families": {hidden_family.pk},
            "sources": {secret.pk, testimony_source.pk, entry_source.pk},
            "statements": {draft_statement.pk, expired_statement.pk, private_statement.pk},
            "timeline": {draft_entry.pk, expired_entry.pk},
            "places": {hidden_town.pk, unused.pk},
            "organisations": {hidden_issuer.pk},
            "contributions": hidden_contributions,
        },
        # The shown person and the renamed one: not the synthetic one, nor any hidden one.
        documented_killed=2,
        # The mixed family, through its shown member; not the family whose only public
        # member is synthetic.
        families_wiped_out=1,
        renamed_to="Renamedova",
    )


# What an anonymous reader reaches, surface by surface


def ids_in(text: str, pattern: str) -> set[int]:
    return {int(found) for found in re.findall(pattern, text)}


def site_text(client, path, **query) -> str:
    response = client.get(path, query)
    assert response.status_code == 200, path
    return response.content.decode()


def found(client, addresses: dict[int, str], shows: dict[int, str] | None = None) -> set[int]:
    """The ids whose address answers 200 (and nothing but 200 or 404), and where ``shows``
    names a record's text, with that text on the page (a private page answers 200 with a
    password form)."""
    responses = {pk: client.get(address) for pk, address in addresses.items()}
    assert {r.status_code for r in responses.values()} <= {200, 404}, responses
    return {
        pk
        for pk, response in responses.items()
        if response.status_code == 200 and (shows is None or shows[pk] in response.content.decode())
    }


def api_surfaces(client, name: str, query: str, all_ids: set[int]) -> dict[str, set[int]]:
    """The ids of ``name`` in the API's list (JSON, CSV, JSON-LD, cursor, changes), detail and
    search, in every language."""
    surfaces: dict[str, set[int]] = {}

    def add(surface, ids):
        surfaces[surface] = surfaces.get(surface, set()) | ids

    for language in LANGUAGES:
        listed = client.get(f"{API}/{name}/", {"lang": language, "page_size": 200}).json()
        add("api list", {record["id"] for record in listed["results"]})
        table = client.get(f"{API}/{name}/", {"lang": language, "format": "csv"})
        text = b"".join(table.streaming_content).decode()
        add("api csv", {int(row["id"]) for row in csv.DictReader(io.StringIO(text))})
        linked = client.get(f"{API}/{name}/", {"lang": language, "format": "jsonld"}).json()
        add(
            "api json-ld",
            {
                # The API's address: sameAs beside a page, else the @id itself.
                int(item["item"].get("sameAs", item["item"]["@id"]).rstrip("/").rsplit("/", 1)[1])
                for item in linked["itemListElement"]
            },
        )
        cursor = client.get(f"{API}/{name}/", {"lang": language, "mode": "cursor"}).json()
        assert cursor["next"] is None
        add("api cursor", {record["id"] for record in cursor["results"]})
        since = "2000-01-01T00:00:00Z"
        changes = client.get(f"{API}/{name}/", {"lang": language, "changed_since": since}).json()
        assert changes["next"] is None
        add("api changes", {record["id"] for record in changes["results"]})
        searched = client.get(f"{API}/search/", {"q": query, "lang": language, "limit": 50})
        (group,) = [g for g in searched.json()["groups"] if g["type"] == name]
        add("api search", {hit["id"] for hit in group["results"]})
    add("api detail", found(client, {pk: f"{API}/{name}/{pk}/" for pk in all_ids}))
    return surfaces


@pytest.fixture(scope="module")
def _exported_rows(module_rows, _archive_rows, tmp_path_factory) -> dict[str, list[dict]]:
    directory = tmp_path_factory.mktemp("exported")
    with module_rows():
        export_archive(directory)
    return {
        path.stem: list(csv.DictReader(path.open(encoding="utf-8")))
        for path in directory.glob("*.csv")
    }


@pytest.fixture
def exported(archive, _exported_rows) -> dict[str, list[dict]]:
    return shared(_exported_rows)


def export_ids(exported, table: str) -> set[int]:
    return {int(row["id"]) for row in exported[table]}


def sitemap_text(client) -> str:
    index = site_text(client, "/sitemap.xml")
    parts = [index]
    for location in re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index):
        parts.append(site_text(client, location))
    return "\n".join(parts)


def assert_same(expected: set[int], surfaces: dict[str, set[int]]) -> None:
    wrong = {surface: ids for surface, ids in surfaces.items() if ids != expected}
    assert not wrong, f"expected {sorted(expected)}, but {wrong}"


# One test per collection


def test_people_are_the_same_everywhere(client, archive, exported):
    shown, hidden = archive.shown["people"], archive.hidden["people"]
    every = shown | hidden
    surfaces: dict[str, set[int]] = {"site listing": set(), "site name search": set()}
    surfaces["site search"] = set()
    for language in LANGUAGES:
        link = rf"/{language}/people/(\d+)/"
        listing = site_text(client, f"/{language}/people/")
        surfaces["site listing"] |= ids_in(listing, link)
        surfaces["site name search"] |= ids_in(
            site_text(client, f"/{language}/people/", q=NAME), link
        )
        surfaces["site search"] |= ids_in(site_text(client, f"/{language}/search/", q=NAME), link)
        assert archive.renamed_to not in listing
    surfaces["site detail"] = found(client, {pk: f"/en/people/{pk}/" for pk in every})
    surfaces["site detail (az)"] = found(client, {pk: f"/az/people/{pk}/" for pk in every})
    surfaces.update(api_surfaces(client, "people", NAME, every))
    surfaces["export"] = export_ids(exported, "people")
    surfaces["sitemap"] = ids_in(sitemap_text(client), r"/people/(\d+)/")

    assert_same(shown, surfaces)
    assert not client.get("/en/people/", {"q": archive.renamed_to}).context["page_obj"].object_list


def test_families_are_the_same_everywhere(client, archive, exported):
    shown, hidden = archive.shown["families"], archive.hidden["families"]
    choices = site_text(client, "/en/people/").split('name="family"')[1].split("</select>")[0]
    surfaces = {
        "site filter choices": ids_in(choices, r'<option value="(\d+)"'),
        "site detail": found(client, {pk: f"/en/families/{pk}/" for pk in shown | hidden}),
        **api_surfaces(client, "families", FAMILY_WORD, shown | hidden),
        "export": export_ids(exported, "families"),
        "export memberships": {int(row["family_id"]) for row in exported["family_memberships"]},
        "sitemap": ids_in(sitemap_text(client), r"/families/(\d+)/"),
    }

    assert_same(shown, surfaces)


def test_members_shown_are_public_people_only(client, archive, exported):
    (mixed,) = Family.objects.filter(name__endswith="mixed")
    public_members = {m.person_id for m in mixed.memberships.all()} & archive.shown["people"]
    page = site_text(client, f"/en/families/{mixed.pk}/")
    record = client.get(f"{API}/families/{mixed.pk}/").json()
    rows = [row for row in exported["family_memberships"] if int(row["family_id"]) == mixed.pk]

    assert_same(
        public_members,
        {
            "site": ids_in(page, r"/en/people/(\d+)/"),
            "api": {member["person"]["id"] for member in record["members"]},
            "export": {int(row["person_id"]) for row in rows},
        },
    )


def test_sources_are_the_same_everywhere(client, archive, exported):
    shown, hidden = archive.shown["sources"], archive.hidden["sources"]
    search = site_text(client, "/en/search/", q=SOURCE_WORD)
    surfaces = {
        "site list": ids_in(site_text(client, "/en/sources/"), r'id="source-(\d+)"'),
        **api_surfaces(client, "sources", SOURCE_WORD, shown | hidden),
        "export": export_ids(exported, "sources"),
    }

    assert_same(shown, surfaces)
    for title in ("naming the restricted", "of a draft's testimony", "of a draft entry"):
        assert title not in search and title not in site_text(client, "/en/sources/")
    assert "cited by the shown" in search


def test_statements_are_the_same_everywhere(client, archive, exported):
    shown, hidden = archive.shown["statements"], archive.hidden["statements"]
    slugs = {page.slug: page.pk for page in StatementPage.objects.all()}
    addresses = {pk: f"/en/statements/{slug}/" for slug, pk in slugs.items()}
    summaries = {page.pk: page.summary for page in StatementPage.objects.all()}
    link = r"/en/statements/([a-z-]+)/"

    def by_slug(text):
        return {slugs[slug] for slug in re.findall(link, text) if slug in slugs}

    surfaces = {
        "site index": by_slug(site_text(client, "/en/statements/")),
        "site home": by_slug(site_text(client, "/en/")),
        "site search": by_slug(site_text(client, "/en/search/", q=STATEMENT_WORD)),
        "site detail": found(client, addresses, shows=summaries),
        "feed": by_slug(site_text(client, "/en/feeds/statements/")),
        "sitemap": by_slug(sitemap_text(client)),
        "timeline links": by_slug(site_text(client, "/en/timeline/")),
        **api_surfaces(client, "statements", STATEMENT_WORD, shown | hidden),
        "export": export_ids(exported, "statements"),
    }

    assert_same(shown, surfaces)


def test_timeline_entries_are_the_same_everywhere(client, archive, exported):
    shown, hidden = archive.shown["timeline"], archive.hidden["timeline"]
    anchors = {f"entry-{entry.slug}": entry.pk for entry in TimelineEntry.objects.all()}

    def by_anchor(text):
        return {anchors[a] for a in re.findall(r"#?(entry-[a-z0-9-]+)", text) if a in anchors}

    surfaces = {
        "site timeline": by_anchor(site_text(client, "/en/timeline/")),
        "site search": by_anchor(site_text(client, "/en/search/", q=ENTRY_WORD)),
        "feed": by_anchor(site_text(client, "/en/feeds/timeline/")),
        **api_surfaces(client, "timeline", ENTRY_WORD, shown | hidden),
        "export": export_ids(exported, "timeline"),
    }

    assert_same(shown, surfaces)


def test_an_entry_links_only_public_people_and_statements(client, archive, exported):
    (entry_id,) = archive.shown["timeline"]
    timeline = site_text(client, "/en/timeline/")
    record = client.get(f"{API}/timeline/{entry_id}/").json()
    (row,) = [row for row in exported["timeline"] if int(row["id"]) == entry_id]
    shown_person = set(Person.objects.filter(family_name="Shownova").values_list("pk", flat=True))

    assert ids_in(timeline, r"/en/people/(\d+)/") == shown_person
    assert {p["id"] for p in record["related_people"]} == shown_person
    assert set(map(int, re.findall(r"\d+", row["person_ids"]))) == shown_person
    assert {s["id"] for s in record["related_statements"]} == archive.shown["statements"]
    assert set(map(int, re.findall(r"\d+", row["statement_ids"]))) == archive.shown["statements"]


def place_choices(client) -> str:
    """The options of the people index's place filter."""
    html = site_text(client, "/en/people/")
    start = html.index('name="place"')
    return html[start : html.index("</select>", start)]


def test_places_and_organisations_are_the_same_everywhere(client, archive, exported):
    places = archive.shown["places"] | archive.hidden["places"]

    assert_same(
        archive.shown["places"],
        {
            **api_surfaces(client, "places", "Town", places),
            "export": export_ids(exported, "places"),
            "site page": found(client, {pk: f"/en/places/{pk}/" for pk in places}),
            "site index": ids_in(site_text(client, "/en/places/"), r"/en/places/(\d+)/"),
            "sitemap": ids_in(sitemap_text(client), r"/places/(\d+)/"),
            "people filter": ids_in(place_choices(client), r'<option value="(\d+)"'),
        },
    )
    assert export_ids(exported, "organisations") == archive.shown["organisations"]
    index = site_text(client, "/en/statements/")
    assert "Issuer of the shown" in index and "Issuer of a draft" not in index


def test_documented_counts_are_the_same_everywhere(client, archive, exported):
    expected = {
        "killed": archive.documented_killed,
        "families_wiped_out": archive.families_wiped_out,
    }
    for language in LANGUAGES:
        figures = site_text(client, f"/{language}/figures/")
        documented = re.findall(r'<td class="number documented">(\d+)</td>', figures)
        api = client.get(f"{API}/figures/", {"lang": language}).json()["results"]

        assert sorted(map(int, documented)) == sorted(expected.values())
        assert {f["counts"]: f["documented_count"] for f in api} == expected
    assert {row["counts"]: int(row["documented_count"]) for row in exported["figures"]} == expected
    assert ReportedFigure.objects.count() == 2


# Fields a hold keeps from the public


# The held biography, photo, residence, birth year, and the age that a date of birth gives.
HELD_MARKERS = ("Gizli", "gizli", "1937", "aged 54")


@pytest.fixture
def field_hold(db) -> Person:
    """A public person whose photo, biography, date of birth and residence a hold keeps from
    the public: the residence is the only thing that names its place."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    png = BytesIO()
    PillowImage.new("RGB", (3, 2), (200, 30, 30)).save(png, "PNG")
    photo = get_image_model().objects.create(
        title="Gizlifoto", file=ImageFile(BytesIO(png.getvalue()), name="gizlifoto.png")
    )
    person = DocumentedPersonFactory(
        given_name=NAME,
        family_name="Fieldova",
        born=datetime.date(1937, 5, 6),
        biography="<p>Gizlibioqrafiya of a life.</p>",
        residence=PlaceFactory(name="Gizlikənd"),
        photo=photo,
        event=EventFactory(name="The event of the held"),
    )
    family = Family.objects.create(name="The held family", locale=person.locale)
    FamilyMembership.objects.create(family=family, person=person)
    Hold.objects.create(
        person=person,
        status=Hold.Status.IN_EFFECT,
        whole_record=False,
        hides_photo=True,
        hides_biography=True,
        hides_birth_date=True,
        hides_residence=True,
    )
    return person


def assert_no_held_value(surfaces: dict[str, str]) -> None:
    leaks = {name: m for name, text in surfaces.items() for m in HELD_MARKERS if m in text}
    assert not leaks, leaks


def test_held_fields_are_absent_from_every_surface(client, field_hold, tmp_path):
    pk = field_hold.pk
    family = field_hold.memberships.get().family
    export_archive(tmp_path)
    (exported,) = [
        row
        for row in csv.DictReader((tmp_path / "people.csv").open(encoding="utf-8"))
        if int(row["id"]) == pk
    ]
    detail = client.get(f"{API}/people/{pk}/").json()
    csv_text = b"".join(client.get(f"{API}/people/", {"format": "csv"}).streaming_content).decode()

    assert "Fieldova" in site_text(client, f"/en/people/{pk}/")  # the record itself is public
    assert_no_held_value(
        {
            "site detail": site_text(client, f"/en/people/{pk}/"),
            "site detail (az)": site_text(client, f"/az/people/{pk}/"),
            "site listing": site_text(client, "/en/people/"),
            "site family": site_text(client, f"/en/families/{family.pk}/"),
            "api detail": str(detail),
            "api list": site_text(client, f"{API}/people/"),
            "api json-ld": site_text(client, f"{API}/people/", format="jsonld"),
            "api csv": csv_text,
            "api places": site_text(client, f"{API}/places/"),
            "export": str(exported),
        }
    )
    searched = client.get(f"{API}/search/", {"q": "Gizlikənd"}).json()["groups"]
    assert not [hit for group in searched for hit in group["results"]]  # named by it only
    assert [detail[name] for name in ("born", "age", "residence", "photo", "biography")] == [
        None,
        None,
        None,
        None,
        "",
    ]


def test_held_fields_find_nothing_in_filters_search_or_counts(client, field_hold):
    from archive.models.figures import documented_breakdown

    def api_ids(**query):
        return {r["id"] for r in client.get(f"{API}/people/", query).json()["results"]}

    def site_ids(**query):
        return ids_in(site_text(client, "/en/people/", **query), r"/en/people/(\d+)/")

    residence = field_hold.residence_id
    assert field_hold.pk in api_ids(q=NAME) and field_hold.pk in site_ids(q=NAME)
    assert not api_ids(age_min=50) | api_ids(born_to=1940) | api_ids(place=residence)
    assert not site_ids(age="adult")
    assert client.get("/en/people/", {"place": residence}).status_code == 400  # not offered
    assert not api_ids(q="Gizlibioqrafiya")
    assert f"/people/{field_hold.pk}/" not in site_text(client, "/en/search/", q="Gizlibioqrafiya")
    assert documented_breakdown(field_hold.event_id)["age"] == {"unknown": 1}


def test_contributions_are_the_same_everywhere(client, archive):
    shown, hidden = archive.shown["contributions"], archive.hidden["contributions"]
    people = archive.shown["people"] | archive.hidden["people"]
    surfaces: dict[str, set[int]] = {"site person pages": set(), "api person records": set()}
    for language in LANGUAGES:
        for pk in people:
            page = client.get(f"/{language}/people/{pk}/")
            if page.status_code == 200:
                surfaces["site person pages"] |= ids_in(
                    page.content.decode(), r'id="contribution-(\d+)"'
                )
            record = client.get(f"{API}/people/{pk}/", {"lang": language})
            if record.status_code == 200:
                surfaces["api person records"] |= {c["id"] for c in record.json()["contributions"]}
        listed = client.get(f"{API}/contributions/", {"lang": language, "page_size": 200}).json()
        surfaces.setdefault("api list", set()).update(r["id"] for r in listed["results"])
        cursor = client.get(f"{API}/contributions/", {"mode": "cursor"}).json()
        surfaces.setdefault("api cursor", set()).update(r["id"] for r in cursor["results"])
    by_person = set()
    for pk in people:
        listed = client.get(f"{API}/contributions/", {"person": pk}).json()
        by_person |= {r["id"] for r in listed["results"]}
    surfaces["api list by person"] = by_person
    surfaces["api detail"] = found(
        client, {pk: f"{API}/contributions/{pk}/" for pk in shown | hidden}
    )

    assert_same(shown, surfaces)
