"""The house rules of the code, read from the source: imports run one way, modules stay small."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Which apps each layer may import: core ← projects ← news ← cci_portal.
MAY_IMPORT = {
    "core": {"core"},
    "projects": {"core", "projects"},
    "news": {"core", "projects", "news"},
    "cci_portal": {"core", "projects", "news", "cci_portal"},
}
MAX_MODULE_LINES = 400


def _python_files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def _imported_apps(path: Path) -> set[str]:
    """The apps a module imports, at its top or inside a function."""
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        apps.update(name.split(".")[0] for name in names if name.split(".")[0] in MAY_IMPORT)
    return apps


@pytest.mark.parametrize("layer", list(MAY_IMPORT))
def test_no_module_imports_a_layer_above_its_own(layer):
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) - MAY_IMPORT[layer]) for path in _python_files(layer)
    }
    assert {module: apps for module, apps in wrong.items() if apps} == {}


def test_the_import_check_sees_imports_inside_functions_too(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from core.search import has_cjk\n\n\ndef late():\n    from cci_portal import roles\n")
    assert _imported_apps(module) == {"core", "cci_portal"}


def test_no_module_outside_migrations_and_fixtures_is_over_400_lines():
    folders = [*MAY_IMPORT, "tests", "benchmarks"]
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _python_files(*folders)
        if "migrations" not in path.parts and "fixtures" not in path.parts
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}
