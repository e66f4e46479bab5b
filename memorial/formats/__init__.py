"""How each language writes numbers and dates on the site (settings.FORMAT_MODULE_PATH).

Each ``<language>/formats.py`` overrides only what Django's own formats for the language get
wrong for this archive; everything else comes from Django. The month names themselves, whose
case Django's catalogues get wrong for Azerbaijani and Russian, are corrected in
``month_names/`` (a catalogue in settings.LOCALE_PATHS)."""
