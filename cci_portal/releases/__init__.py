"""Bulk releases: the published registry as one versioned set of files (``manage.py publish_release``).

Each table (:mod:`cci_portal.releases.tables`) is written as CSV (UTF-8 with a byte-order mark, the
import's own columns, so a file re-imports unchanged), XLSX, JSON Lines and Parquet, beside the OC4IDS
packages in English and Chinese, a Frictionless ``datapackage.json`` describing every column
(:mod:`cci_portal.releases.datapackage`, also the data page's data dictionary) and ``SHA256SUMS``.
The files go to the storage named ``releases`` in ``STORAGES`` (a local directory unless set); the
:class:`cci_portal.models.Release` rows list them for the data page and the API.
"""
