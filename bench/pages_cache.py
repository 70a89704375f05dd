"""What the Pages workflow's actions/cache holds at N articles, and what restoring it saves.

    .venv/bin/python -m bench.pages_cache [--articles 10000] [--no-search]

The workflow keeps `.cache/` and `public/` between runs with actions/cache, which packs
them with `tar --posix` (sub-second mtimes kept, so the build's file stamps still match)
and zstd. This benchmark builds the synthetic corpus cold, packs both folders the same
way and reports their size, then plays a deploy after one new story as the runner sees
it: a fresh checkout (every content file newly written), the cache unpacked, one article
added, `build.py build` (timed without the search index, then the index on its own). For
comparison the same deploy with only `.cache/` restored; with nothing restored it is the
cold build.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import corpus as synthetic

REPO = Path(__file__).resolve().parents[1]


def build(root: Path, search: bool) -> str:
    """Run the real CLI's build on root, then (if search) a second one that only indexes; say how long."""
    times, lines = [], []
    for with_search in ([False, True] if search else [False]):
        start = time.perf_counter()
        # The second run finds nothing changed, so its time is the search index's.
        done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(root),
                               *([] if with_search else ["--no-search"])], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        times.append(time.perf_counter() - start)
        lines.append(done.stdout.strip().splitlines()[-1])
    said = f"build {times[0]:.1f} s" + (f" + search index {times[1]:.1f} s" if search else "")
    return f"{said} ({lines[0]})"


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def pack(root: Path, names: list[str], archive: Path) -> int:
    """Pack root/names as actions/cache does (tar --posix, zstd); return the archive's size."""
    subprocess.run(f"tar --posix -cf - -C {root} {' '.join(names)} | zstd -q -T0 --long=30 -o {archive}",
                   shell=True, check=True)
    return archive.stat().st_size


def checkout(source: Path, site: Path, corpus: synthetic.Corpus, added: bool) -> None:
    """Lay the site out anew at site, as actions/checkout does (new mtimes), maybe one article added."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(source / "content", site / "content", copy_function=shutil.copyfile)
    shutil.copyfile(source / "site.yml", site / "site.yml")
    if added:
        article = synthetic.make_article(corpus, len(corpus.articles))
        synthetic.write_file(site / "content" / synthetic.article_path(article), synthetic.dossier_article(article))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--no-search", action="store_true", help="build without the search index")
    args = parser.parse_args()
    search = not args.no_search
    corpus = synthetic.generate(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "corpus"
        synthetic.write_dossier(corpus, source)
        # Always the same folder, as on a runner: the build's record is kept per output folder.
        site = work / "site"
        checkout(source, site, corpus, added=False)
        print(f"{args.articles} articles, cold: {build(site, search)}", flush=True)
        sizes = {name: folder_bytes(site / name) for name in (".cache", "public")}
        packed = {name: pack(site, [name], work / f"{name.strip('.')}.tar.zst") for name in (".cache", "public")}
        for name in (".cache", "public"):
            print(f"{name}/: {sizes[name] / 2**20:.1f} MiB on disk, {packed[name] / 2**20:.1f} MiB packed", flush=True)
        print(f"cache entry (.cache/ and public/): {sum(packed.values()) / 2**20:.1f} MiB packed", flush=True)
        for label, names in (("both restored", [".cache", "public"]), ("only .cache/ restored", [".cache"])):
            checkout(source, site, corpus, added=True)
            for name in names:
                subprocess.run(f"zstd -q -d --long=30 -c {work / (name.strip('.') + '.tar.zst')} | tar -xf - -C {site}",
                               shell=True, check=True)
            print(f"deploy after one new story, {label}: {build(site, search)}", flush=True)


if __name__ == "__main__":
    main()
