import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from archive.models import (
    Event,
    Person,
    ReportedFigure,
    StatementPage,
    TimelineEntry,
)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Event, Person, ReportedFigure, StatementPage, TimelineEntry, Page, Revision)
    }


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", synthetic_people=5)
    first = counts()
    call_command("load_demo", synthetic_people=5)
    assert counts() == first


@pytest.mark.django_db
def test_demo_creates_no_person_presented_as_real(demo):
    assert not Person.objects.exists()
    call_command("load_demo", synthetic_people=20)
    assert Person.objects.count() == 20
    assert not Person.objects.filter(is_synthetic=False).exists()


@pytest.mark.django_db
def test_every_seed_figure_is_attributed_and_sourced(demo):
    figures = ReportedFigure.objects.select_related("source")
    assert {(f.counts, f.value) for f in figures} >= {
        ("killed", 613),
        ("captured", 1275),
        ("missing", 150),
    }
    for figure in figures:
        assert figure.attributed_to == "Azerbaijani figures"
        assert figure.source.kind == "news_report"
        assert figure.source.publisher == ""  # the report does not name it: recorded as unknown


@pytest.mark.django_db
def test_demo_statement_and_timeline_are_published_with_their_source(demo):
    statement = StatementPage.objects.get()
    assert statement.live and statement.sources.exists()
    assert statement.issuer.country == "Türkiye"
    entries = TimelineEntry.objects.public()
    assert entries.count() == 6
    assert all(entry.sources.exists() for entry in entries)
    assert str(entries.get(slug="dissolution-of-the-soviet-union").start_date) == "December 1991"
