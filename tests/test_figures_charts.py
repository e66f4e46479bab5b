"""The figures page's charts: every number drawn is the number in the table beside it, and both
are the count of public, documented records, whatever drafts, restricted or synthetic records
the event also holds."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from archive.models import Person, ReportedFigure
from archive.site import charts
from tests.factories import DocumentedPersonFactory, FigureFactory, PersonFactory

Fate, Sex = Person.Fate, Person.Sex

# (fate, sex, stated age): the public, documented records of the event.
DOCUMENTED = [
    (Fate.KILLED, Sex.FEMALE, 9),
    (Fate.KILLED, Sex.MALE, 17),
    (Fate.KILLED, Sex.MALE, 40),
    (Fate.KILLED, Sex.UNKNOWN, None),
    (Fate.DIED_OF_WOUNDS, Sex.FEMALE, 71),
    (Fate.WOUNDED, Sex.MALE, 30),
    (Fate.MISSING, Sex.FEMALE, 60),
    (Fate.SURVIVED, Sex.MALE, 18),
]


def age_group(age):
    if age is None:
        return "unknown"
    return "child" if age < 18 else "adult" if age < 60 else "elderly"


EXPECTED = {
    "fate": Counter(fate for fate, _, _ in DOCUMENTED),
    "age": Counter(age_group(age) for _, _, age in DOCUMENTED),
    "sex": Counter(sex for _, sex, _ in DOCUMENTED),
}


def hidden_records(event):
    """Records a count must leave out, each a killed girl of five, so that any one of them
    counted would change the fate, age and sex charts alike."""
    like = {"event": event, "fate": Fate.KILLED, "sex": Sex.FEMALE, "stated_age": 5}
    DocumentedPersonFactory(live=False, **like)
    DocumentedPersonFactory(visibility=Person.Visibility.RESTRICTED, **like)
    restricted = DocumentedPersonFactory(visibility=Person.Visibility.RESTRICTED, **like)
    translation_ = restricted.copy_for_translation(
        Locale.objects.get_or_create(language_code="az")[0]
    )
    translation_.visibility, translation_.live = Person.Visibility.PUBLIC, True
    translation_.save()
    PersonFactory(**like)  # synthetic: public, but never evidence


@pytest.fixture
def event(db):
    killed = FigureFactory(value=613)
    FigureFactory(
        event=killed.event,
        counts=ReportedFigure.Counts.MISSING,
        value=1275,
        qualifier=ReportedFigure.Qualifier.ABOUT,
        attributed_to="A second count",
    )
    for fate, sex, age in DOCUMENTED:
        DocumentedPersonFactory(event=killed.event, fate=fate, sex=sex, stated_age=age)
    hidden_records(killed.event)
    return killed.event


def number(text: str) -> int:
    return int("".join(character for character in text if character.isdigit()))


def drawn(html: str, slug: str) -> dict[str, str]:
    """The chart's bars as drawn: label to value, as the SVG's text shows them."""
    svg = BeautifulSoup(html, "html.parser").find(
        "svg", attrs={"aria-labelledby": lambda v: v and v.startswith(f"chart-{slug}-title")}
    )
    labels = [text.get_text(" ") for text in svg.select("text.chart__label")]
    values = [text.get_text() for text in svg.select("text.chart__value")]
    return dict(zip(labels, values, strict=True))


def tabled(html: str, slug: str) -> dict[str, str]:
    """The chart's table: row heading to number."""
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find(id=f"chart-{slug}-caption").find_parent("table")
    return {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in table.tbody.find_all("tr")
    }


def labels(name: str) -> dict[str, str]:
    return {"fate": charts.fate_labels, "age": charts.age_labels, "sex": charts.sex_labels}[name]()


@pytest.mark.parametrize("language", ["en", "az"])  # in az the restricted one's copy is there
@pytest.mark.parametrize("chart", ["fate", "age", "sex"])
def test_each_chart_draws_the_numbers_of_its_table_and_counts_only_public_documented_records(
    client, event, chart, language
):
    html = client.get(f"/{language}/figures/").content.decode()
    slug = f"{event.pk}-{chart}"

    with translation.override(language):
        expected = {label: EXPECTED[chart][value] for value, label in labels(chart).items()}
    assert {label: number(value) for label, value in drawn(html, slug).items()} == expected
    assert {label: number(value) for label, value in tabled(html, slug).items()} == expected


