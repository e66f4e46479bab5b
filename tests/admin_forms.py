"""Form data for posting a person through the real Wagtail admin."""

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
        "verification": "unverified",
        "visibility": "public",
        "is_synthetic": "on",
        "external_id": "",
    }
    data.update(fields)
    return nested_form_data(data)
