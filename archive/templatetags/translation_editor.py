"""What the translation editor's page shows besides wagtail-localize's editor."""

from django import template

from archive.admin.translations.moderation import moderation_of

register = template.Library()

register.simple_tag(moderation_of, name="moderation_of")