def test_the_comparison_chart_draws_each_reported_figure_beside_the_table_and_its_count(
    client, event
):
    html = client.get("/en/figures/").content.decode()
    bars = drawn(html, f"{event.pk}-compared")
    table = BeautifulSoup(html, "html.parser").find("table", class_="figures-table")
    rows = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }

    killed = EXPECTED["fate"][Fate.KILLED] + EXPECTED["fate"][Fate.DIED_OF_WOUNDS]
    missing = EXPECTED["fate"][Fate.MISSING]
    assert rows["Killed"][0] == bars["Reported, according to Azerbaijani figures"] == "613"
    assert rows["Missing"][0] == bars["Reported, according to A second count"] == "about 1,275"
    assert [number(rows["Killed"][3]), number(rows["Missing"][3])] == [killed, missing]
    documented = [
        number(text.get_text())
        for text in BeautifulSoup(html, "html.parser").select(
            f'svg[aria-labelledby^="chart-{event.pk}-compared"] rect.chart__bar--documented + text'
        )
    ]
    assert documented == [killed, missing]


def test_a_chart_is_an_image_named_by_its_title_and_described_by_every_value(client, event):
    html = client.get("/en/figures/").content.decode()
    svg = BeautifulSoup(html, "html.parser").find(
        "svg", attrs={"aria-labelledby": f"chart-{event.pk}-sex-title chart-{event.pk}-sex-desc"}
    )

    assert svg["role"] == "img"
    assert svg.title.get_text() == "Public records by sex"
    assert svg.desc.get_text() == "Women and girls: 3; Men and boys: 4; Sex not recorded: 1."


def test_chart_rows_link_to_the_people_index_filtered_to_their_people(client, event):
    html = client.get("/en/figures/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    links = {
        a.get_text(): a["href"]
        for a in soup.find(id=f"chart-{event.pk}-age-caption").find_parent("table").select("th a")
    }

    assert links == {
        "Children (under 18)": "/en/people/?age=child",
        "Adults (18 to 59)": "/en/people/?age=adult",
        "Elderly people (60 or older)": "/en/people/?age=elderly",
    }  # no filter selects the people whose age is not recorded
    assert client.get(links["Children (under 18)"]).status_code == 200


@pytest.mark.parametrize(
    ("language", "heading", "killed", "about_1275"),
    [
        ("en", "Public records by fate", "Killed", "about 1,275"),
        ("az", "Taleyə görə açıq qeydlər", "Öldürülənlər", "təxminən 1.275"),
        ("tr", "Akıbete göre herkese açık kayıtlar", "Öldürülenler", "yaklaşık 1.275"),
        ("ru", "Открытые записи по судьбе", "Убиты", "около 1\xa0275"),
    ],
)
def test_the_charts_speak_the_language_of_the_page_and_group_its_digits(
    client, event, language, heading, killed, about_1275
):
    html = client.get(f"/{language}/figures/").content.decode()

    assert f'<html lang="{language}">' in html
    assert f'<h3 id="chart-{event.pk}-fate">{heading}</h3>' in html
    assert killed in drawn(html, f"{event.pk}-fate")
    assert about_1275 in drawn(html, f"{event.pk}-compared").values()


def test_an_event_with_only_synthetic_records_has_no_charts_of_them(client, db):
    figure = FigureFactory()
    PersonFactory.create_batch(3, event=figure.event)

    html = client.get("/en/figures/").content.decode()

    assert f"chart-{figure.event.pk}-fate" not in html
    assert "nothing to chart by fate, age or sex" in html


def first_request_queries(client) -> int:
    for cache in caches.all():
        cache.clear()  # count the charts being computed, not read back
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/figures/").status_code == 200
    return len(captured)


def test_charts_cost_the_same_queries_whatever_the_number_of_people(client, event):
    first_request_queries(client)  # the process's own first reads (site, locales) out of the way
    # Each count is of the first request after a change (which reads the new tokens too).
    DocumentedPersonFactory(event=event, fate="killed", sex="female", stated_age=30)
    few = first_request_queries(client)
    for fate, sex, age in DOCUMENTED * 5:
        DocumentedPersonFactory(event=event, fate=fate, sex=sex, stated_age=age)
    hidden_records(event)

    assert first_request_queries(client) == few


def test_a_long_label_is_broken_into_lines_above_its_bar():
    label = "Приведённая цифра, по данным: Human Rights Watch and Memorial"
    chart = charts.Chart("test", "A chart", "", [charts.Group("", [charts.Bar(label, 5, "5")])])
    bar = chart.bars[0]

    assert len(bar.label_lines) > 1
    assert " ".join(line for line, _ in bar.label_lines) == label
    assert all(len(line) <= charts.LINE_LENGTH for line, _ in bar.label_lines)
    assert bar.label_lines[-1][1] < bar.bar_y  # the last line's baseline is above the bar
