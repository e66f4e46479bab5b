import pytest
from django.core.exceptions import ValidationError

from archive.models import Person, ReportedFigure
from tests.factories import DocumentedPersonFactory, EventFactory, FigureFactory, PersonFactory


@pytest.mark.django_db
def test_documented_count_counts_only_public_records_of_the_event():
    figure = FigureFactory()
    DocumentedPersonFactory.create_batch(3, event=figure.event)
    DocumentedPersonFactory(event=figure.event, live=False)
    DocumentedPersonFactory(event=figure.event, visibility=Person.Visibility.RESTRICTED)
    DocumentedPersonFactory(event=figure.event, fate=Person.Fate.SURVIVED)
    DocumentedPersonFactory(event=EventFactory())

    assert figure.documented_count == 3


@pytest.mark.django_db
def test_children_and_elderly_are_counted_by_age_at_death():
    event = EventFactory()
    DocumentedPersonFactory(event=event, stated_age=9)
    DocumentedPersonFactory(event=event, stated_age=17)
    DocumentedPersonFactory(event=event, stated_age=18)
    DocumentedPersonFactory(event=event, stated_age=71)
    children = FigureFactory(event=event, counts=ReportedFigure.Counts.KILLED_CHILDREN, value=63)
    elderly = FigureFactory(event=event, counts=ReportedFigure.Counts.KILLED_ELDERLY, value=70)

    assert children.documented_count == 2
    assert elderly.documented_count == 1


@pytest.mark.django_db
def test_a_custom_figure_has_no_documented_count_and_needs_a_label():
    figure = FigureFactory.build(counts=ReportedFigure.Counts.CUSTOM, custom_label="")
    with pytest.raises(ValidationError):
        figure.clean()
    figure = FigureFactory(counts=ReportedFigure.Counts.CUSTOM, custom_label="houses burnt")
    assert figure.documented_count is None


@pytest.mark.django_db
def test_a_figure_reads_with_its_qualifier():
    figure = FigureFactory(value=150, qualifier=ReportedFigure.Qualifier.ABOUT)
    assert figure.qualified_value == "about 150"


@pytest.mark.django_db
def test_synthetic_records_are_never_counted_as_documented():
    figure = FigureFactory()
    PersonFactory.create_batch(4, event=figure.event)
    DocumentedPersonFactory(event=figure.event)

    assert figure.documented_count == 1


@pytest.mark.django_db
def test_a_figure_keeps_its_sources_wording_and_still_maps_to_records():
    figure = FigureFactory(custom_label="Seriously injured", counts=ReportedFigure.Counts.INJURED)
    DocumentedPersonFactory(event=figure.event, fate=Person.Fate.WOUNDED)

    assert figure.label == "Seriously injured"
    assert figure.documented_count == 1
