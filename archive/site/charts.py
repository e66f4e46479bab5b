"""The figures page's bar charts, drawn on the server as inline SVG (no script, no library).

A chart is a list of bars, in groups where bars are compared (a reported figure beside the
documented count), each with its label and its value in words and in pixels; the template
(``includes/bar_chart.html``) only places them. Bars are measured in percent of the chart's
width and text in pixels, so the chart fills a 360 px phone or a desktop column and its labels
stay as large as the page's own text (a viewBox would shrink them with the chart)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext

from archive.models import Person
from archive.models.figures import AGE_UNKNOWN, CHILD_UNDER, ELDERLY_FROM, FigureRow

# The longest bar leaves room after it for its value ("1.275").
LONGEST_BAR = 80  # percent of the chart's width
GROUP_HEADING = 26  # px: a group's heading, its first line
LABEL = 20  # px: a bar's label, its first line, above the bar
LINE = 18  # px: each further line of a label or heading
BAR = 20  # px: the bar, its value beside it
GAP = 10  # px: after each bar
# SVG text does not wrap: labels are broken into lines that fit a 360 px phone, where the
# chart is 328 px wide ("Приведённая цифра, по данным: …" ran off its edge in one line).
LINE_LENGTH = 34  # characters


def _lines(text: str, first_y: int) -> list[tuple[str, int]]:
    """``text`` in lines of at most LINE_LENGTH characters, each with its baseline."""
    wrapped = textwrap.wrap(text, LINE_LENGTH) or [""]
    return [(line, first_y + number * LINE) for number, line in enumerate(wrapped)]


@dataclass
class Bar:
    label: str
    value: int
    shown: str  # the value in words: grouped as the language groups digits, qualified
    kind: str = "documented"  # or "reported": the bar's colour
    # The people index filtered to the bar's people, where a filter exists. The link is in the
    # table beside the chart: inside an SVG with role="img" it could take focus while screen
    # readers are told the image has no parts (axe's nested-interactive rule).
    href: str = ""
    width: float = 0  # percent of the chart's width
    height: int = BAR
    label_lines: list[tuple[str, int]] = field(default_factory=list)  # (text, baseline)
    bar_y: int = 0
    value_y: int = 0


@dataclass
class Group:
    heading: str
    bars: list[Bar]
    heading_lines: list[tuple[str, int]] = field(default_factory=list)  # (text, baseline)


@dataclass
class Chart:
    slug: str  # unique on the page: the element ids
    title: str
    description: str
    groups: list[Group]
    height: int = field(init=False)

    def __post_init__(self):
        largest = max((bar.value for bar in self.bars), default=0) or 1
        y = 0
        for group in self.groups:
            if group.heading:
                group.heading_lines = _lines(group.heading, y + GROUP_HEADING - 8)
                y += GROUP_HEADING + LINE * (len(group.heading_lines) - 1)
            for bar in group.bars:
                bar.width = round(LONGEST_BAR * bar.value / largest, 2)
                bar.label_lines = _lines(bar.label, y + LABEL - 5)
                y += LINE * (len(bar.label_lines) - 1)
                bar.bar_y = y + LABEL
                bar.value_y = y + LABEL + BAR - 5
                y += LABEL + BAR + GAP
        self.height = y

    @property
    def bars(self) -> list[Bar]:
        return [bar for group in self.groups for bar in group.bars]


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _people_index(**filters) -> str:
    return f"{reverse('archive:person_list')}?{urlencode(filters)}"


def _documented_bars(counts: dict[str, int], labels: dict[str, str], filter_name: str):
    """A bar per label, in the labels' order; linked unless the index has no filter for it."""
    return [
        Bar(
            label,
            counts.get(value, 0),
            _number(counts.get(value, 0)),
            href="" if value == AGE_UNKNOWN else _people_index(**{filter_name: value}),
        )
        for value, label in labels.items()
    ]


def fate_labels() -> dict[str, str]:
    """Each fate as the name of the people who met it, in the plural ("Killed", "Убиты")."""
    return {
        Person.Fate.KILLED: pgettext("people counted", "Killed"),
        Person.Fate.DIED_OF_WOUNDS: pgettext("people counted", "Died of wounds"),
        Person.Fate.WOUNDED: pgettext("people counted", "Wounded"),
        Person.Fate.CAPTIVE: pgettext("people counted", "Taken captive"),
        Person.Fate.MISSING: pgettext("people counted", "Missing"),
        Person.Fate.RELEASED: pgettext("people counted", "Released from captivity"),
        Person.Fate.SURVIVED: pgettext("people counted", "Survived"),
    }


def age_labels() -> dict[str, str]:
    return {
        "child": ngettext("Children (under %(age)d)", "Children (under %(age)d)", CHILD_UNDER)
        % {"age": CHILD_UNDER},
        "adult": gettext("Adults (%(young)d to %(old)d)")
        % {"young": CHILD_UNDER, "old": ELDERLY_FROM - 1},
        "elderly": ngettext(
            "Elderly people (%(age)d or older)", "Elderly people (%(age)d or older)", ELDERLY_FROM
        )
        % {"age": ELDERLY_FROM},
        AGE_UNKNOWN: gettext("Age not recorded"),
    }


def sex_labels() -> dict[str, str]:
    return {
        Person.Sex.FEMALE: pgettext("people counted", "Women and girls"),
        Person.Sex.MALE: pgettext("people counted", "Men and boys"),
        Person.Sex.UNKNOWN: pgettext("people counted", "Sex not recorded"),
    }


def documented_charts(event, breakdown: dict[str, dict[str, int]]) -> list[Chart]:
    """An event's public records by fate, by age group and by sex; each bar links to the
    people index with the filter that selects its people (an unknown age has none)."""
    charts = [
        ("fate", gettext("Public records by fate"), fate_labels()),
        ("age", gettext("Public records by age at the time"), age_labels()),
        ("sex", gettext("Public records by sex"), sex_labels()),
    ]
    return [
        Chart(
            slug=f"{event.pk}-{name}",
            title=title,
            description=_described(bars),
            groups=[Group("", bars)],
        )
        for name, title, labels in charts
        for bars in [_documented_bars(breakdown[name], labels, name)]
    ]


def _described(bars: list[Bar]) -> str:
    """The chart in one sentence, for those who do not see it: every bar's label and value."""
    return "; ".join(f"{bar.label}: {bar.shown}" for bar in bars) + "."


def comparison_chart(event, rows: list[FigureRow]) -> Chart | None:
    """Each reported figure that maps to records, beside the number of public records in its
    category; None when no figure maps (a custom figure has no documented count)."""
    groups = []
    for row in rows:
        if row.documented is None:
            continue
        figure = row.figure
        reported = gettext("Reported, according to %(who)s") % {"who": figure.attributed_to}
        documented = gettext("Public records in this archive")
        groups.append(
            Group(
                str(figure.label),
                [
                    Bar(reported, figure.value, figure.qualified_value, kind="reported"),
                    Bar(documented, row.documented, _number(row.documented)),
                ],
            )
        )
    if not groups:
        return None
    description = "; ".join(
        f"{group.heading}: {group.bars[0].label} {group.bars[0].shown}, "
        f"{group.bars[1].label} {group.bars[1].shown}"
        for group in groups
    )
    return Chart(
        slug=f"{event.pk}-compared",
        title=gettext("Reported figures beside public records"),
        description=description + ".",
        groups=groups,
    )
