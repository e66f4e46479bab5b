"""Finding places, events, statements, timeline entries and sources by their words, in any of
the site's languages and any script.

A visitor on /ru/ types Ходжалы, on /tr/ Hocalı, on /az/ Xocalı, on /en/ Khojaly: four
spellings of one name, and the record that should be found may exist in only one language. So
words are folded as people's names are (:mod:`archive.names`: Ходжалы, Xocalı, Hocalı and
Khojaly share the key ``gojali``), each record keeps the folded words of its names and titles
in ``search_key`` (:class:`archive.models.searchable.Searchable`), and a record matches when
every word of the query starts a word of one of its public versions, in whichever language:
the versions of a record share its ``translation_key``. The record is then shown in the
reader's language where it has one (``localized()``).

A word must start a word of the record (Ходжалинская, Hocalı'da and Xocalıda all start with
Khojaly's key), because the keys are coarse: inside words, short keys would match almost
anything. Drafts and hidden versions never make a record match: the versions searched are the
model's ``public()`` ones.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.db.models import Q, QuerySet

from archive.names import fold, query_tokens


def text_keys(*texts: str | None) -> str:
    """The folded words of ``texts``, once each, space-separated, for ``search_key``."""
    return " ".join(dict.fromkeys(" ".join(fold(text or "") for text in texts).split()))


def search_records(rows: QuerySet, query: str, fields: tuple[str, ...] = ()) -> QuerySet:
    """``rows`` matching ``query``: by their versions' folded words where the model keeps them,
    otherwise by ``fields`` containing the query as typed (any case)."""
    if not hasattr(rows.model, "search_key"):
        return rows.filter(reduce(or_, (Q(**{f"{f}__icontains": query}) for f in fields), Q()))
    tokens = query_tokens(query)
    if not tokens:  # only punctuation: it would match every record
        return rows.none()
    # Asked as one query with subqueries, PostgreSQL worked out which sources are public (a
    # scan of the people's citations, 120 ms at 100,000 people) before it narrowed them to the
    # few that match. So the groups with a version holding any of the words are read first,
    # from the small table alone, and most searches, which match nothing here, end there;
    # then the groups whose public versions hold each word, among those.
    candidates = set(
        rows.model.objects.filter(reduce(or_, map(_starts_a_word, tokens))).values_list(
            "translation_key", flat=True
        )
    )
    if not candidates:
        return rows.none()
    versions = rows.model.objects.public().filter(translation_key__in=candidates)
    groups = reduce(
        and_,
        (
            set(versions.filter(_starts_a_word(token)).values_list("translation_key", flat=True))
            for token in tokens
        ),
    )
    return rows.filter(translation_key__in=groups)


def _starts_a_word(token: str) -> Q:
    return Q(search_key__startswith=token) | Q(search_key__contains=f" {token}")
