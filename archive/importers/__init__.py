"""Bringing remembrance records in from spreadsheets.

Reading a file (:mod:`.csv_xlsx`), checking its rows against the documented column set
(:mod:`.columns`, :mod:`.people`) and writing the valid ones (:mod:`.saving`, with :mod:`.bulk`
and :mod:`.revisions`) are separate steps, so the same checks serve the command line and the
admin upload. Checking never imports writing; :func:`.service.import_people` runs one then the
other.
"""
