"""Importing people: drafts with revisions, all or nothing, idempotent, duplicates flagged."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry, Revision

from archive.importers import people, saving
from archive.importers.csv_xlsx import ImportFileError, read_table
from archive.importers.service import import_people
from archive.models import Family, FamilyMembership, Person
from tests.factories import EventFactory, PersonFactory, PlaceFactory, SourceFactory

HEADER = ["external_id", "family_name", "given_name", "fate", "born", "fate_date"]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statistics are refreshed on PostgreSQL only"
)


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def run(rows, header=HEADER, **options):
    return import_people(read_table(io.BytesIO(csv_bytes(rows, header))), **options)


def person_row(n, family="Məmmədov", given="Əli", fate="killed", born="1950", died="1992-02-26"):
    return [f"list-{n}", family, given, fate, born, died]


@pytest.mark.django_db
def test_imported_people_are_drafts_each_with_a_revision():
    report = run([person_row(1), person_row(2, given="Tofiq")])

    assert report.summary.created == 2
    people = Person.objects.order_by("external_id")
    assert [(p.live, p.has_unpublished_changes) for p in people] == [(False, True)] * 2
    assert not Person.objects.public().exists()
    revision = people[1].latest_revision
    assert revision.content["given_name"] == "Tofiq"
    assert revision.as_object().external_id == "list-2"
    assert Revision.objects.filter(object_id=str(people[0].pk)).count() == 1
    assert ModelLogEntry.objects.filter(action="wagtail.create").count() == 2


@pytest.mark.django_db
def test_publish_option_makes_records_public_with_their_revision_live():
    run([person_row(1)], publish=True)

    person = Person.objects.public().get()
    assert person.live_revision_id == person.latest_revision_id
    assert not person.has_unpublished_changes
    assert person.first_published_at is not None
    assert ModelLogEntry.objects.filter(action="wagtail.publish", object_id=str(person.pk))


@pytest.mark.django_db
def test_bulk_created_people_have_search_keys_and_age():
    run([person_row(1, born="1950-03-14", died="1992-02-26")])

    person = Person.objects.search_names("Мамедов Али").get()
    assert person.age == 41


@pytest.mark.django_db
def test_an_approximate_birth_year_is_imported_as_approximate_and_gives_an_estimated_age():
    run([person_row(1, born="c. 1950", died="1992-02-26"), person_row(2, born="1950")])

    estimated, exact = Person.objects.order_by("external_id")
    assert (estimated.born_precision, estimated.born_approximate) == ("year", True)
    assert (estimated.age, estimated.age_is_estimate) == (42, True)
    assert (exact.born_approximate, exact.age_is_estimate) == (False, False)


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing():
    rows = [person_row(1), person_row(2, given="Tofiq")]
    run(rows)
    revisions = Revision.objects.count()

    again = run(rows)

    assert (again.summary.created, again.summary.updated, again.summary.unchanged) == (0, 0, 2)
    assert Person.objects.count() == 2
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_reimport_with_a_change_updates_the_draft_without_a_duplicate():
    run([person_row(1, given="Əli")])

    report = run([person_row(1, given="Əlirza")])

    assert report.summary.updated == 1
    person = Person.objects.get()
    assert person.latest_revision.content["given_name"] == "Əlirza"
    assert person.given_name == "Əlirza"
    assert "alirza" in person.name_key


@pytest.mark.django_db
def test_reimport_of_a_published_record_keeps_the_public_version_until_published():
    run([person_row(1, given="Əli")], publish=True)

    run([person_row(1, given="Əlirza")])

    person = Person.objects.public().get()
    assert person.given_name == "Əli"
    assert person.has_unpublished_changes
    assert person.latest_revision.content["given_name"] == "Əlirza"
    assert person.live_revision.content["given_name"] == "Əli"


@pytest.mark.django_db
def test_columns_left_out_of_a_reimport_keep_their_values():
    run([["list-1", "Məmmədov", "Əli", "killed", "builder"]], header=[*HEADER[:4], "occupation"])

    run([["list-1", "Məmmədov", "Əli", "wounded"]], header=HEADER[:4])

    person = Person.objects.get()
    assert (person.occupation, person.fate) == ("builder", "wounded")


@pytest.mark.django_db
def test_one_invalid_row_means_nothing_is_written_and_every_bad_row_is_reported():
    report = run(
        [
            person_row(1),
            person_row(2, fate="dead"),
            person_row(3),
            person_row(4, born="14/03/1950"),  # day or month first? refused
        ]
    )

    assert report.summary is None
    assert not Person.objects.exists()
    assert [(e.row, e.column) for e in report.errors] == [(3, "fate"), (5, "born")]
    assert "not one of: killed" in report.errors[0].reason


@pytest.mark.django_db
def test_valid_only_imports_the_good_rows_and_hands_back_the_bad_ones():
    report = run([person_row(1), person_row(2, fate="dead")], valid_only=True)

    assert report.summary.created == 1
    assert Person.objects.get().external_id == "list-1"
    [(cells, reason)] = report.rejected_rows
    assert cells[0] == "list-2"
    assert reason.startswith("fate: ")


@pytest.mark.django_db
def test_death_before_birth_is_a_row_error_from_the_model_rules():
    report = run([person_row(1, born="1995", died="1992-02-26")])
    assert [(e.row, e.column) for e in report.errors] == [(2, "fate_date")]


# Dates as a row gives them: none, exact, a year, a decade, an estimate, in the future, and a
# day inside a year (which the model's rules snap to the year's first day).
RULE_DATES = [
    None,
    (date(1950, 3, 14), "day", False),
    (date(1992, 1, 1), "year", False),
    (date(1990, 1, 1), "decade", False),
    (date(1992, 2, 1), "month", True),
    (date(1992, 6, 30), "year", False),
    (date(2999, 1, 1), "year", False),
]


@pytest.mark.parametrize("fate", ["killed", "wounded"])
@pytest.mark.parametrize("born", RULE_DATES)
@pytest.mark.parametrize("fate_date", RULE_DATES)
def test_a_new_rows_rules_are_checked_on_its_values_as_the_model_checks_them(fate, born, fate_date):
    """The importer checks a new record's values without making it (people._rule_errors):
    the same errors as Person.clean(), and the same dates after it."""
    values = {"external_id": "x", "given_name": "Əli", "fate": fate}
    for name, given in (("born", born), ("fate_date", fate_date)):
        if given is not None:
            values[name], values[f"{name}_precision"], values[f"{name}_approximate"] = given
    person = Person(**values)
    expected = people.PeopleParser._record_errors(2, person)

    assert people._rule_errors(2, values) == expected
    assert (values.get("born"), values.get("fate_date")) == (person.born, person.fate_date)


@pytest.mark.django_db
def test_a_date_in_the_future_is_a_row_error_from_the_model_rules():
    report = run([person_row(1, born="2999")])
    assert [(e.row, e.column, e.reason) for e in report.errors] == [
        (2, "born", "This date is in the future.")
    ]


@pytest.mark.django_db
def test_required_cell_left_empty_is_a_row_error():
    report = run([["list-1", "Məmmədov", "", "killed", "", ""]])
    assert [(e.column, e.reason) for e in report.errors] == [
        ("given_name", "This column is required.")
    ]


@pytest.mark.django_db
def test_overlong_cell_is_a_row_error_not_a_crash():
    report = run([person_row(1, family="M" * 151)])
    assert report.errors[0].column == "family_name"
    assert "151 characters long; the limit is 150" in report.errors[0].reason


@pytest.mark.django_db
def test_same_identifier_twice_in_a_file_is_refused():
    report = run([person_row(1), person_row(1, given="Tofiq")])
    assert [(e.row, e.column) for e in report.errors] == [(3, "external_id")]
    assert "row 2" in report.errors[0].reason


@pytest.mark.django_db
def test_missing_required_columns_is_a_file_error():
    with pytest.raises(ImportFileError, match="Required columns are missing: external_id, fate"):
        run([["Əli"]], header=["given_name"])


@pytest.mark.django_db
def test_misspelt_column_is_refused_rather_than_ignored():
    with pytest.raises(ImportFileError, match="Unknown columns: 'famly_name'"):
        run(
            [["list-1", "Əli", "killed", "X"]],
            header=[*HEADER[:1], "given_name", "fate", "famly_name"],
        )


@pytest.mark.django_db
def test_header_names_ignore_case_and_spaces():
    report = run([["list-1", "Əli", "Killed"]], header=["External ID", "Given name", " FATE "])
    assert report.summary.created == 1


@pytest.mark.django_db
def test_places_events_and_sources_are_found_by_name_in_any_spelling():
    khojaly = PlaceFactory(name="Khojaly", alternative_names="Xocalı")
    event = EventFactory(slug="khojaly-massacre")
    source = SourceFactory(title="Official list of victims")
    header = [*HEADER[:4], "residence", "event", "sources"]

    run(
        [
            [
                "list-1",
                "X",
                "Əli",
                "killed",
                "Ходжалы",
                "khojaly-massacre",
                "official list of victims",
            ]
        ],
        header,
    )

    person = Person.objects.get()
    assert (person.residence, person.event) == (khojaly, event)
    assert list(person.sources.all()) == [source]
    assert person.latest_revision.content["sources"] == [source.pk]


@pytest.mark.django_db
def test_unknown_place_is_a_row_error():
    report = run(
        [["list-1", "Əli", "killed", "Atlantis"]],
        ["external_id", "given_name", "fate", "residence"],
    )
    assert report.errors[0].column == "residence"
    assert "no place “Atlantis”" in report.errors[0].reason


@pytest.mark.django_db
def test_biography_is_plain_text_in_paragraphs_with_markup_escaped():
    run(
        [["list-1", "Əli", "killed", "A <script>x</script>\n\nSecond"]],
        ["external_id", "given_name", "fate", "biography"],
    )
    assert Person.objects.get().biography == "<p>A &lt;script&gt;x&lt;/script&gt;</p><p>Second</p>"


@pytest.mark.django_db
def test_same_folded_name_and_birth_year_is_flagged_as_possible_duplicate():
    earlier = PersonFactory(family_name="Məmmədov", given_name="Əli", born=date(1950, 6, 1))

    report = run([person_row(1, family="Mamedov", given="Ali", born="1950")])

    assert report.summary.possible_duplicates == 1
    assert Person.objects.get(external_id="list-1").possible_duplicate_of == earlier


@pytest.mark.django_db
def test_same_folded_name_and_family_is_flagged_as_possible_duplicate():
    family = ["the Mammadov family"]
    run([[*person_row(1, born=""), *family], [*person_row(2), *family]], [*HEADER, "family"])

    first, second = Person.objects.order_by("external_id")
    assert second.possible_duplicate_of == first
    assert first.possible_duplicate_of is None
    assert Family.objects.get().memberships.count() == 2


@pytest.mark.django_db
def test_same_name_with_another_birth_year_and_no_family_is_not_flagged():
    PersonFactory(family_name="Məmmədov", given_name="Əli", born=date(1962, 1, 1))
    report = run([person_row(1, born="1950")])
    assert report.summary.possible_duplicates == 0


@pytest.mark.django_db
def test_dry_run_reports_what_would_happen_and_writes_nothing():
    report = run([person_row(1), person_row(2)], dry_run=True)

    assert report.summary.created == 2
    assert not Person.objects.exists()
    assert not Revision.objects.exists()


FAMILY_HEADER = [*HEADER, "family"]


def family_row(n, family_name="", **cells):
    return [*person_row(n, **cells), family_name]


def written_rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Person, Revision, ModelLogEntry, Family, FamilyMembership)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("publish", [False, True])
def test_a_dry_run_reports_what_the_import_then_does_and_writes_nothing(publish):
    run(
        [
            family_row(1, "the Mammadov family"),
            family_row(2, given="Tofiq"),
            family_row(3, family="Hüseynov", given="Elşən"),
            family_row(4, family="Quliyev", given="Vüqar"),
        ],
        header=FAMILY_HEADER,
    )
    edited = Person.objects.get(external_id="list-4")
    edited.occupation = "teacher"  # an editor's draft, which only its revision holds
    edited.save_revision()
    rows = [
        family_row(1, "the Mammadov family"),  # unchanged (published when publishing)
        family_row(2, given="Tofiqə"),  # changed
        family_row(3, family="Hüseynov", given="Elşən"),  # unchanged
        family_row(4, family="Quliyev", given="Vüqar", born="1951"),  # over an editor's draft
        family_row(5, "the Mammadov family"),  # new, like list-1 in its family
        family_row(6, "the Aliyev family", family="Əliyev", given="Rauf", born="1960"),
        family_row(7, "the Aliyev family", family="Əliyev", given="Rauf", born="1961"),
        family_row(8, family="Kərimov", given="Nail", born="1970"),
        family_row(9, family="Kərimov", given="Nail", born="1970"),  # like list-8
        family_row(10, family="Babayev", given="Orxan"),  # like nobody
    ]
    before = written_rows()

    planned = run(rows, header=FAMILY_HEADER, dry_run=True, publish=publish)

    assert written_rows() == before
    done = run(rows, header=FAMILY_HEADER, publish=publish)
    assert planned.summary == done.summary
    assert (done.summary.created, done.summary.families_created) == (6, 1)
    assert done.summary.possible_duplicates == 3  # list-5, list-7 and list-9
    assert done.summary.updated == (4 if publish else 2)


@pytest.mark.django_db
def test_imported_draft_opens_in_the_admin_and_publishes_the_wagtail_way(moderator_client):
    run([person_row(1)])
    person = Person.objects.get()

    edit = moderator_client.get(f"/admin/snippets/archive/person/edit/{person.pk}/")
    person.latest_revision.publish()

    assert edit.status_code == 200
    assert Person.objects.public().get().given_name == "Əli"


@pytest.mark.django_db
def test_creating_people_costs_no_query_per_row():
    def queries_for(count, offset):
        rows = [person_row(offset + n, given=f"Given{offset + n}") for n in range(count)]
        with CaptureQueriesContext(connection) as captured:
            run(rows)
        return len(captured)

    few, many = queries_for(5, 0), queries_for(40, 100)
    # SQLite caps the parameters of one INSERT, so 40 rows may take one more statement.
    assert many <= few + 2


@pytest.mark.django_db
def test_command_imports_and_draws_progress_on_stderr(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([person_row(1)]))
    out, err = io.StringIO(), io.StringIO()

    call_command("import_people", str(path), stdout=out, stderr=err)

    assert "1 new (drafts)" in out.getvalue()
    assert "100% 1/1" in err.getvalue()


@pytest.mark.django_db
def test_command_refuses_invalid_rows_and_writes_rejects_with_valid_only(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([person_row(1), person_row(2, fate="dead")]))
    rejects = tmp_path / "rejects.csv"

    with pytest.raises(CommandError, match="1 of 2 rows are invalid, so nothing was imported"):
        call_command("import_people", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Person.objects.exists()

    call_command(
        "import_people", str(path), "--valid-only", "--rejects", str(rejects),
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    assert Person.objects.get().external_id == "list-1"
    rejected = list(csv.DictReader(rejects.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["external_id"], r["fate"]) for r in rejected] == [("list-2", "dead")]
    assert rejected[0]["reason"].startswith("fate: “dead” is not one of")


@pytest.mark.django_db
def test_command_reports_a_badly_encoded_file_clearly(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("external_id,given_name,fate\nl-1,Jürgen,killed\n".encode("latin-1"))
    with pytest.raises(CommandError, match="people.csv: The file is not UTF-8"):
        call_command("import_people", str(path), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db
def test_admin_person_listing_filters_possible_duplicates(moderator_client):
    original = PersonFactory(family_name="Məmmədov", given_name="Əli", born=date(1950, 1, 1))
    PersonFactory(family_name="Mammadov", given_name="Ali", possible_duplicate_of=original)
    PersonFactory(family_name="Qasımov", given_name="Tofiq")

    flagged = moderator_client.get(
        "/admin/snippets/archive/person/", {"possible_duplicate": "true"}
    )

    assert flagged.status_code == 200
    assert b"Mammadov" in flagged.content
    assert b"Qas" not in flagged.content and "Məmmədov".encode() not in flagged.content


@pytest.mark.django_db
def test_an_editors_unpublished_draft_is_kept_when_a_reimport_changes_other_columns():
    run([person_row(1)], publish=True)
    person = Person.objects.get()
    person.occupation = "teacher"  # an editor's draft, saved the way the admin saves it
    person.save_revision()

    run([person_row(1, given="Əlirza")])

    person = Person.objects.get()
    assert person.given_name == "Əli" and person.occupation == ""  # the public version
    latest = person.latest_revision.as_object()
    assert (latest.given_name, latest.occupation) == ("Əlirza", "teacher")


@pytest.mark.django_db
def test_publishing_a_reimported_draft_makes_it_public_without_a_new_revision():
    run([person_row(1)])
    revisions = Revision.objects.count()

    report = run([person_row(1)], publish=True)

    assert report.summary.updated == 1
    person = Person.objects.public().get()
    assert person.live_revision_id == person.latest_revision_id
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_reimport_with_publish_changes_and_publishes_in_bulk():
    run([person_row(1), person_row(2)])

    report = run([person_row(1, given="Əlirza"), person_row(2, given="Tofiq")], publish=True)

    assert report.summary.updated == 2
    assert sorted(Person.objects.public().values_list("given_name", flat=True)) == [
        "Tofiq",
        "Əlirza",
    ]
    assert Person.objects.search_names("Alirza").get().live


@pytest.mark.django_db
def test_place_name_shared_by_two_places_is_a_row_error_not_a_guess():
    PlaceFactory(name="Aşağı Qışlaq")
    PlaceFactory(name="Ashaghi Gishlag")  # the same name, folded
    report = run(
        [["list-1", "Əli", "killed", "Ashagi Gishlag"]],
        ["external_id", "given_name", "fate", "residence"],
    )
    assert "Several places are called" in report.errors[0].reason
    assert not Person.objects.exists()


WIDE = [*HEADER, "stated_age", "residence", "occupation", "is_synthetic"]


def wide_row(n, given, born, died, age, residence, occupation, synthetic):
    return [f"list-{n}", "Məmmədov", given, "killed", born, died, age, residence, occupation,
            synthetic]  # fmt: skip


@pytest.mark.django_db
def test_reimporting_changed_records_in_several_batches_writes_every_changed_column(
    monkeypatch,
):
    monkeypatch.setattr(saving, "BATCH", 2)  # five records: three statements of each kind
    khojaly = PlaceFactory(name="Khojaly")
    run([wide_row(n, "Əli", "1950", "1992-02-26", "", "", "", "no") for n in range(5)], WIDE)
    revisions, edits = Revision.objects.count(), ModelLogEntry.objects.filter(action="wagtail.edit")
    assert not edits.exists()

    report = run(
        [
            wide_row(n, f"Tofiq{n}", "1960-03-14", "", "", "Khojaly", "teacher", "yes")
            for n in range(4)
        ]
        + [wide_row(4, "Əli", "1950", "1992-02-26", "70", "", "", "no")],
        WIDE,
    )

    assert report.summary.updated == 5
    people = Person.objects.order_by("external_id")
    assert [
        (p.given_name, p.born, p.born_precision, p.fate_date, p.residence, p.occupation)
        for p in people[:4]
    ] == [(f"Tofiq{n}", date(1960, 3, 14), "day", None, khojaly, "teacher") for n in range(4)]
    assert all(person.is_synthetic and person.age is None for person in people[:4])
    assert Person.objects.search_names("Тофик3").get() == people[3]  # the search keys too
    assert (people[4].stated_age, people[4].age, people[4].fate_date) == (70, 70, date(1992, 2, 26))
    assert Revision.objects.count() == revisions + 5
    for person in people:
        assert person.latest_revision.content["given_name"] == person.given_name
        assert person.latest_revision.content["occupation"] == person.occupation
    assert edits.count() == 5
    assert {entry.object_id for entry in edits} == {str(person.pk) for person in people}


@pytest.mark.django_db
def test_a_failure_while_saving_changed_records_leaves_every_record_as_it_was(monkeypatch):
    run([person_row(n) for n in range(4)])
    before = list(Person.objects.order_by("pk").values_list("given_name", "latest_revision_id"))
    revisions, entries = Revision.objects.count(), ModelLogEntry.objects.count()
    monkeypatch.setattr(saving, "BATCH", 2)
    save_revisions = saving.PeopleWriter._save_revisions
    batches = []

    def fail_on_the_second_batch(writer, people, action):
        batches.append(people)
        if len(batches) == 2:
            raise RuntimeError("the database went away")
        return save_revisions(writer, people, action)

    monkeypatch.setattr(saving.PeopleWriter, "_save_revisions", fail_on_the_second_batch)

    with pytest.raises(RuntimeError):
        run([person_row(n, given="Tofiq") for n in range(4)])

    assert len(batches) == 2  # the first batch had been written
    after = list(Person.objects.order_by("pk").values_list("given_name", "latest_revision_id"))
    assert after == before
    assert (Revision.objects.count(), ModelLogEntry.objects.count()) == (revisions, entries)


def analyzed(queries):
    return {query["sql"] for query in queries if query["sql"].startswith("ANALYZE")}


@on_postgresql
@pytest.mark.django_db
def test_a_large_import_refreshes_the_planner_statistics_once_committed(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(saving, "ANALYZE_AFTER", 2)
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        run([person_row(1), person_row(2)])

    assert {'ANALYZE "archive_person"', 'ANALYZE "wagtailcore_revision"'} <= analyzed(captured)


@pytest.mark.django_db
def test_a_small_import_or_a_dry_run_leaves_the_statistics_alone(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(saving, "ANALYZE_AFTER", 2)
    with CaptureQueriesContext(connection) as captured:
        with django_capture_on_commit_callbacks(execute=True):
            run([person_row(1)])
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            run([person_row(2), person_row(3)], dry_run=True)

    assert not callbacks
    assert not analyzed(captured)
