"""The demo read in Azerbaijani, Turkish and Russian: a crawl of every public page type finds
nothing of the demo left in English.

Two checks per page. No element is marked as English (``lang="en"``), which is how the site
marks an untranslated original standing in for a translation; the language switcher's link to
the English site is the one element that is English by right. And none of the demo's English
wording appears anywhere in the page, scripts (JSON-LD) included, so text that fell back
without being marked is caught as well.

People's names are no exception to make: the synthetic records carry Azerbaijani names, which
the site marks as Azerbaijani (``lang="az"``), never as English; the source's title is the
archive's own description of the report, translated like any other text."""

import html
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from archive.demo import LANGUAGES, wording
from archive.demo.synthetic import PEOPLE_PER_FAMILY
from archive.models import Family, Person, StatementPage

TRANSLATED = [language for language in LANGUAGES if language != "en"]
SEARCHED = {"az": "Xocalı", "tr": "Hocalı", "ru": "Ходжалы"}  # each finds every section


def english_wording() -> set[str]:
    """Every text of the demo as its English original words it."""
    items = [
        wording.REPORT,
        wording.EVENT,
        wording.MINISTRY,
        wording.HOME,
        wording.STATEMENTS_INDEX,
        wording.ABOUT,
        wording.METHODOLOGY,
        wording.STATEMENT,
        *wording.TIMELINE.values(),
    ]
    texts = {value for item in items for value in item["en"].values()}
    texts |= {names["en"] for names in wording.PLACES.values()}
    texts |= {labels["en"] for labels in wording.FIGURE_LABELS.values()}
    texts |= {names["en"] for names in wording.SYNTHETIC_FAMILIES.values()}
    texts |= {wording.ATTRIBUTION["en"], wording.SYNTHETIC_FAMILY_NOTES["en"]}
    texts.discard("Türkiye")  # the issuer's country: Türkiye in English and in Turkish alike
    # Rich text is compared as the reader sees it: paragraph by paragraph, without markup.
    return {part for text in texts for part in re.split(r"</?p>", text) if part.strip()}


@pytest.fixture
def crawled_paths(db):
    """The demo in four languages, with synthetic records and a family, and one address of
    each public page type (the language prefix left out)."""
    call_command("load_demo", synthetic_people=PEOPLE_PER_FAMILY)
    person = Person.objects.public().filter(memberships__isnull=False).first()
    family = Family.objects.get(locale__language_code="en")
    statement = StatementPage.objects.get(locale__language_code="en")
    return {
        "home": "",
        "statements": "statements/",
        "statement": f"statements/{statement.slug}/",
        "timeline": "timeline/",
        "people": "people/",
        "person": f"people/{person.pk}/",
        "family": f"families/{family.pk}/",
        "figures": "figures/",
        "sources": "sources/",
        "about": "about/",
        "methodology": "methodology/",
        "search": "search/?q={query}",
        "statement feed": "feeds/statements/",
        "timeline feed": "feeds/timeline/",
    }


def marked_english(page: BeautifulSoup) -> list[str]:
    switcher = page.select_one("nav.languages")
    return [
        f"<{element.name}> {element.get_text(' ', strip=True)[:60]!r}"
        for element in page.find_all(lang="en")
        if switcher is None or element not in switcher.find_all(lang="en")
    ]


def english_left(text: str, english: set[str]) -> list[str]:
    return sorted(phrase for phrase in english if phrase in text)


@pytest.mark.django_db
def test_every_page_type_of_the_demo_reads_without_english_in_each_language(client, crawled_paths):
    # One crawl for all three languages: the demo in four languages takes seconds to load,
    # and the failure message lists every language's pages at once.
    english = english_wording()
    found = {}
    for language in TRANSLATED:
        for name, path in crawled_paths.items():
            address = f"/{language}/{path.format(query=SEARCHED[language])}"
            response = client.get(address)
            assert response.status_code == 200, address
            text = html.unescape(response.content.decode())
            problems = english_left(text, english)
            if "feed" not in name:
                page = BeautifulSoup(text, "html.parser")
                assert page.html["lang"] == language, address
                problems += marked_english(page)
                if "data-untranslated" in text:
                    problems.append("a part marked as untranslated")
            if problems:
                found[address] = problems

    assert not found, "\n".join(f"{address}: {problems}" for address, problems in found.items())


@pytest.mark.django_db
def test_the_crawl_finds_english_left_unmarked_in_a_translation(client, crawled_paths):
    # The crawl's own check: an English text standing in a translation, unmarked, is found.
    statement = StatementPage.objects.get(locale__language_code="az")
    statement.summary = wording.STATEMENT["en"]["summary"]
    statement.save_revision().publish()

    text = html.unescape(client.get(f"/az/{crawled_paths['statement']}").content.decode())

    assert wording.STATEMENT["en"]["summary"] in english_left(text, english_wording())
