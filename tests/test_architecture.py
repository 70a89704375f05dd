"""The package keeps the layers ARCHITECTURE.md draws: no folder imports one above it."""

import ast
import re
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "dossier"


def _layers() -> dict[str, int]:
    """Read the layer table of ARCHITECTURE.md: folder -> its rank, lowest first."""
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \|", text, flags=re.M)
    return {name.strip("` "): int(rank) for rank, cell in rows for name in cell.split(",")}


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """Return (module imported, names taken) for each dossier import in path."""
    package = ["dossier", *path.relative_to(PACKAGE).parts[:-1]]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
    return [(module, names) for module, names in found if module.split(".")[0] == "dossier"]


def _unit(module: str, names: list[str]) -> str:
    """Return the folder (or top-level module) an import reaches."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else names[0]


def test_every_folder_has_a_layer_and_no_folder_imports_upwards() -> None:
    layers = _layers()
    units = {path.stem if path.is_file() else path.name for path in PACKAGE.iterdir()
             if (path.is_dir() and (path / "__init__.py").is_file()) or (path.suffix == ".py" and path.stem != "__init__")}
    assert units - set(layers) == set(), "add each new folder to ARCHITECTURE.md's layer table"
    upward = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel == Path("__init__.py"):
            continue  # the package's face re-exports the build
        unit = rel.parts[0].removesuffix(".py")
        for module, names in _imports(path):
            target = _unit(module, names)
            if target != unit and layers[target] >= layers[unit]:
                upward.append(f"{rel} imports {module} ({target}, layer {layers[target]} >= {layers[unit]})")
    assert upward == []


def test_no_private_name_is_imported_from_another_module() -> None:
    private = [f"{path.relative_to(PACKAGE)}: {module}.{name}"
               for path in PACKAGE.rglob("*.py") for module, names in _imports(path)
               for name in names if name.startswith("_")]
    assert private == []
