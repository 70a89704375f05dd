"""Screenshot pages of the example dossier, as a reader sees them: `python -m bench.screens PATH ...`.

Builds the example dossier (or the site at --root, e.g. one written by bench/groups.py) under /dossier/ (a project site on GitHub Pages), serves it on
127.0.0.1 and saves each page at 390 and 1366 px wide, light and dark, from Debian's
headless Chromium, into --out (PNG, the whole page's height up to --max-height).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from helpers import chromium, static_server  # noqa: E402  (the tests' own server and browser)

WIDTHS = (390, 1366)
SCHEMES = ("light", "dark")


def shoot(paths: list[str], out: Path, max_height: int, root: Path = REPO) -> list[Path]:
    """Build the site at root, then save every path at every width and scheme; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "dossier"
        subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(root),
                        "--out", str(site), "--base-url", "/dossier/"], check=True, capture_output=True)
        with static_server(site, "/dossier/") as base:
            for width in WIDTHS:
                for scheme in SCHEMES:
                    with chromium(viewport={"width": width, "height": 900}, color_scheme=scheme) as context:
                        page = context.new_page()
                        for path in paths:
                            page.goto(base + path)
                            page.wait_for_load_state("networkidle")
                            height = min(max_height, page.evaluate("document.documentElement.scrollHeight"))
                            name = (path.strip("/").replace("/", "-") or "home") + f"-{width}-{scheme}.png"
                            page.screenshot(path=str(out / name), full_page=True,
                                            clip={"x": 0, "y": 0, "width": width, "height": height})
                            saved.append(out / name)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[""], help="pages below the site, e.g. network/")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "dossier-screens")
    parser.add_argument("--max-height", type=int, default=4000)
    parser.add_argument("--root", type=Path, default=REPO, help="the site to build (default: the example)")
    args = parser.parse_args()
    for path in shoot(args.paths, args.out, args.max_height, args.root.resolve()):
        print(path)


if __name__ == "__main__":
    main()
