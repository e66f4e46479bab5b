"""Language-prefixed addresses, translated interface strings and the language switcher."""

import datetime
import re

import pytest
from wagtail.models import Locale, Page

from archive.models import Family, FamilyMembership, HomePage, Place, StatementPage
from archive.models import Testimony as PersonTestimony  # not collected as a test class
from tests.factories import PersonFactory, PlaceFactory


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "html_lang", "heading", "nav_label"),
    [
        ("/en/people/", "en", "People", "Timeline"),
        ("/az/people/", "az", "İnsanlar", "Xronologiya"),
        ("/tr/timeline/", "tr", "Zaman çizelgesi", "Kişiler"),
        ("/ru/figures/", "ru", "Цифры", "Люди"),
    ],
)
def test_each_language_prefix_serves_translated_headings_and_navigation(
    client, demo, path, html_lang, heading, nav_label
):
    html = client.get(path).content.decode()

    assert f'<html lang="{html_lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert re.search(rf'<nav class="site-nav"[^>]*>.*>{nav_label}</a>', html, re.S)


@pytest.mark.django_db
def test_dates_follow_the_language_and_keep_their_precision(client, demo):
    html = client.get("/ru/timeline/").content.decode()

    assert "1990-е годы" in html
    assert "1991</time>" in html and "декабрь 1991" in html  # the month in lower case
    assert "Декабрь 1991" not in html


@pytest.mark.django_db
def test_switcher_links_a_view_to_itself_in_every_language(client, demo):
    html = client.get("/tr/people/", {"fate": "killed"}).content.decode()

    switcher = html[html.index('class="languages"') :]
    for code in ("en", "az", "ru"):
        assert f'href="/{code}/people/?fate=killed" hreflang="{code}" lang="{code}"' in switcher
    assert 'href="/tr/people/?fate=killed" hreflang="tr" lang="tr" aria-current="true"' in switcher
    assert 'rel="alternate" hreflang="az" href="http://testserver/az/people/?fate=killed"' in html


NOTICE_AZ = "Bu səhifədəki mətnin bir hissəsi hələ tərcümə olunmayıb"


