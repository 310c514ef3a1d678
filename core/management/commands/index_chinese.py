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
            count = 0
            batch = []
            for record in model.chinese_index_queryset().iterator(chunk_size=BATCH):
                for field, value in record.chinese_index_values().items():
                    setattr(record, field, value)
                batch.append(record)
                if len(batch) == BATCH:
                    count += self.write(model, batch)
            count += self.write(model, batch)
            self.stdout.write(f"{model._meta.label}: {count} indexed")

    @staticmethod
    def write(model, batch: list) -> int:
        """One UPDATE for the batch; emptied after."""
        if batch:
            model._base_manager.bulk_update(batch, list(batch[0].chinese_index_values()))
        written = len(batch)
        batch.clear()
        return written
