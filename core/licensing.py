"""The licence the registry's published data carries: one setting (``DATA_LICENSE``), stated on
the data page, in the API root, in the downloads and in every OC4IDS package."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class DataLicense:
    name: str
    url: str

    def link_header(self) -> str:
        """An HTTP ``Link`` header naming the licence (RFC 8288 relation ``license``)."""
        return f'<{self.url}>; rel="license"; title="{self.name}"'


def data_license() -> DataLicense:
    return DataLicense(**settings.DATA_LICENSE)
