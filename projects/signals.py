"""Keep each project's ``updated_at`` true to what its representation shows, and its completeness
(:mod:`projects.completeness`) true to the facts it holds.

Adding or removing a further focus area or a source changes a project's page and JSON without
saving the project, and deleting a source drops it from every project that cited it. Each such
change touches the projects concerned, so their ETags, the registry's cached aggregates and
partners' ``updated_since`` syncs all see it.

Renaming a focus area, scheme, zone or district in Chinese, or linking a further focus area from
its own side, re-indexes the Chinese names in the linked projects' search vectors
(:mod:`projects.linked_names`), so a search for the new name finds them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from projects.completeness import refresh_completeness
from projects.linked_names import LINKED_MODELS, projects_naming, reindex_linked_names
from projects.models import Milestone, Organization, Project, ProjectParticipant, Source

_CHANGES = {"post_add", "post_remove", "pre_clear", "post_clear"}


def touch_projects(project_ids) -> None:
    """The projects' ``updated_at`` moved to now, and their completeness recomputed."""
    Project.objects.filter(pk__in=project_ids).update(updated_at=timezone.now())
    refresh_completeness(Project.objects.filter(pk__in=project_ids))


@receiver(m2m_changed, sender=Project.other_focus_areas.through)
@receiver(m2m_changed, sender=Project.sources.through)
def project_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in _CHANGES:
        return
    if not reverse:
        if action != "pre_clear":
            touch_projects([instance.pk])
            if sender is Project.other_focus_areas.through:
                instance.refresh_chinese_search()
    elif action == "pre_clear":
        # A focus area or source cleared of its projects: touch them while they are still linked.
        other_side = next(field.name for field in sender._meta.fields if field.related_model is type(instance))
        instance._cleared_projects = list(
            sender.objects.filter(**{other_side: instance}).values_list("project_id", flat=True)
        )
        touch_projects(instance._cleared_projects)
    elif action == "post_clear":
        if sender is Project.other_focus_areas.through:
            reindex_linked_names(getattr(instance, "_cleared_projects", []))
    elif pk_set:
        touch_projects(pk_set)
        if sender is Project.other_focus_areas.through:
            reindex_linked_names(pk_set)


@receiver(pre_delete, sender=Source)
def source_deleting(sender, instance, **kwargs):
    instance._cited_by = [
        *instance.projects.values_list("pk", flat=True),
        *instance.milestones.values_list("project_id", flat=True),
    ]


@receiver(post_delete, sender=Source)
def source_deleted(sender, instance, **kwargs):
    touch_projects(getattr(instance, "_cited_by", []))


@receiver(post_save, sender=Project)
def project_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_completeness(Project.objects.filter(pk=instance.pk))


@receiver(post_save, sender=ProjectParticipant)
@receiver(post_delete, sender=ProjectParticipant)
@receiver(post_save, sender=Milestone)
@receiver(post_delete, sender=Milestone)
def project_link_saved(sender, instance, raw=False, **kwargs):
    """A participant or milestone written or removed: the partners' countries, the dated progress
    or the sources of its project may have changed."""
    if not raw:
        refresh_completeness(Project.objects.filter(pk=instance.project_id))


@receiver(post_save, sender=Organization)
def organization_saved(sender, instance, raw=False, **kwargs):
    """Published or unpublished, a partner's country counts or stops counting for its projects."""
    if not raw:
        refresh_completeness(Project.objects.filter(participations__organization=instance))


def linked_record_renaming(sender, instance, raw=False, **kwargs):
    """Before a focus area, scheme, zone or district is saved: the Chinese name it had."""
    if not raw and instance.pk is not None:
        instance._saved_name_zh = sender._base_manager.filter(pk=instance.pk).values_list("name_zh", flat=True).first()


def linked_record_renamed(sender, instance, created, raw=False, **kwargs):
    """A new Chinese name is in the vectors of the projects linked to it (a new record has none yet)."""
    if not raw and not created and getattr(instance, "_saved_name_zh", instance.name_zh) != instance.name_zh:
        reindex_linked_names(projects_naming(instance))


for _model in LINKED_MODELS:
    pre_save.connect(linked_record_renaming, sender=_model, dispatch_uid=f"linked_renaming_{_model.__name__}")
    post_save.connect(linked_record_renamed, sender=_model, dispatch_uid=f"linked_renamed_{_model.__name__}")
