"""What the apps' migrations attach to each publishable table for the public's validators
(core/freshness.py, migration core.0001). Not a migration (the loader skips a name with "_")."""

from django.db import migrations


def published_table(table: str, index: str) -> migrations.RunSQL:
    """The partial index of the published rows' stamps, and the triggers that log a withdrawal and
    the deletion of a published record in ``core_public_change``; the edit of a draft is not logged."""
    return migrations.RunSQL(
        f"""
        CREATE INDEX {index} ON {table} (updated_at) WHERE is_published;
        CREATE TRIGGER {table}_public_withdrawn AFTER UPDATE ON {table} FOR EACH ROW
            WHEN (OLD.is_published AND NOT NEW.is_published) EXECUTE FUNCTION core_public_change_log();
        CREATE TRIGGER {table}_public_deleted AFTER DELETE ON {table} FOR EACH ROW
            WHEN (OLD.is_published) EXECUTE FUNCTION core_public_change_log();
        """,
        f"""
        DROP TRIGGER {table}_public_deleted ON {table};
        DROP TRIGGER {table}_public_withdrawn ON {table};
        DROP INDEX {index};
        """,
    )
