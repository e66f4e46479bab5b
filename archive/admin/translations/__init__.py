"""The translation workflow of the admin, built on wagtail-localize (docs/translation.md).

- ``scope``: which records are translated through it (pages and every translatable record
  but people) and who may translate one.
- ``buttons``: "Translate" in snippet listings, without a query per row.
- ``guard``: wagtail-localize's admin URLs, refused for records outside the scope and for bad
  PO files.
- ``moderation``: "Submit to moderation" in the translation editor, so that a translation
  passes the workflow its original passes.
- ``sync``: a change to an original marks its translations out of date.
- ``report``: what is missing or out of date, per language.
"""
