"""The linked names in a project's Chinese search vector, kept true when a linked record is renamed.

A project's ``search_vector_zh`` holds, at weight D, the Chinese names of its focus area, scheme,
zone, district and further focus areas (:meth:`projects.models.Project.chinese_search_texts`).
Renaming one of those records saves no project, so :func:`reindex_linked_names` rewrites that part
of every linked project in one UPDATE: the project's own words (weights A to C) are kept as they are
(``ts_filter``), and the names are cut into words here, once per linked record, since PostgreSQL
cannot segment Chinese. The result is the vector ``save()`` would write (the same words at the
same positions), without reading or segmenting any project's own texts.
"""

from django.db import connection

from core.chinese import index_words
from projects.models import District, FocusArea, Project, Scheme, Zone

# The vocabularies whose Chinese names a project's vector holds: the project's column, and the model.
LINKED = {"focus_area_id": FocusArea, "scheme_id": Scheme, "zone_id": Zone, "district_id": District}
LINKED_MODELS = tuple(dict.fromkeys(LINKED.values()))


def _name_words(model, ids) -> tuple[list[int], list[str]]:
    """The records' ids and the index words of their Chinese names, as two arrays for ``unnest``."""
    rows = model._base_manager.filter(pk__in=ids).exclude(name_zh="").values_list("pk", "name_zh")
    pairs = [(pk, index_words(name)) for pk, name in rows]
    return [pk for pk, _ in pairs], [words for _, words in pairs]


def reindex_linked_names(project_ids) -> int:
    """Index the linked Chinese names of these projects again; returns how many were rewritten.

    Projects never indexed (no vector: written around ``save()``) are left to ``manage.py index_chinese``.
    """
    project_ids = list(project_ids)
    if not project_ids:
        return 0
    projects = Project._base_manager.filter(pk__in=project_ids)
    through = Project.other_focus_areas.through
    linked_ids = {column: set(projects.values_list(column, flat=True)) - {None} for column in LINKED}
    linked_ids["focus_area_id"] |= set(
        through.objects.filter(project_id__in=project_ids).values_list("focusarea_id", flat=True)
    )
    params = {}
    for column, model in LINKED.items():
        params[f"{column}_ids"], params[f"{column}_words"] = _name_words(model, linked_ids[column])
    params["project_ids"] = project_ids

    def name_of(column: str, alias: str) -> str:
        return (
            f"(SELECT m.words FROM unnest(%({column}_ids)s::bigint[], %({column}_words)s::text[]) AS m(id, words)"
            f" WHERE m.id = {alias}.{column})"
        )

    focus_area = FocusArea._meta.db_table
    # The further focus areas in their model's order, as other_focus_areas.all() gives them.
    other_areas = (
        "(SELECT string_agg(m.words, ' ' ORDER BY area.position, area.code)"
        f" FROM {through._meta.db_table} AS link JOIN {focus_area} AS area ON area.id = link.focusarea_id"
        " JOIN unnest(%(focus_area_id_ids)s::bigint[], %(focus_area_id_words)s::text[]) AS m(id, words)"
        " ON m.id = link.focusarea_id WHERE link.project_id = p.id)"
    )
    names = ", ".join([*(name_of(column, "p") for column in LINKED), other_areas])
    sql = (
        f"UPDATE {Project._meta.db_table} AS p SET search_vector_zh ="
        " ts_filter(p.search_vector_zh, '{a,b,c}')"
        f" || setweight(to_tsvector('simple', concat_ws(' ', {names})), 'D')"
        " WHERE p.id = ANY(%(project_ids)s) AND p.search_vector_zh IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def projects_naming(record) -> list[int]:
    """The projects whose Chinese vector holds ``record``'s name: linked, or (a focus area) as a further one."""
    column = next(column for column, model in LINKED.items() if isinstance(record, model))
    ids = set(Project._base_manager.filter(**{column: record.pk}).values_list("pk", flat=True))
    if isinstance(record, FocusArea):
        ids |= set(record.secondary_projects.values_list("pk", flat=True))
    return sorted(ids)
