"""The adviezen modules depend one way: views → selectors and services → rules and models, and
the rules read plain values (no models). A module that imports back up the chain makes an
import cycle."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "adviezen"


def _imports(path: Path) -> set[str]:
    """The adviezen modules ``path`` imports (absolute names), at any depth of the file."""
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    package = parts[:-1]  # the package a relative import starts from (``__init__``: itself)
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("adviezen")}


def _modules(name: str) -> list[Path]:
    path = APP / name
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("rules", ("adviezen.models", "adviezen.services", "adviezen.selectors", "adviezen.views")),
        ("models", ("adviezen.rules", "adviezen.services", "adviezen.selectors")),
        ("selectors", ("adviezen.services", "adviezen.views")),
        ("services", ("adviezen.selectors", "adviezen.views")),
    ],
)
def test_no_module_imports_back_up_the_chain(layer, forbidden):
    for path in _modules(layer):
        wrong = {m for m in _imports(path) if m.startswith(forbidden)}
        assert not wrong, f"{path.relative_to(APP.parent)} imports {sorted(wrong)}"


def test_the_check_sees_relative_imports():
    assert "adviezen.rules" in _imports(APP / "services" / "ballots.py")
    assert "adviezen.services.common" in _imports(APP / "services" / "ballots.py")
    assert "adviezen.models.dossiers" in _imports(APP / "models" / "signals.py")
    assert "adviezen.services.advices" in _imports(APP / "services" / "__init__.py")
