"""The structure a newcomer can change safely, checked on the source (docs/architecture.md,
"Structure rules"):

(a) no first-party module over 400 lines: a larger one becomes a package by concern;
(b) no import cycles between first-party modules: every import counts, at the top of a module
    or inside a function (a function-level import only hides a cycle, it does not remove it);
(c) every ``rules.py`` is pure: neither it nor any first-party module it imports, however
    indirectly, imports ``django.db`` or a ``models`` module.

First party: every top-level package of the repository except ``tests`` and ``bench``.
Migrations are generated and left out of (a). ``bench/`` is left out: it is a benchmark script
run by hand (``make bench``), never imported by the app, read top to bottom as one scenario.

The modules and cycles that break a rule today are in ``KNOWN_EXCEPTIONS``; other engineers are
removing them right now. Nothing may be added to it. An entry that no longer applies fails the
test too, so the list is emptied as the fixes land.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_FIRST_PARTY = {"tests", "bench"}
MAX_LINES = 400

KNOWN_EXCEPTIONS: dict[str, set] = {
    # (a) modules over MAX_LINES lines, each becoming a package by concern
    "too_long": {
        "adviezen/selectors.py",
    },
    # (b) import cycles, each as the set of modules that import one another
    "cycles": set(),
    # (c) rules modules that reach the database: none
    "impure_rules": set(),
}


# --- reading the source ---------------------------------------------------------------------


def _packages() -> list[str]:
    return sorted(
        p.name
        for p in ROOT.iterdir()
        if (p / "__init__.py").is_file() and p.name not in NOT_FIRST_PARTY
    )


@cache
def modules() -> dict[str, Path]:
    """Every first-party module by dotted name (a package by its ``__init__.py``)."""
    found = {}
    for package in _packages():
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


def _imported_names(name: str) -> set[str]:
    """Every module ``name`` imports, anywhere in its body, by dotted name (first party or not)."""
    tree = ast.parse(modules()[name].read_text(), filename=str(modules()[name]))
    package = name if _is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            found.add(origin)
            # ``from package import module`` imports the module too
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    return found


@cache
def imports(name: str) -> set[str]:
    """The first-party modules ``name`` imports (the longest first-party prefix of each)."""
    result = set()
    for target in _imported_names(name):
        while target and target not in modules():
            target = target.rpartition(".")[0]
        if target and target != name:
            result.add(target)
    return result


def _cycles() -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), each in an order that shows the cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(imports(v)):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for name in sorted(modules()):
        if name not in index:
            visit(name)
    return groups


def _cycle_path(group: list[str]) -> str:
    """One import cycle through the group: ``a -> b -> a``."""
    members = set(group)
    start = min(group)
    path, seen = [start], {start}
    while True:
        nxt = sorted(imports(path[-1]) & members)
        back = [n for n in nxt if n in seen]
        if back:
            return " -> ".join(path[path.index(back[0]) :] + [back[0]])
        path.append(nxt[0])
        seen.add(nxt[0])


def _database_imports(name: str) -> set[str]:
    """What ``name`` itself imports from ``django.db`` or a ``models`` module."""
    hits = {
        target
        for target in _imported_names(name)
        if target == "django.db" or target.startswith("django.db.") or "models" in target.split(".")
    }
    # ``from django.db import models`` is one import, not also ``django.db.models``
    return {t for t in hits if not any(t.startswith(f"{other}.") for other in hits)}


def _database_reach(name: str) -> list[str]:
    """Import chains from ``name`` to ``django.db`` or a ``models`` module (breadth first, so
    each module is reported by its shortest chain)."""
    came_from: dict[str, str | None] = {name: None}
    queue, chains = [name], []
    while queue:
        current = queue.pop(0)
        trail, step = [], current
        while step is not None:
            trail.insert(0, step)
            step = came_from[step]
        chains += [" -> ".join([*trail, hit]) for hit in sorted(_database_imports(current))]
        for target in sorted(imports(current)):
            if target not in came_from:
                came_from[target] = current
                queue.append(target)
    return chains


# --- today's state --------------------------------------------------------------------------


def too_long() -> dict[str, int]:
    result = {}
    for path in modules().values():
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in rel:
            continue
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            result[rel] = lines
    return result


def cycles() -> dict[frozenset, str]:
    """Each group of modules that import one another, with one cycle through it."""
    return {
        frozenset(group): f"{_cycle_path(group)} (group: {', '.join(sorted(group))})"
        for group in _cycles()
    }


def impure_rules() -> dict[str, list[str]]:
    result = {}
    for name in modules():
        if name.rpartition(".")[2] == "rules":
            chains = _database_reach(name)
            if chains:
                result[name] = chains
    return result


# --- the tests ------------------------------------------------------------------------------


def test_the_checks_see_the_whole_code():
    assert {"adviesraad", "members", "meetings", "adviezen", "budget"} <= set(_packages())
    assert "members.services" in modules() and "adviesraad.background.rules" in modules()
    # both kinds of import are seen: module level and inside a function
    assert "members.rules" in imports("members.services")
    assert "members.selectors" in imports("members.panels")  # imported inside a function


def test_no_module_is_over_400_lines():
    new = {path: n for path, n in too_long().items() if path not in KNOWN_EXCEPTIONS["too_long"]}
    assert not new, f"over {MAX_LINES} lines, make it a package by concern: {new}"


def test_no_import_cycles():
    new = {
        group: path for group, path in cycles().items() if group not in KNOWN_EXCEPTIONS["cycles"]
    }
    assert not new, f"import cycles: {sorted(new.values())}"


def test_rules_modules_do_not_reach_the_database():
    new = {
        name: chains
        for name, chains in impure_rules().items()
        if name not in KNOWN_EXCEPTIONS["impure_rules"]
    }
    assert not new, f"rules must be pure (no django.db, no models): {new}"


def test_every_known_exception_still_applies():
    """The allow-list only shrinks: remove an entry as soon as its fix lands."""
    stale = {
        "too_long": KNOWN_EXCEPTIONS["too_long"] - set(too_long()),
        "cycles": KNOWN_EXCEPTIONS["cycles"] - set(cycles()),
        "impure_rules": KNOWN_EXCEPTIONS["impure_rules"] - set(impure_rules()),
    }
    assert not any(stale.values()), f"fixed, remove from KNOWN_EXCEPTIONS: {stale}"
