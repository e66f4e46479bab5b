"""Form data for posting a person or a timeline entry through the real Wagtail admin."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def person_form(**fields):
    data = {
        "family_name": "Testova",
        "given_name": "Synthetic",
        "patronymic": "",
        "name_original": "",
        "alternative_spellings": "",
        "sex": "female",
        "born": "",
        "born_precision": "day",
        "stated_age": "",
        "fate": "killed",
        "fate_date": "1992-02-26",
        "fate_date_precision": "day",
        "occupation": "",
        "biography": rich_text("<p>A synthetic test record.</p>"),
        "testimonies": inline_formset([]),
        "fate_events": inline_formset([]),
        "media": inline_formset([]),
        "verification": "unverified",
        "visibility": "public",
        "is_synthetic": "on",
        "external_id": "",
    }
    data.update(fields)
    return nested_form_data(data)


def entry_form(*, related_people=(), related_statements=(), sources=(), **fields):
    """The add or edit form of a timeline entry as the browser posts it: each chosen record
    is one more value of its field."""
    data = {
        "title": "Shelling of the town",
        "slug": "",
        "start": "1992-02-26",
        "start_precision": "day",
        "end": "",
        "end_precision": "day",
        "category": "event",
        "summary": "What happened.",
        "body": rich_text(""),
        "media": inline_formset([]),
    }
    data.update(fields)
    return {
        **nested_form_data(data),
        "related_people": [str(pk) for pk in related_people],
        "related_statements": [str(pk) for pk in related_statements],
        "sources": [str(pk) for pk in sources],
    }
