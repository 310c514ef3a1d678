"""``manage.py index_chinese``: cut every record's Chinese text into words again, and its pinyin sort key.

``save()`` does this for each record it writes. Run it after an upgrade that adds a searchable
model, after changing the dictionary of CCI names (``settings.CHINESE_DICTIONARY_FILES``), or after
writes that skip ``save()``. No history row is written and ``updated_at`` is left as it is: the
records' content does not change.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from core.models import ChineseSearchModel

BATCH = 500


class Command(BaseCommand):
    help = "Index the Chinese words and pinyin sort keys of every searchable record again."

    def handle(self, *args, **options):
        for model in apps.get_models():
            if not issubclass(model, ChineseSearchModel):
                continue
            count, batch, fields = 0, [], []
            for record in model.chinese_index_queryset().iterator(chunk_size=BATCH):
                values = record.chinese_index_values()
                for field, value in values.items():
                    setattr(record, field, value)
                fields = list(values)
                batch.append(record)
                if len(batch) == BATCH:
                    count += self.write(model, batch, fields)
            count += self.write(model, batch, fields)
            self.stdout.write(f"{model._meta.label}: {count} indexed")

    @staticmethod
    def write(model, batch: list, fields: list[str]) -> int:
        """One UPDATE for the batch; emptied after."""
        if batch:
            model._base_manager.bulk_update(batch, fields)
        written = len(batch)
        batch.clear()
        return written
