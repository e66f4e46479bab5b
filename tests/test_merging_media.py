"""Merging two records of one person carries the removed record's photos and documents to the
kept one, and the stricter record's privacy seals them (archive/merging.py,
archive/media_files.py)."""

import pytest

from archive.media_files import is_sealed
from archive.merging import merge_people
from archive.models import Person, PersonMedia
from tests.factories import DocumentedPersonFactory
from tests.test_record_media import attach, new_image, published_addresses, stored_path

pytestmark = pytest.mark.django_db

REASON = "Both records name the same man, per the 1993 list."


@pytest.fixture
def removed_with_photo(commits):
    with commits():
        removed = DocumentedPersonFactory(family_name="Mamedov", given_name="Rauf")
        attach(PersonMedia, removed, image=new_image(), caption="The scan the family lent")
    return removed


def test_a_photo_merged_into_a_restricted_record_is_sealed(
    client, removed_with_photo, commits, moderator
):
    assert published_addresses(client, removed_with_photo)
    image = PersonMedia.objects.get(person=removed_with_photo).image
    shown_files = [stored_path(image.file.name)] + [
        stored_path(rendition.file.name) for rendition in image.renditions.all()
    ]
    assert len(shown_files) > 1 and all(path.exists() for path in shown_files)
    with commits():
        kept = DocumentedPersonFactory(
            family_name="Mammadov", given_name="Rauf", visibility=Person.Visibility.RESTRICTED
        )

    with commits():
        merge_people(kept, removed_with_photo, choices={}, reason=REASON, user=moderator)

    image = PersonMedia.objects.get(person=kept).image
    assert is_sealed(image.file.name)
    assert not any(path.exists() for path in shown_files)
