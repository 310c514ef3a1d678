from django.db import migrations

from core.migrations._public_change import published_table

# The public's validators (core/freshness.py): the latest updated_at of the published rows, read
# from a partial index, and the change log of core.0001 for what leaves no newer stamp on a
# published row. An UPDATE that withdraws a record and a DELETE of a published one are logged;
# the edit of a draft is not. A change to the participants or milestones of a published project
# is logged as a change of the projects (statement triggers: an import's bulk insert or a COPY
# logs once).
PUBLISHABLE_TABLES = {
    "projects_project": "projects_pub_updated",
    "projects_organization": "projects_org_pub_updated",
    "projects_zone": "projects_zone_pub_updated",
    "projects_reportedfigure": "projects_figure_pub_updated",
}
PART_TABLES = ["projects_projectparticipant", "projects_milestone"]


PARTS_FUNCTION = """
CREATE FUNCTION projects_published_parts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    published_parent boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT EXISTS (
            SELECT 1 FROM new_rows JOIN projects_project p ON p.id = new_rows.project_id AND p.is_published
        ) INTO published_parent;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT EXISTS (
            SELECT 1 FROM old_rows JOIN projects_project p ON p.id = old_rows.project_id AND p.is_published
        ) INTO published_parent;
    ELSE
        SELECT EXISTS (
            SELECT 1 FROM (SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows) parts
            JOIN projects_project p ON p.id = parts.project_id AND p.is_published
        ) INTO published_parent;
    END IF;
    IF published_parent THEN
        PERFORM core_public_change_write('projects_project');
    END IF;
    RETURN NULL;
END;
$$;
"""


# Each statement's rows, as the parts function reads them.
PART_EVENTS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def part_triggers(table: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        "".join(
            f"CREATE TRIGGER {table}_public_{event} AFTER {event.upper()} ON {table} {rows} "
            "FOR EACH STATEMENT EXECUTE FUNCTION projects_published_parts_changed();"
            for event, rows in PART_EVENTS.items()
        ),
        "".join(f"DROP TRIGGER {table}_public_{event} ON {table};" for event in PART_EVENTS),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_public_change"),
        ("projects", "0011_facet_index_filters"),
    ]

    operations = [
        *(published_table(table, index) for table, index in PUBLISHABLE_TABLES.items()),
        migrations.RunSQL(PARTS_FUNCTION, "DROP FUNCTION projects_published_parts_changed();"),
        *(part_triggers(table) for table in PART_TABLES),
    ]
