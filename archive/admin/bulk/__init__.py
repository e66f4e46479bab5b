"""Bulk moderation: the listing actions (:mod:`.actions`) and the batch path they write through
(:mod:`.moderation`)."""
