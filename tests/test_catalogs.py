"""Every interface string is in the Chinese catalog, translated, with its placeholders and Chinese punctuation.

The strings are read from the source the way ``makemessages`` finds them, in Python alone: templates go
through Django's own ``templatize`` (what ``makemessages`` hands to xgettext) and the calls it writes are
read with :mod:`tokenize`; Python modules are read with :mod:`ast`, with the keywords ``makemessages``
gives xgettext. So a fresh machine without GNU gettext runs this test, and it finds the same msgids.
"""

import ast
import gettext
import io
import re
import tokenize
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "projects", "news", "cci_portal")
PO_PATH = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
TEMPLATE_SUFFIXES = {".html", ".txt"}

# name -> (context argument, msgid argument, plural argument): xgettext's Python keywords plus the
# ones makemessages adds (gettext_noop, gettext_lazy, ngettext_lazy, pgettext*, npgettext*).
KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}

# Strings a page of ours shows from a third-party template whose own Chinese catalog lacks them; the
# project catalog supplies them (LOCALE_PATHS comes first). makemessages does not find them: keep them.
BORROWED = {
    (None, "Changes"): "simple_history/templates/simple_history/object_history_list.html, the admin history",
}

# Model labels that are not marked for translation on purpose: the primary key Django adds, and the
# parent key of an inline row, which the admin never shows.
UNMARKED_LABELS = {"id", "projectparticipant.project", "milestone.project"}

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CHINESE_PUNCTUATION = "\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2026\u2014"  # and quotes, …, —
PRINTF = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
BRACE = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")
# A sentence of Chinese (or a placeholder standing for one) that ends in an ASCII stop: "按重点领域. 项目".
ASCII_STOP = re.compile(rf"(?:[{CJK}{CHINESE_PUNCTUATION}]|%\(\w+\)s|\{{\w*\}})[.!?](?=\s|$)")
# ASCII comma, semicolon or colon after Chinese, before more text: "航空: 2", "项目,新闻". A colon between
# two words with no space is a format the reader types ("机构网址标识:角色", "<用户名:密码>"), not a pause.
ASCII_PAUSE = re.compile(rf"[{CJK}](?:[,;:](?=\s+\S)|[,;](?=[{CJK}]))")


def _message(context, msgid, plural=None):
    return (context, msgid, plural)


