"""Which records go through the translation workflow, and who may translate one.

People are not translated: a person's name is the same record in every language, their
memorial page's labels are translated by the interface, and at 100,000 records a translation
per person and language is neither wanted nor affordable. Leaving them out also keeps every
restricted record (only people can be restricted) out of wagtail-localize's screens, PO files
and reports, which know nothing of restriction."""

from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.permissions import user_can_edit_snippet_type

from archive.models import Person

NOT_TRANSLATED = (Person,)


def is_translated(model) -> bool:
    """Whether records of ``model`` are translated through the workflow."""
    return issubclass(model, TranslatableMixin) and not issubclass(model, NOT_TRANSLATED)


def may_translate(user, record) -> bool:
    """A translation is an edit of the record: whoever may edit it may translate it (editors
    their collections and pages, moderators also events and reported figures), given the
    translators' permission."""
    if not is_translated(type(record)) or not user.has_perm("wagtail_localize.submit_translation"):
        return False
    if isinstance(record, Page):
        return record.permissions_for_user(user).can_edit()
    return user_can_edit_snippet_type(user, type(record))
