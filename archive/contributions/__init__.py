"""Visitors' contributions: the forms and their checks against abuse (``forms``, ``abuse``,
``photos``), the moderators' decisions (``decisions``) and the e-mail about both (``mail``).
The model is ``archive.models.Contribution``; the admin's screens are in
``archive/admin/contributions/``, the public pages in ``archive/views/contributions.py`` and
the API's list in ``archive/api/contributions.py``."""
