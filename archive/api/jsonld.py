"""The API's records as schema.org linked data (``?format=jsonld``).

Each function reads the JSON representation of one record (what the serializers produce) and
describes it with schema.org terms, so the linked data can never show more than the JSON does.
Dates keep their known precision: "1992-02" means February 1992, "199X" the 1990s (EDTF)."""

from collections.abc import Callable

CONTEXT = "https://schema.org"
SYNTHETIC_NOTE = "Synthetic record: generated for demonstration, it describes no real person."

Describe = Callable[[dict], dict]


def document(data: dict, describe: Describe, language: str | None = None) -> dict:
    """A whole response: one record, or a page of records as an ItemList, its text in
    ``language`` but for records that fall back to their original's (they say in which)."""
    if "results" in data:
        body = {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "item": _node(record, describe)}
                for position, record in enumerate(data["results"], start=1)
            ],
        }
        if "count" in data:
            body["numberOfItems"] = data["count"]
    else:
        body = describe(data)
        language = _fallback_language(data) or language
    context = [CONTEXT, {"@language": language}] if language else CONTEXT
    return _pruned({"@context": context, **body})


def _fallback_language(record: dict) -> str | None:
    return record["locale"] if record.get("fallback") and record.get("locale") else None


def _node(record: dict, describe: Describe) -> dict:
    language = _fallback_language(record)
    described = describe(record)
    return {"@context": {"@language": language}, **described} if language else described


def _pruned(value):
    """Without empty values: linked data states what is known and leaves out the rest."""
    if isinstance(value, dict):
        pruned = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in map(_pruned, value) if item not in (None, "", [], {})]
    return value


def _date(value: dict | None) -> str | None:
    return value["value"] if value else None


def _identified(record: dict) -> dict:
    """A record's identity: its public page where it has one (what people and search engines
    link to), and its address in the API as the same thing seen as data."""
    page = record.get("page_url")
    return {"@id": page or record["url"], "url": page, "sameAs": record["url"] if page else None}


def _ref(summary: dict | None, schema_type: str) -> dict | None:
    if not summary:
        return None
    ref = {
        "@type": schema_type,
        "@id": summary.get("page_url") or summary["url"],
        "name": summary.get("name") or summary.get("title"),
    }
    if summary.get("is_synthetic"):  # a person named inside another record
        ref["disambiguatingDescription"] = SYNTHETIC_NOTE
    return ref


def place(record: dict) -> dict:
    geo = None
    if record["latitude"] is not None and record["longitude"] is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": record["latitude"],
            "longitude": record["longitude"],
        }
    return {
        "@type": "Place",
        **_identified(record),
        "name": record["name"],
        "alternateName": record["alternative_names"],
        "containedInPlace": _ref(record["parent"], "Place"),
        "geo": geo,
        "inLanguage": record["locale"],
    }


def person(record: dict) -> dict:
    dead = record["fate"] in ("killed", "died_of_wounds")
    described = {
        "@type": "Person",
        **_identified(record),
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "public_id",
            "value": record["public_id"],
            "url": record["permalink"],
        },
        "name": record["name"],
        "givenName": record["given_name"],
        "familyName": record["family_name"],
        "additionalName": record["patronymic"],
        "alternateName": [record["name_original"], *record["alternative_spellings"]],
        "gender": {"female": "https://schema.org/Female", "male": "https://schema.org/Male"}.get(
            record["sex"]
        ),
        "birthDate": _date(record["born"]),
        "birthPlace": _ref(record["birth_place"], "Place"),
        "homeLocation": _ref(record["residence"], "Place"),
        "deathDate": _date(record["fate_date"]) if dead else None,
        "deathPlace": _ref(record["fate_place"], "Place") if dead else None,
        "hasOccupation": {"@type": "Occupation", "name": record["occupation"]}
        if record["occupation"]
        else None,
        "description": record["fate_label"],
        "subjectOf": [_ref(source, "CreativeWork") for source in record["sources"]],
        "additionalProperty": {
            "@type": "PropertyValue",
            "propertyID": "is_synthetic",
            "value": record["is_synthetic"],
        },
    }
    if record["is_synthetic"]:
        described["disambiguatingDescription"] = SYNTHETIC_NOTE
    return described


def family(record: dict) -> dict:
    return {
        "@type": "ItemList",
        **_identified(record),
        "name": record["name"],
        "itemListElement": [
            _ref(member["person"], "Person") | {"roleName": member["relationship_label"]}
            for member in record["members"]
        ],
    }


def event(record: dict) -> dict:
    return {
        "@type": "Event",
        **_identified(record),
        "name": record["name"],
        "startDate": _date(record["start"]),
        "endDate": _date(record["end"]),
        "location": _ref(record["place"], "Place"),
        "description": record["summary"],
        "inLanguage": record["locale"],
    }


def timeline_entry(record: dict) -> dict:
    return {
        "@type": "Event",
        **_identified(record),
        "name": record["title"],
        "startDate": _date(record["start"]),
        "endDate": _date(record["end"]),
        "location": _ref(record["place"], "Place"),
        "superEvent": _ref(record["event"], "Event"),
        "description": record["summary"],
        "subjectOf": [_ref(statement, "CreativeWork") for statement in record["related_statements"]]
        + [_ref(source, "CreativeWork") for source in record["sources"]],
        "inLanguage": record["locale"],
    }


def statement(record: dict) -> dict:
    issuer = record["issuer"]
    return {
        "@type": "CreativeWork",
        **_identified(record),
        "name": record["title"],
        "genre": record["kind_label"],
        "author": {
            "@type": "Organization",
            "name": issuer["name"],
            "address": {"@type": "PostalAddress", "addressCountry": issuer["country"]}
            if issuer["country"]
            else None,
        },
        "dateCreated": _date(record["issued"]),
        "abstract": record["summary"],
        "about": [_ref(related, "Event") for related in record["related_events"]],
        "citation": [_ref(source, "CreativeWork") for source in record["sources"]],
        "inLanguage": record["locale"],
    }


def source(record: dict) -> dict:
    return {
        "@type": "CreativeWork",
        **_identified(record),
        "name": record["title"],
        "genre": record["kind_label"],
        "publisher": {"@type": "Organization", "name": record["publisher"]}
        if record["publisher"]
        else None,
        "author": {"@type": "Person", "name": record["author"]} if record["author"] else None,
        "url": record["web_address"],
        "datePublished": _date(record["published"]),
        "inLanguage": record["language"],
    }


def figure(record: dict) -> dict:
    """A reported figure is a claim, credited to whoever gives it and found in its source."""
    return {
        "@type": "Claim",
        **_identified(record),
        "name": record["label"],
        "text": f"{record['label']}: {record['qualified_value']}",
        "creditText": record["attributed_to"],
        "appearance": _ref(record["source"], "CreativeWork"),
        "about": _ref(record["event"], "Event"),
        "dateCreated": _date(record["as_of"]),
        "inLanguage": record["locale"],
    }
