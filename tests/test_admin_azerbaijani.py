"""The admin in Azerbaijani: Wagtail's own labels come from locale/wagtail/ (its az_AZ catalogue
leaves most of them in English), and every catalogue the archive ships is complete and compiled."""

import gettext
import re
from pathlib import Path

import django.contrib.auth
import polib
import pytest
import wagtail
from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from archive.models import Person
from tests.factories import PersonFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = [
    LOCALE / "az/LC_MESSAGES/django.po",
    LOCALE / "tr/LC_MESSAGES/django.po",
    LOCALE / "ru/LC_MESSAGES/django.po",
    LOCALE / "wagtail/az/LC_MESSAGES/django.po",
    LOCALE / "wagtail/az/LC_MESSAGES/djangojs.po",
]
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: str(path.relative_to(LOCALE)))
def test_catalogue_is_complete_keeps_placeholders_and_its_mo_is_current(po_path):
    catalogue = polib.pofile(str(po_path))
    compiled = gettext.GNUTranslations(po_path.with_suffix(".mo").open("rb"))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    for entry in catalogue.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for form, text in entry.msgstr_plural.items():
                source = entry.msgid if form == 0 else entry.msgid_plural
                # A singular form may say "1" where the English says %(count)s; never more.
                assert set(placeholders(text)) <= set(placeholders(entry.msgid_plural)), text
                assert compiled._catalog[(key, form)] == text, source
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid
            assert compiled._catalog[key] == entry.msgstr, entry.msgid


def english_msgids(package, domain):
    """Every (context, msgid) in the English catalogues shipped inside ``package``."""
    root = Path(package.__file__).parent
    return {
        (entry.msgctxt, entry.msgid)
        for po_path in root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")
        for entry in polib.pofile(str(po_path))
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_string_translated_is_still_one_wagtail_or_django_uses(domain):
    """After a Wagtail upgrade, a reworded label would silently fall back to English."""
    known = english_msgids(wagtail, domain) | english_msgids(django.contrib.auth, domain)
    catalogue = polib.pofile(str(LOCALE / f"wagtail/az/LC_MESSAGES/{domain}.po"))

    assert [e.msgid for e in catalogue if (e.msgctxt, e.msgid) not in known] == []


# Wagtail's labels on the main admin screens, and what an Azerbaijani editor reads instead.
LABELS = {
    "dashboard": {
        "Skip to main content": "Əsas məzmuna keç",
        "Log out": "Hesabdan çıx",
        "Toggle sidebar": "Yan paneli aç/bağla",
    },
    "listing": {
        "Show filters": "Süzgəcləri göstər",
        "Select all": "Hamısını seç",
        "Pagination": "Səhifələmə",
    },
    "edit": {
        "Save draft": "Qaralamanı yadda saxla",
        "Toggle side panel": "Yan paneli aç/bağla",
        "Preview": "Önizləmə",
        "History": "Tarixçə",
    },
    "history": {"Date from": "Bu tarixdən", "Filter by": "Süzgəc"},
    "usage": {"Usage": "İstifadə"},
}


@pytest.mark.django_db
def test_the_main_admin_screens_show_wagtails_labels_in_azerbaijani(editor_client, editor):
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "az"})
    person = PersonFactory(visibility=Person.Visibility.PUBLIC)
    person.save_revision(user=editor, log_action=True)
    snippet = "wagtailsnippets_archive_person"
    screens = {
        "dashboard": reverse("wagtailadmin_home"),
        "listing": reverse(f"{snippet}:list"),
        "edit": reverse(f"{snippet}:edit", args=[person.pk]),
        "history": reverse(f"{snippet}:history", args=[person.pk]),
        "usage": reverse(f"{snippet}:usage", args=[person.pk]),
    }

    shown = {}
    for screen, url in screens.items():
        response = editor_client.get(url)
        assert response.status_code == 200, url
        # The sidebar's labels are in JSON, with non-ASCII letters escaped.
        html = JSON_ESCAPE.sub(lambda match: chr(int(match[1], 16)), response.content.decode())
        shown[screen] = {
            english: (azerbaijani in html, f">{english}<" in html or f'"{english}"' in html)
            for english, azerbaijani in LABELS[screen].items()
        }

    expected = {screen: dict.fromkeys(labels, (True, False)) for screen, labels in LABELS.items()}
    assert shown == expected


@pytest.mark.django_db
def test_the_admin_scripts_get_wagtails_strings_in_azerbaijani(editor_client, editor):
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "az"})

    response = editor_client.get(reverse("wagtailadmin_javascript_catalog"))
    catalogue = JSON_ESCAPE.sub(lambda match: chr(int(match[1], 16)), response.content.decode())

    assert '"Add a comment": "Şərh əlavə et"' in catalogue
    assert '"Toggle sidebar": "Yan paneli aç/bağla"' in catalogue


@pytest.mark.django_db
def test_the_sign_in_page_in_azerbaijani_has_wagtails_labels_and_a_dotted_capital_i(client):
    html = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="az").content.decode()

    assert "Wagtail-ə daxil olun" in html and "Sign in to Wagtail" not in html
    assert "İstifadəçi adı" in html and "Istifadəçi" not in html
