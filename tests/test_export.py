"""export_archive: public data only, as CSV and JSON, described by a valid data package."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from frictionless import Package, validate

from archive import models
from archive.demo import load_demo
from archive.exporting import TABLES, export_archive, safe_cell
from archive.models import Family, FamilyMembership, Person, StatementPage
from tests.factories import PersonFactory, PlaceFactory, SourceFactory, TimelineEntryFactory
from tests.shared_rows import shared


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as opened:
        return list(csv.DictReader(opened))


def read_json(path):
    header, *rows = json.loads(path.read_text(encoding="utf-8"))
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tX", "'\tX"),
        ("\rX", "'\rX"),
        ("Məmmədov", "Məmmədov"),
        ("a=b", "a=b"),
        (-46.79, -46.79),
        (None, None),
    ],
)
def test_safe_cell_neutralises_only_text_that_a_spreadsheet_would_run(cell, written):
    assert safe_cell(cell) == written


@pytest.fixture(scope="module")
def _exported_rows(module_rows, tmp_path_factory):
    """The demo, public and hidden records, and their export; made once for the module's tests,
    which only read them (tests/shared_rows.py)."""
    with module_rows():
        load_demo(languages=["en"])
        return _export_of_public_and_hidden_records(tmp_path_factory.mktemp("exported"))


@pytest.fixture
def exported(db, _exported_rows):
    return shared(_exported_rows)


def _export_of_public_and_hidden_records(directory):
    shown = PersonFactory(
        family_name="Məmmədov",
        given_name="=cmd|' /C calc'!A0",
        born=datetime.date(1950, 1, 1),
        born_precision="year",
        born_approximate=True,
    )
    draft = PersonFactory(family_name="Draftova", live=False)
    restricted = PersonFactory(family_name="Hiddenova", visibility=Person.Visibility.RESTRICTED)
    family = Family.objects.create(name="the Mammadov family")
    FamilyMembership.objects.create(family=family, person=shown)
    FamilyMembership.objects.create(family=family, person=restricted)
    models.Testimony.objects.create(person=restricted, text="Private words")
    models.Testimony.objects.create(person=shown, text="Public words")
    entry = TimelineEntryFactory()
    entry.related_people.add(shown, restricted)
    entry.save()
    TimelineEntryFactory(title="Unpublished entry", live=False)
    StatementPage.objects.update(live=False)  # the demo statement, unpublished
    register = SourceFactory(title="Hospital register")  # cited by a fate event only
    hospital = PlaceFactory(name="Field hospital")  # named by a fate event only
    wounded = {"date": datetime.date(1992, 2, 26), "place": hospital, "source": register}
    models.FateEvent.objects.create(person=shown, kind="taken_captive", sort_order=1)
    models.FateEvent.objects.create(
        person=shown, kind="wounded", sort_order=0, note="=1+1", **wounded
    )
    letter = SourceFactory(title="A private letter")
    models.FateEvent.objects.create(person=restricted, kind="missing", source=letter)
    counted = export_archive(directory)
    return {
        "dir": directory,
        "counted": counted,
        "shown": shown,
        "draft": draft,
        "restricted": restricted,
    }


@pytest.mark.django_db
def test_export_is_a_valid_frictionless_data_package(exported):
    report = validate(exported["dir"] / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.django_db
def test_every_column_of_every_file_is_described(exported):
    package = Package(exported["dir"] / "datapackage.json")
    for table in TABLES:
        names = [column.name for column in table.columns]
        for resource_name in (table.name.replace("_", "-"), table.name.replace("_", "-") + "-json"):
            fields = package.get_resource(resource_name).schema.fields
            assert [f.name for f in fields] == names
            assert all(f.description for f in fields)
        with (exported["dir"] / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == names


@pytest.mark.django_db
def test_only_public_people_are_exported(exported):
    people = read_csv(exported["dir"] / "people.csv")
    assert [row["id"] for row in people] == [str(exported["shown"].pk)]
    assert [row["id"] for row in read_json(exported["dir"] / "people.json")] == [
        exported["shown"].pk
    ]


@pytest.mark.django_db
def test_links_to_restricted_people_do_not_leak(exported):
    restricted = exported["restricted"].pk
    memberships = read_csv(exported["dir"] / "family_memberships.csv")
    testimonies = read_csv(exported["dir"] / "testimonies.csv")
    timeline = read_json(exported["dir"] / "timeline.json")
    assert [int(row["person_id"]) for row in memberships] == [exported["shown"].pk]
    assert [row["text"] for row in testimonies] == ["Public words"]
    assert all(restricted not in entry["person_ids"] for entry in timeline)
    assert any(entry["person_ids"] == [exported["shown"].pk] for entry in timeline)


@pytest.mark.django_db
def test_fate_events_of_public_people_are_exported_with_what_they_name(exported):
    events = read_json(exported["dir"] / "fate_events.json")
    places = {row["id"]: row["name"] for row in read_json(exported["dir"] / "places.json")}
    sources = {row["id"]: row["title"] for row in read_json(exported["dir"] / "sources.json")}
    [wounded_row, _captive_row] = read_csv(exported["dir"] / "fate_events.csv")

    assert [(e["person_id"], e["kind"]) for e in events] == [
        (exported["shown"].pk, "wounded"),
        (exported["shown"].pk, "taken_captive"),
    ]
    wounded, captive = events
    assert (wounded["date"], wounded["date_precision"]) == ("1992-02-26", "day")
    assert places[wounded["place_id"]] == "Field hospital"
    assert sources[wounded["source_id"]] == "Hospital register"
    assert captive["date"] is None and captive["place_id"] is None
    assert wounded["note"] == "=1+1" and wounded_row["note"] == "'=1+1"
    assert "A private letter" not in sources.values()  # cited by a restricted person's event


@pytest.mark.django_db
def test_unpublished_timeline_entries_and_statements_are_left_out(exported):
    titles = [row["title"] for row in read_csv(exported["dir"] / "timeline.csv")]
    assert "Unpublished entry" not in titles
    assert read_csv(exported["dir"] / "statements.csv") == []
    assert exported["counted"]["statements"] == 0


@pytest.mark.django_db
def test_formula_in_a_name_is_neutralised_in_csv_but_kept_in_json(exported):
    [row] = read_csv(exported["dir"] / "people.csv")
    [record] = read_json(exported["dir"] / "people.json")
    assert row["given_name"] == "'=cmd|' /C calc'!A0"
    assert record["given_name"] == "=cmd|' /C calc'!A0"


@pytest.mark.django_db
def test_dates_keep_their_precision(exported):
    [record] = read_json(exported["dir"] / "people.json")
    assert (record["born"], record["born_precision"]) == ("1950", "year")


@pytest.mark.django_db
def test_an_approximate_date_is_marked_in_its_own_column(exported):
    [record] = read_json(exported["dir"] / "people.json")
    [row] = read_csv(exported["dir"] / "people.csv")
    assert (record["born_approximate"], record["fate_date_approximate"]) == (True, False)
    assert (row["born_approximate"], row["fate_date_approximate"]) == ("true", "false")


@pytest.mark.django_db
def test_figures_carry_source_attribution_and_documented_count(exported):
    figures = read_json(exported["dir"] / "figures.json")
    killed = next(f for f in figures if f["counts"] == "killed")
    assert (killed["value"], killed["attributed_to"]) == (613, "Azerbaijani figures")
    assert killed["documented_count"] == 0  # the factory people belong to no event
    sources = {s["id"] for s in read_json(exported["dir"] / "sources.json")}
    assert killed["source_id"] in sources


@pytest.mark.django_db
def test_command_writes_the_package_and_counts_rows(tmp_path, demo):
    PersonFactory()
    out = io.StringIO()
    call_command("export_archive", str(tmp_path / "out"), stdout=out)
    assert "people: 1 rows" in out.getvalue()
    assert (tmp_path / "out" / "datapackage.json").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("people", [1, 8])
def test_export_queries_do_not_grow_with_the_number_of_people(
    tmp_path, people, django_assert_max_num_queries
):
    PersonFactory.create_batch(people)
    with django_assert_max_num_queries(30):
        export_archive(tmp_path)