def _string_value(node):
    """The text of a literal (or literals joined by ``+``); None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string_value(node.left), _string_value(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _python_messages(path: Path) -> dict:
    """(context, msgid, plural) -> where, for every translation call with literal arguments."""
    found = {}
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name not in KEYWORDS:
            continue
        context_at, msgid_at, plural_at = KEYWORDS[name]
        args = [_string_value(arg) for arg in node.args]
        needed = [i for i in (context_at, msgid_at, plural_at) if i is not None]
        if len(args) <= max(needed) or any(args[i] is None for i in needed):
            continue
        key = _message(
            args[context_at] if context_at is not None else None,
            args[msgid_at],
            args[plural_at] if plural_at is not None else None,
        )
        found.setdefault(key, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _template_messages(path: Path) -> dict:
    """The same, for a template: templatize writes gettext(...) calls, read back here token by token."""
    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found = {}
    tokens = []
    for lineno, line in enumerate(source.splitlines(), start=1):
        # A call and its literals stay on one line (templatize writes repr()s), so each line is read on
        # its own, unindented: the blanked-out text around the calls is no Python.
        for token in tokenize.generate_tokens(io.StringIO(line.lstrip()).readline):
            if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.ENDMARKER):
                tokens.append(token._replace(start=(lineno, token.start[1])))
    for i, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string not in KEYWORDS:
            continue
        if i + 1 >= len(tokens) or tokens[i + 1].string != "(":
            continue
        args, j = [], i + 2
        while j < len(tokens) and tokens[j].string != ")":
            if tokens[j].type == tokenize.STRING:
                args.append(ast.literal_eval(tokens[j].string))
            elif tokens[j].string != ",":
                args.append(None)  # a variable (the count of a plural, a filter's argument)
            j += 1
        context_at, msgid_at, plural_at = KEYWORDS[token.string]
        needed = [k for k in (context_at, msgid_at, plural_at) if k is not None]
        if len(args) <= max(needed) or any(not isinstance(args[k], str) for k in needed):
            continue
        key = _message(
            args[context_at] if context_at is not None else None,
            args[msgid_at],
            args[plural_at] if plural_at is not None else None,
        )
        found.setdefault(key, f"{path.relative_to(ROOT)}:{token.start[0]}")
    return found


def _source_files():
    folders = [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]
    templates = sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file())
    python = sorted(p for app in APPS for p in (ROOT / app).rglob("*.py"))
    return [p for p in templates if p.suffix in TEMPLATE_SUFFIXES], python


def project_messages() -> dict:
    """Every translatable string of the project: (context, msgid, plural) -> its first place."""
    templates, python = _source_files()
    found = {}
    for path in python:
        for key, where in _python_messages(path).items():
            found.setdefault(key, where)
    for path in templates:
        for key, where in _template_messages(path).items():
            found.setdefault(key, where)
    return found


@pytest.fixture(scope="module")
def catalog():
    return polib.pofile(str(PO_PATH), check_for_duplicates=True)


def _translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_the_extraction_finds_the_strings_of_templates_and_python():
    found = project_messages()
    assert (None, "CCI Portal administration", None) in found  # gettext_lazy as _, in cci_portal/admin.py
    assert (None, "Statistics", None) in found  # {% translate %} in templates/stats.html
    assert ("timeline event", "Signed", None) in found  # pgettext, in projects/selectors.py
    assert (None, "Revoked %(count)d API key.", "Revoked %(count)d API keys.") in found  # ngettext
    assert any(msgid.startswith("Why the two differ: official figures") for _, msgid, _ in found)  # trimmed
    assert len(found) > 400


def test_every_interface_string_has_a_chinese_translation(catalog):
    entries = {(entry.msgctxt, entry.msgid): entry for entry in catalog if not entry.obsolete}
    wanted = {(context, msgid): where for (context, msgid, _plural), where in project_messages().items()}
    wanted.update(BORROWED)
    missing = [
        f"{where}: {msgid!r}" + (f" (context {context!r})" if context else "")
        for (context, msgid), where in sorted(wanted.items(), key=lambda item: item[1])
        if (context, msgid) not in entries or not _translated(entries[(context, msgid)])
    ]
    assert not missing, f"{len(missing)} strings without a Chinese translation in {PO_PATH.name}:\n" + "\n".join(
        missing
    )


def test_every_translation_keeps_the_placeholders_of_its_msgid(catalog):
    wrong = []
    for entry in catalog.translated_entries():
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        printf = Counter(PRINTF.findall(entry.msgid)) if "%" in entry.msgid else Counter()
        brace = Counter(BRACE.findall(entry.msgid)) if "python-brace-format" in entry.flags else None
        for text in _translations(entry):
            if Counter(PRINTF.findall(text)) != printf and not entry.msgid_plural:
                wrong.append(f"{entry.msgid!r} -> {text!r}: printf placeholders differ")
            elif entry.msgid_plural and set(PRINTF.findall(text)) - set().union(*map(PRINTF.findall, sources)):
                wrong.append(f"{entry.msgid!r} -> {text!r}: a placeholder the msgid does not have")
            if brace is not None and Counter(BRACE.findall(text)) != brace:
                wrong.append(f"{entry.msgid!r} -> {text!r}: brace placeholders differ")
    assert not wrong, "\n".join(wrong)


def test_chinese_sentences_end_with_chinese_punctuation(catalog):
    wrong = [
        f"{entry.msgid!r} -> {text!r}"
        for entry in catalog.translated_entries()
        for text in _translations(entry)
        if ASCII_STOP.search(text) or ASCII_PAUSE.search(text)
    ]
    assert not wrong, "ASCII punctuation after Chinese (write the full-width forms):\n" + "\n".join(wrong)


def test_the_catalog_has_no_fuzzy_entry_and_the_compiled_catalog_is_current(catalog):
    assert not [entry.msgid for entry in catalog.fuzzy_entries()]
    mo_path = PO_PATH.with_suffix(".mo")
    assert mo_path.exists(), "no compiled catalog: run python -m cci_portal.catalogs"
    with mo_path.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)._catalog
    expected = {}
    for entry in catalog.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            expected.update({(key, int(n)): text for n, text in entry.msgstr_plural.items()})
        else:
            expected[key] = entry.msgstr
    compiled = {key: text for key, text in compiled.items() if key != ""}  # "" is the header
    assert compiled == expected, f"{mo_path.name} is older than {PO_PATH.name}: run python -m cci_portal.catalogs"


def _model_labels():
    """Every label the admin and the pages show of a model: its names, fields, help texts and choices."""
    for app in APPS:
        config = apps.get_app_config(app)
        yield app, config.verbose_name
        for model in config.get_models():
            if model.__name__.startswith("Historical"):  # django-simple-history's copies
                continue
            name = model._meta.model_name
            yield name, model._meta.verbose_name
            yield f"{name} (plural)", model._meta.verbose_name_plural
            for field in model._meta.get_fields():
                if (field.auto_created and not field.concrete) or f"{name}.{field.name}" in UNMARKED_LABELS:
                    continue
                if field.name == "id" or not getattr(field, "editable", True):
                    continue
                yield f"{name}.{field.name}", field.verbose_name
                if field.help_text:
                    yield f"{name}.{field.name} (help)", field.help_text
                for _value, label in field.flatchoices or []:
                    yield f"{name}.{field.name} = {_value}", label


def test_every_model_label_is_marked_for_translation_and_reads_in_chinese():
    unmarked = [f"{where}: {label!r}" for where, label in _model_labels() if not isinstance(label, Promise)]
    with translation.override("zh-hans"):
        english = [f"{where}: {label!s}" for where, label in _model_labels() if not re.search(f"[{CJK}]", str(label))]
    assert not unmarked, "labels not marked for translation (gettext_lazy):\n" + "\n".join(unmarked)
    assert not english, "labels that read in English on a Chinese page:\n" + "\n".join(english)
