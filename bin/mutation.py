#!/usr/bin/env python
"""Mutation testing of the rules, the selectors' scoping and the services' guards (mutmut).

    bin/mutation.py                       every target in [tool.mutation] order (rules first)
    bin/mutation.py adviezen/rules.py     one module (or a package: budget/selectors/)
    bin/mutation.py rules                 one kind: rules, selectors or guards
    bin/mutation.py --max-children 1 ...  worker processes (default 2; the machine has 2 cores)

Each target in ``pyproject.toml`` (``[[tool.mutation.targets]]``) names its modules, its fast
test subset and its kind. A target runs in a fresh ``mutants/`` in its own process: mutmut
copies the code, mutates only that target, records which of the target's tests reach which
function, and runs each mutant against those tests only (fastest first, stopping at the first
failure). For a ``guards`` target every function of the services is mutated, but only the
mutants on a guard line count (see ``guard_lines``). The scores and the survivors (with their
diff) go to ``.mutation/results/<target>.json`` and a table at the end; the exit status is 1
when a target is below its kind's threshold.

Two things mutmut does not do for this project, done here:
- mutmut leaves decorated functions alone; a service under ``@transaction.atomic`` is still
  mutated (the decorator is kept on every copy, so each mutant runs in its transaction).
- Every mutant process would build its own test database; ``tests/mutation_db.py`` gives
  each worker slot one database, built once per run.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".mutation"
RESULTS = STATE / "results"
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
# Decorators that may stay on a mutated copy of a function: they wrap, they do not register.
HARMLESS_DECORATORS = {"transaction.atomic", "staticmethod", "classmethod"}


def load_targets() -> tuple[list[dict], dict[str, float]]:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutation"]
    return conf["targets"], conf["thresholds"]


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")


def select(targets: list[dict], wanted: list[str]) -> list[dict]:
    if not wanted:
        return targets
    chosen = []
    for t in targets:
        for w in wanted:
            if (
                w == t["kind"]
                or w == t["name"]
                or any(
                    m == w or m.startswith(w.rstrip("/") + "/") or w.startswith(m)
                    for m in t["modules"]
                )
            ):
                chosen.append(t)
                break
    if not chosen:
        sys.exit(f"no target matches {wanted}; see [tool.mutation] in pyproject.toml")
    return chosen


def module_files(target: dict) -> list[str]:
    files: list[str] = []
    for m in target["modules"]:
        files += sorted(glob.glob(m + "**/*.py", recursive=True)) if m.endswith("/") else [m]
    return [f for f in files if not f.endswith("__init__.py") or target["kind"] != "guards"]


def test_files(target: dict) -> list[str]:
    files: list[str] = []
    for pattern in target["tests"]:
        found = sorted(glob.glob(pattern))
        if not found and not glob.has_magic(pattern):
            sys.exit(f"{target['name']}: no test file matches {pattern}")
        files += [f for f in found if f not in files]
    if not files:
        sys.exit(f"{target['name']}: no test file")
    return files


# --- guard lines -------------------------------------------------------------------------

GUARD_CALLS = re.compile(
    r"^(require\w*|transition|locked|has_perm|can_transition_to|may_\w+|\w+_may_\w+|"
    r"assert_\w+|check_\w+|ensure_\w+|is_\w+|\w+_allowed|\w+_acceptable|\w+_changeable)$"
)


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _rule_names(tree: ast.Module) -> set[str]:
    """Names imported from a rules module, and the rules modules themselves."""
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[-1] == "rules"
        ):
            names |= {a.asname or a.name for a in node.names}
        if isinstance(node, ast.ImportFrom) and any(a.name == "rules" for a in node.names):
            names.add("rules")
        if isinstance(node, ast.Import):
            names |= {a.asname or a.name for a in node.names if a.name.endswith(".rules")}
    return names


def guard_lines(source: str) -> set[int]:
    """The lines of a services module that are guards: what refuses a change.

    - the condition of an ``if`` whose body raises (a role, status or input check);
    - a statement that calls a rule (anything imported from a ``rules`` module, or
      ``rules.x``), the role check (``require``, ``has_perm``), the status check
      (``transition``, ``can_transition_to``, ``locked``) or a predicate named like one
      (``may_*``, ``is_*``, ``*_acceptable``, ``*_changeable``, ``*_allowed``);
    - a ``filter``/``exclude``/``get`` on a ``select_for_update`` or a model manager whose
      keyword arguments include a status, owner or person (the row a guard is about) is *not*
      counted: those are the selectors' kind of mutant and are measured there.
    """
    tree = ast.parse(source)
    rule_names = _rule_names(tree)
    lines: set[int] = set()

    def span(node: ast.AST) -> range:
        return range(node.lineno, (node.end_lineno or node.lineno) + 1)

    for node in ast.walk(tree):
        if isinstance(node, ast.If) and any(isinstance(s, ast.Raise) for s in node.body):
            lines.update(span(node.test))
        if isinstance(node, ast.stmt) and not isinstance(
            node, (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.FunctionDef, ast.ClassDef)
        ):
            for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
                name = _call_name(call.func)
                base = call.func.value if isinstance(call.func, ast.Attribute) else None
                from_rules = name in rule_names or (
                    isinstance(base, ast.Name) and base.id in rule_names
                )
                if from_rules or GUARD_CALLS.match(name):
                    lines.update(span(node))
                    break
        if isinstance(node, ast.If):
            for call in (n for n in ast.walk(node.test) if isinstance(n, ast.Call)):
                name = _call_name(call.func)
                base = call.func.value if isinstance(call.func, ast.Attribute) else None
                if (
                    name in rule_names
                    or (isinstance(base, ast.Name) and base.id in rule_names)
                    or GUARD_CALLS.match(name)
                ):
                    lines.update(span(node.test))
    return lines


def mutant_is_guard(diff: str, guard_texts: set[str]) -> bool:
    removed = [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    return any(text in guard_texts for text in removed if text)


# --- one target, in its own process -----------------------------------------------------


def _allow_harmless_decorators() -> None:
    import libcst as cst
    from mutmut.mutation import file_mutation

    original = file_mutation.MutationVisitor._skip_node_and_children

    def decorator_name(d: cst.Decorator) -> str:
        node = d.decorator
        parts = []
        while isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        if isinstance(node, cst.Name):
            parts.append(node.value)
        return ".".join(reversed(parts))

    def skip(self, node):  # type: ignore[no-untyped-def]
        if (
            isinstance(node, cst.FunctionDef)
            and node.decorators
            and all(decorator_name(d) in HARMLESS_DECORATORS for d in node.decorators)
        ):
            return False
        return original(self, node)

    file_mutation.MutationVisitor._skip_node_and_children = skip


def _guard_mutants(files: list[str], max_children: int) -> list[str]:
    """Generate the mutants (as ``mutmut run`` would) and name those on a guard line, so the
    run tests only them."""
    from mutmut.__main__ import create_mutants
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths

    Path("mutants").mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    create_mutants(max_children)
    names = []
    for path in files:
        source = Path(path).read_text()
        lines = source.splitlines()
        guards = {lines[n - 1].strip() for n in guard_lines(source)}
        data = SourceFileMutationData(path=path)
        data.load()
        names += [
            key
            for key in data.exit_code_by_key
            if mutant_is_guard(get_diff_for_mutant(key, path=path), guards)
        ]
    return names


def run_one(target: dict, max_children: int) -> dict:
    os.chdir(ROOT)
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    files = module_files(target)
    tests = test_files(target)

    from mutmut import configuration

    cfg = configuration.config()
    configuration._config = dataclasses.replace(
        cfg, only_mutate=files, pytest_add_cli_args_test_selection=tests
    )
    _allow_harmless_decorators()

    from mutmut.__main__ import _run
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    started = time.monotonic()
    names: list[str] = []
    if target["kind"] == "guards":
        names = _guard_mutants(files, max_children)
        if not names:
            sys.exit(f"{target['name']}: no mutant on a guard line")
    try:
        _run(names, max_children)
    except SystemExit as stop:
        if stop.code:
            raise
    seconds = time.monotonic() - started

    counts: dict[str, int] = {}
    survivors = []
    for path in files:
        data = SourceFileMutationData(path=path)
        data.load()
        guards = None
        if target["kind"] == "guards":
            source = Path(path).read_text()
            source_lines = source.splitlines()
            guards = {source_lines[n - 1].strip() for n in guard_lines(source)}
        for key, code in sorted(data.exit_code_by_key.items()):
            status = status_by_exit_code[code]
            if guards is not None or status not in KILLED:
                diff = get_diff_for_mutant(key, path=path)
                if guards is not None and not mutant_is_guard(diff, guards):
                    continue
            counts[status] = counts.get(status, 0) + 1
            if status not in KILLED:
                survivors.append({"mutant": key, "status": status, "diff": diff})
    killed = sum(n for s, n in counts.items() if s in KILLED)
    total = sum(n for s, n in counts.items() if s != "skipped")
    return {
        "target": target["name"],
        "kind": target["kind"],
        "modules": target["modules"],
        "tests": tests,
        "counts": counts,
        "killed": killed,
        "total": total,
        "score": round(100 * killed / total, 1) if total else 100.0,
        "seconds": round(seconds),
        "survivors": survivors,
    }


# --- the whole run ------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="module, package, target name or kind")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--show", action="store_true", help="print the survivors' diffs")
    args = parser.parse_args()
    targets, thresholds = load_targets()

    if args.one:
        (target,) = [t for t in targets if t["name"] == args.one]
        result = run_one(target, args.max_children)
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{slug(target['name'])}.json").write_text(json.dumps(result, indent=2))
        return 0

    os.environ.setdefault("MUTATION_RUN_ID", str(time.time()))
    os.environ["MUTATION_STATE_DIR"] = str(STATE)
    chosen = select(targets, args.targets)
    started = time.monotonic()
    failed = []
    for target in chosen:
        print(f"== {target['name']} ({target['kind']})", flush=True)
        out = RESULTS / f"{slug(target['name'])}.json"
        out.unlink(missing_ok=True)
        log = STATE / f"{slug(target['name'])}.log"
        STATE.mkdir(exist_ok=True)
        with log.open("w") as sink:
            code = subprocess.call(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    target["name"],
                    "--max-children",
                    str(args.max_children),
                ],
                cwd=ROOT,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        if code or not out.exists():
            failed.append(target["name"])
            print(f"   failed; see {log.relative_to(ROOT)}", flush=True)
    print()
    print(
        f"{'target':38} {'kind':9} {'killed':>7} {'total':>6} {'score':>7} {'goal':>5} {'time':>6}"
    )
    below = []
    for target in chosen:
        out = RESULTS / f"{slug(target['name'])}.json"
        if not out.exists():
            print(f"{target['name']:38} {target['kind']:9} {'failed to run':>34}")
            continue
        r = json.loads(out.read_text())
        goal = thresholds[r["kind"]]
        flag = "" if r["score"] >= goal else "  BELOW"
        if flag:
            below.append(r["target"])
        print(
            f"{r['target']:38} {r['kind']:9} {r['killed']:>7} {r['total']:>6} "
            f"{r['score']:>6.1f}% {goal:>4.0f}% {r['seconds']:>5}s{flag}"
        )
        for s in r["survivors"]:
            print(f"    {s['status']:10} {s['mutant']}")
            if args.show:
                print("      " + s["diff"].replace("\n", "\n      "))
    print(f"\n{round(time.monotonic() - started)}s in all; results in {RESULTS.relative_to(ROOT)}/")
    if failed:
        print("did not run:", ", ".join(failed))
    if below:
        print("below the threshold:", ", ".join(below))
    return 1 if failed or below else 0


if __name__ == "__main__":
    sys.exit(main())
