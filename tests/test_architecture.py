"""The package keeps the shape ARCHITECTURE.md draws: its layers import only downwards, no
module imports one that imports it back, extraction knows nothing of Dagster, and the module
map names every module there is.

The imports are read from the source (every `import`, also those inside functions, which
run later but still tie the modules together), so the test needs nothing installed.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "pipeline"
ARCHITECTURE = REPO / "ARCHITECTURE.md"
# Modules every layer may use: the version numbers and the child-process helpers.
BASE = {"pipeline", "pipeline.processes"}
NO_DAGSTER = ("pipeline.contract", "pipeline.ingest", "pipeline.extract", "pipeline.engine",
              "pipeline.quality", "pipeline.releases")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module of the package -> every module it imports, of the package or not."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert not node.level, f"{name}: imports in the package are absolute"
                base = node.module or ""
                targets.add(base)
                # "from pipeline.ingest import language" imports a module, not a name
                targets.update(f"{base}.{a.name}" for a in node.names
                               if _is_module(f"{base}.{a.name}"))
        found[name] = targets
    return found


def _is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _layer(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _allowed_layers() -> dict[str, set[str]]:
    """The table of layers in ARCHITECTURE.md: `| pipeline.x | y, z |` rows."""
    rows = re.findall(r"^\| `(pipeline\.\w+)` \| ([^|]*) \|", ARCHITECTURE.read_text("utf-8"),
                      flags=re.MULTILINE)
    return {layer: {f"pipeline.{w}" for w in re.findall(r"\w+", may) if w != "nothing"}
            for layer, may in rows}


def test_every_layer_imports_only_the_layers_the_architecture_allows():
    allowed = _allowed_layers()
    assert allowed, "ARCHITECTURE.md has no table of layers"
    wrong = []
    for module, targets in _imports().items():
        if module in BASE:
            continue
        layer = _layer(module)
        assert layer in allowed, f"{layer} is missing from the layer table in ARCHITECTURE.md"
        for target in targets:
            if target.startswith("pipeline") and target not in BASE:
                other = _layer(target)
                if other != layer and other not in allowed[layer]:
                    wrong.append(f"{module} imports {target}")
    assert not wrong, "imports the layer table does not allow:\n" + "\n".join(sorted(wrong))


def test_no_module_imports_one_that_imports_it_back():
    graph = {m: {t for t in ts if t.startswith("pipeline") and t != m}
             for m, ts in _imports().items()}
    # a module imports its package's __init__ when Python loads it; that edge is not a choice
    for module, targets in graph.items():
        targets.difference_update(p for p in list(targets) if module.startswith(p + "."))
    cycles = []
    state: dict[str, int] = defaultdict(int)  # 0 unseen, 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state[nxt] == 1:
                cycles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif state[nxt] == 0:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if state[module] == 0:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_extraction_and_release_code_import_no_dagster():
    offenders = sorted(m for m, targets in _imports().items() if m.startswith(NO_DAGSTER)
                       and any(t == "dagster" or t.startswith("dagster.") for t in targets))
    assert not offenders


def test_the_module_map_names_every_module_and_only_modules_that_exist():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = {name for name in re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", text)
             if not name.startswith(("tests/", "benchmarks/"))}
    present = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
               if p.name != "__init__.py"}
    assert present - named == set(), "modules ARCHITECTURE.md does not describe"
    assert named - present == set(), "ARCHITECTURE.md describes modules that do not exist"


def test_one_name_per_file_across_the_package():
    names = defaultdict(list)
    for path in PACKAGE.rglob("*.py"):
        if path.name != "__init__.py":
            names[path.name].append(path.relative_to(PACKAGE).as_posix())
    assert {n: p for n, p in names.items() if len(p) > 1} == {}
