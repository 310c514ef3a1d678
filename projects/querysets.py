"""QuerySets that decide what the public sees. Every public surface goes through them."""

from django.db import models


class PublishableQuerySet(models.QuerySet):
    """Records with an ``is_published`` flag: drafts stay with the staff."""

    def published(self):
        return self.filter(is_published=True)

    def drafts(self):
        return self.filter(is_published=False)

    def visible_to(self, user):
        """Published records, plus drafts for staff who may view this model (draft preview)."""
        opts = self.model._meta
        if user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            return self.all()
        return self.published()


class VocabularyQuerySet(models.QuerySet):
    """Reference lists (focus areas, schemes, districts) are public as a whole."""

    def published(self):
        return self.all()


class ProjectQuerySet(PublishableQuerySet):
    def with_list_related(self):
        """What a list of projects shows, fetched in a fixed number of queries."""
        return self.select_related("focus_area", "scheme", "zone", "district").prefetch_related("other_focus_areas")