@pytest.mark.django_db
def test_untranslated_page_is_read_under_the_visitors_language_and_marked_as_english(client, demo):
    response = client.get("/az/statements/turkiye-mfa-2026/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="az">' in html
    assert '<h1 id="statement-title" lang="en" data-untranslated>' in html
    assert 'href="/ru/statements/turkiye-mfa-2026/" hreflang="ru"' in html
    assert 'href="/az/about/" lang="en"' in html  # the editors' page title is still English
    assert NOTICE_AZ in html.split("<main", 1)[1]  # and the page says so, in Azerbaijani


@pytest.mark.django_db
def test_untranslated_records_are_marked_as_english_where_a_page_shows_them(client, demo):
    html = client.get("/az/").content.decode()

    # The figures' label, attribution and source, and the timeline's entries.
    label = '<h3 class="figure-card__label" lang="en" data-untranslated>Civilians killed</h3>'
    assert label in html
    assert '<span lang="en" data-untranslated>Azerbaijani figures</span>' in html
    source = r'<a href="/az/sources/#source-\d+" lang="en" data-untranslated>News report'
    assert re.search(source, html)
    assert '<span lang="en" data-untranslated>Khojaly</span>' in html
    assert '<p lang="en" data-untranslated><a href="/az/timeline/#entry-' in html
    assert NOTICE_AZ in html


@pytest.mark.django_db
def test_a_linked_place_reads_in_the_visitors_language_where_it_is_translated(client, demo):
    azerbaijani = Locale.objects.get(language_code="az")
    khojaly = Place.objects.get(name="Khojaly")
    xocali = khojaly.copy_for_translation(azerbaijani)
    xocali.name = "Xocalı"
    xocali.save()
    person = PersonFactory(fate_place=khojaly, residence=PlaceFactory(name="Shusha"))

    html = client.get(f"/az/people/{person.pk}/").content.decode()

    # Karabakh and Azerbaijan are not translated, Khojaly is; the record itself has no text.
    assert f'<a href="/az/places/{xocali.pk}/">Xocalı</a>, <a href="/az/places/' in html
    assert '><span lang="en" data-untranslated>Karabakh</span></a>' in html
    assert '<span lang="en" data-untranslated>Shusha</span></a></dd>' in html
    assert NOTICE_AZ in html


@pytest.mark.django_db
def test_a_family_is_read_in_the_visitors_language_from_any_of_its_addresses(client, demo):
    person = PersonFactory(family_name="Məmmədov", given_name="Əli")
    family = Family.objects.create(name="The Mammadov family", locale=Locale.get_default())
    FamilyMembership.objects.create(family=family, person=person)
    untranslated = client.get(f"/az/families/{family.pk}/").content.decode()
    family_az = family.copy_for_translation(Locale.objects.get(language_code="az"))
    family_az.name = "Məmmədovlar ailəsi"
    family_az.save()

    translated = client.get(f"/az/families/{family.pk}/").content.decode()
    memorial = client.get(f"/az/people/{person.pk}/").content.decode()

    assert '<h1 id="family-name" lang="en" data-untranslated>' in untranslated
    assert NOTICE_AZ in untranslated
    assert '<h1 id="family-name"><bdi lang="az">Məmmədovlar ailəsi</bdi></h1>' in translated
    assert NOTICE_AZ not in translated
    # Both versions list the person; the memorial page names the family once, translated.
    assert memorial.count("ailəsi</bdi></a>") == 1
    assert f'href="/az/families/{family_az.pk}/"' in memorial


@pytest.mark.django_db
def test_switcher_leads_to_the_translation_once_a_page_is_translated(client, demo):
    azerbaijani = Locale.objects.get(language_code="az")
    home = HomePage.objects.get(locale=Locale.get_default())
    home_az = home.copy_for_translation(azerbaijani)
    home_az.save_revision().publish()
    index_az = home.get_children().get(slug="statements").specific.copy_for_translation(azerbaijani)
    index_az.save_revision().publish()
    statement = StatementPage.objects.get(slug="turkiye-mfa-2026")
    statement_az = statement.copy_for_translation(azerbaijani)
    statement_az.title = "Türkiyə XİN-in bəyanatı"
    statement_az.save_revision().publish()

    english = client.get("/en/statements/turkiye-mfa-2026/").content.decode()
    translated = client.get(Page.objects.get(pk=statement_az.pk).url).content.decode()

    assert f'href="{statement_az.url}" hreflang="az"' in english
    assert "Türkiyə XİN-in bəyanatı" in translated
    assert 'lang="en"' not in translated.split("<main", 1)[1].split("</h1>", 1)[0]


@pytest.mark.django_db
def test_a_name_in_cyrillic_is_marked_with_its_language(client):
    person = PersonFactory(family_name="Əliyev", given_name="Tofiq", name_original="Алиев Тофик")

    html = client.get(person.get_absolute_url()).content.decode()

    assert '<h1 id="person-name"><bdi lang="az">Tofiq Əliyev</bdi></h1>' in html
    assert '<dd><bdi lang="ru">Алиев Тофик</bdi></dd>' in html


@pytest.mark.django_db
def test_a_testimony_date_reads_as_a_date_in_russian(client):
    person = PersonFactory()
    PersonTestimony.objects.create(person=person, text="…", given_on=datetime.date(2000, 1, 2))

    html = client.get(f"/ru/people/{person.pk}/").content.decode()

    assert '<time datetime="2000-01-02">2 января 2000</time>' in html  # not "2 Январь 2000"


@pytest.mark.django_db
def test_people_are_filtered_by_a_place_named_in_the_visitors_language(client, demo):
    khojaly = Place.objects.get(name="Khojaly")
    xocali = khojaly.copy_for_translation(Locale.objects.get(language_code="az"))
    xocali.name = "Xocalı"
    xocali.save()
    person = PersonFactory(fate_place=khojaly)
    PersonFactory(fate_place=PlaceFactory(name="Shusha"))

    offered = client.get("/az/people/").content.decode()
    listed = client.get("/az/people/", {"place": khojaly.pk}).content.decode()

    # The place people name is offered under its Azerbaijani name, within the places it lies
    # in (untranslated here), and finds them.
    karabakh = khojaly.parent
    assert f'<option value="{karabakh.pk}">\u2003Karabakh</option>' in offered
    assert f'<option value="{khojaly.pk}">\u2003\u2003Xocalı</option>' in offered
    assert f'href="/az/people/{person.pk}/"' in listed
    assert listed.count('class="person-card"') == 1
