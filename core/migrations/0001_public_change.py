from django.db import migrations

# The public's validators (core/freshness.py) read the latest updated_at of the published rows
# of a table. What leaves no newer stamp on a published row (a record withdrawn or deleted, a
# change to the parts of a published record) is written here by triggers, whoever writes: the
# admin, the API, an import, raw SQL. A draft's edits are never written, so nothing tells an
# outsider that unpublished work is going on. Append-only; MAX(changed_at) of a table is one
# probe of the index, whatever the number of rows. Each app's migrations attach the triggers to
# its publishable tables (projects.0012, news.0005).
CREATE = """
CREATE TABLE core_public_change (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX core_public_change_latest ON core_public_change (table_name, changed_at);

-- One row per table and statement: a bulk withdrawal of ten thousand records writes one.
CREATE FUNCTION core_public_change_write(logged_table text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    flag text := 'core_public_change.' || logged_table;
    statement text := pg_current_xact_id()::text || '@' || statement_timestamp()::text;
BEGIN
    IF current_setting(flag, true) IS DISTINCT FROM statement THEN
        INSERT INTO core_public_change (table_name) VALUES (logged_table);
        PERFORM set_config(flag, statement, true);
    END IF;
END;
$$;

-- A trigger's row left the published records: log the table it fires on.
CREATE FUNCTION core_public_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM core_public_change_write(TG_TABLE_NAME);
    RETURN NULL;
END;
$$;
"""
DROP = """
DROP FUNCTION core_public_change_log();
DROP FUNCTION core_public_change_write(text);
DROP TABLE core_public_change;
"""


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.RunSQL(CREATE, DROP)]
