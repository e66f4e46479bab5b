"""Steps around Django, DRF and Wagtail, taken for speed where a measure showed the framework's
way cost more than the rest of the work. Each gives what the framework would, and a test says so:

- :class:`.prepared.PreparedQuery`: a queryset compiled to SQL once per process, for the
  memorial page (compiling the person's query cost more than running it).
  ``tests/test_people.py::test_a_prepared_query_gives_what_its_queryset_gives``, and with the
  fields a hold keeps from the public blanked as ``public()`` blanks them,
  ``tests/test_holds.py::test_the_memorial_pages_prepared_query_blanks_held_fields_as_its_queryset_does``.
- :mod:`.related_rows`: related rows set from directories read once per content generation
  (``attach``, ``with_places``), lists handed over as ``prefetch_related`` hands them
  (``prefetched``, ``attach_lists``), for the person page and the API's people list.
  ``tests/test_related_rows.py``.
- :mod:`.cards`: the people index's cards, each rendered once per version of its person and
  kept under its token, so a page after an edit elsewhere renders none of its 50 cards again.
  ``tests/test_caching_lists.py::test_a_kept_card_is_the_template_rendered_from_the_public_row``
  (in English and Azerbaijani, with a held field and a synthetic record).
- :mod:`.letters`: the letters of the people index's A–Z bar that someone is filed under, one
  probe of the name index per letter instead of reading every family name.
  ``tests/test_public_fast_paths.py::test_the_letters_in_use_are_those_of_the_first_characters``.
- :mod:`.id_lists`: ``field__one_of=ids``, many ids sent as one value rather than a
  placeholder each, for the CSV of people's chunks of 2,000.
  ``tests/test_api_people_csv.py::test_one_of_finds_what_in_finds``.

``Place.public()`` and ``localized()`` take shortcuts inside the models' own querysets
(``tests/test_public_fast_paths.py``); the API writes records without DRF's field machinery
(:mod:`archive.api.serializers`, ``tests/test_api_writing.py``).
"""
