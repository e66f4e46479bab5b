"""The words of all people's name keys, in a table of their own, for typo searches (PostgreSQL).

A typo is compared with these few thousand words rather than with 100,000 name keys (pg_trgm's
own advice), then the records holding the close words are found through the name keys' index:
see archive.name_search. Triggers keep the table equal to the words of every record, whatever
its state, whoever writes the person table (the admin, the importer's bulk writes, the demo, a
restore). Inserts and deletions are handled once per statement, with transition tables, so a
bulk write of 2,000 records costs one set operation, not 2,000. Updates row by row, and only
for a row whose keys changed: publishing, unpublishing and most edits leave the names alone,
and an update trigger with transition tables would copy every updated row for nothing.

No model stands for the table: it is derived data, like a search index, so backups, restores
and ``flush`` leave it to the triggers. SQLite has no typo search and no such table."""

from django.db import migrations

STATEMENTS = (
    "CREATE TABLE archive_name_word (word text PRIMARY KEY)",
    """
CREATE FUNCTION archive_person_name_words() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before text[] := '{}';
    after text[] := '{}';
    removed text;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        before := string_to_array(OLD.name_key, ' ');
        after := string_to_array(NEW.name_key, ' ');
    ELSIF TG_OP = 'INSERT' THEN
        after := ARRAY(SELECT unnest(string_to_array(name_key, ' ')) FROM new_people);
    ELSE
        before := ARRAY(SELECT unnest(string_to_array(name_key, ' ')) FROM old_people);
    END IF;
    -- In order, so that two writers adding the same new words lock them in the same order.
    INSERT INTO archive_name_word (word)
        SELECT word FROM (SELECT unnest(after) EXCEPT SELECT unnest(before)) AS added (word)
        ORDER BY word
        ON CONFLICT DO NOTHING;
    -- A word goes when no record holds it any more (renamed or deleted), so that a name a
    -- family asked to remove is not kept here. One word at a time, each looked up in the
    -- trigram index: as one statement, the planner read the whole person table every time.
    FOR removed IN SELECT unnest(before) EXCEPT SELECT unnest(after) LOOP
        IF NOT EXISTS (
            SELECT FROM archive_person
            WHERE name_key LIKE '%%' || removed || '%%'
            AND removed = ANY(string_to_array(name_key, ' '))
        ) THEN
            DELETE FROM archive_name_word WHERE word = removed;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$
""",
    *(
        f"CREATE TRIGGER archive_person_name_words_{event.lower()} AFTER {event} ON archive_person "
        f"REFERENCING {table} FOR EACH STATEMENT EXECUTE FUNCTION archive_person_name_words()"
        for event, table in (
            ("INSERT", "NEW TABLE AS new_people"),
            ("DELETE", "OLD TABLE AS old_people"),
        )
    ),
    "CREATE TRIGGER archive_person_name_words_update AFTER UPDATE OF name_key ON archive_person "
    "FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key) "
    "EXECUTE FUNCTION archive_person_name_words()",
    # flush and restores empty the person table with TRUNCATE, which no row trigger sees.
    """
CREATE FUNCTION archive_person_name_words_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE archive_name_word;
    RETURN NULL;
END
$$
""",
    "CREATE TRIGGER archive_person_name_words_truncate AFTER TRUNCATE ON archive_person "
    "FOR EACH STATEMENT EXECUTE FUNCTION archive_person_name_words_truncated()",
    "INSERT INTO archive_name_word (word) "
    "SELECT DISTINCT unnest(string_to_array(name_key, ' ')) FROM archive_person",
    # Typos are compared with the words through this index (word % typo).
    "CREATE INDEX archive_name_word_trgm ON archive_name_word USING gin (word gin_trgm_ops)",
)

DROP_STATEMENTS = (
    *(
        f"DROP TRIGGER archive_person_name_words_{event} ON archive_person"
        for event in ("insert", "update", "delete", "truncate")
    ),
    "DROP FUNCTION archive_person_name_words()",
    "DROP FUNCTION archive_person_name_words_truncated()",
    "DROP TABLE archive_name_word",
)


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_person_name_search_and_duplicates"),
    ]

    operations = [
        migrations.RunPython(run(STATEMENTS), run(DROP_STATEMENTS)),
    ]
