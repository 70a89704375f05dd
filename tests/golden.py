"""Golden output of the basic fixture site: compare, or regenerate with --update.

Regenerate after an intended change to the output:
    .venv/bin/python tests/golden.py --update
"""

from __future__ import annotations

import difflib
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import SITES, copy_site, run_build  # noqa: E402

FIXTURE = SITES / "basic"
EXPECTED = FIXTURE / "expected"
# Copied assets are not generated output; their own tests cover them.
# dossier's list of its own files (.dossier.json) names the assets too; tests/test_faults.py covers it.
SKIP_PREFIXES = ("css/", "js/", "images/", "pagefind/", ".dossier.json")


def build_fixture(workdir: Path) -> Path:
    """Build the basic fixture (no search) in workdir; return its output folder."""
    root = copy_site(FIXTURE, workdir / "site")
    result = run_build(root, "--no-search")
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return root / "public"


def generated_files(out: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and not rel.startswith(SKIP_PREFIXES):
            files[rel] = path.read_bytes()
    return files


def differences(actual: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    """Return a readable unified diff per differing file, plus missing and extra files."""
    report = []
    for rel in sorted(expected.keys() - actual.keys()):
        report.append(f"missing from the build: {rel}")
    for rel in sorted(actual.keys() - expected.keys()):
        report.append(f"not in the golden output: {rel}")
    for rel in sorted(actual.keys() & expected.keys()):
        if actual[rel] != expected[rel]:
            diff = difflib.unified_diff(expected[rel].decode().splitlines(), actual[rel].decode().splitlines(),
                                        f"expected/{rel}", f"built/{rel}", lineterm="", n=2)
            report.append("\n".join(diff))
    return report


def update() -> None:
    """Replace the golden output with a fresh build."""
    with tempfile.TemporaryDirectory() as workdir:
        files = generated_files(build_fixture(Path(workdir)))
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for rel, data in files.items():
        target = EXPECTED / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(files)} files to {EXPECTED}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    update()
