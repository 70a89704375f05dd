"""Replay 20 corrections through the preview's desk on a dossier of real stories, and time them.

Run:
  .venv/bin/python -m bench.desk PATH [--keep DIR] [--actions 20] [--no-reingest]
  .venv/bin/python -m bench.desk PATH --check DIR-corrected    # the re-ingest check alone

PATH is a copy of SlavicNER (github.com/SlavicNLP/SlavicNER: raw/ and ner/); only the
devset's four topics (brexit, covid-19, ryanair, asia_bibi) in Russian and Ukrainian are
read, never the held-out ones. The stories are ingested into an empty dossier by one real
`build.py ingest` (or, with --keep DIR holding that dossier already, reused). The mistakes
are the ones the gold shows (bench/identity.py's scoring): a person spread over several
profiles is merged into the profile holding most of their mentions; a profile the gold links
to no person in any story, a one-word stub, is rejected; a profile holding two people has
the minority's articles split off. The preview runs on the dossier (in this process, no
search index), and each correction is posted to /_desk/action as the desk page does; the
time to the answer and the time until the changed page is served are reported. Then every
original is ingested again into a fresh content/ (profiles and corrections kept) and each
correction is checked to hold.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.identity import (DEVSET_TOPICS, ROOT, Story, cross_story_items, ingest, merged, read_slavicner,
                            score_story, split)
from dossier.ingest.profiles import fold
from dossier.preview.serve import Preview
from dossier.site.cache import code_key
from dossier.site.corrections import read_corrections

WAIT = 60.0  # seconds before a correction is taken as never shown


@dataclass
class Planned:
    """One correction to replay, and how to see it has landed."""

    body: dict  # the desk's JSON request
    shown: str  # URL path below the base path whose answer shows the result
    expect: str  # 'redirect', 'gone' or 'page'


def plan_actions(site: Path, stories: list[Story], count: int) -> list[Planned]:
    """Pick count mistakes the gold shows: splits first, then rejections, then merges."""
    from bench.identity import Actor, profile_names

    records = [json.loads(line) for line in (site / "ingest.jsonl").read_text(encoding="utf-8").splitlines()
               if line.startswith("{")]
    article_of = {Path(r["input"]).name: r.get("path") for r in records}
    actors = {Path(r["input"]).name: [Actor(a["slug"], profile_names(site, a["slug"]) or (a["name"],))
                                      for a in r.get("actors", []) if a["kind"] == "person"] for r in records}
    scores = [score_story(s, actors.get(s.name, [])) for s in stories]
    items = cross_story_items(stories, scores)
    used: set[str] = set()
    planned: list[Planned] = []
    live = {p.stem for p in (site / "content/actors").glob("*.md")}
    for slug, people in merged(items).items():
        (other, _), = people.most_common()[-1:]
        moving = [article_of[s.name].split("/")[-1].removesuffix(".md")
                  for s, r in zip(stories, scores)
                  if r.links.get(slug) == other or any(
                      m.identity == other and r.links.get(slug) == m.person for m in s.mentions)]
        moving = [m for m in dict.fromkeys(moving) if m]
        total = sum(people.values())
        if slug in live and slug not in used and moving and len(moving) < total and len(planned) < count // 5:
            name = other.removeprefix("PER-").replace("-", " ")
            planned.append(Planned({"verb": "split", "slugs": [slug], "articles": moving, "value": name},
                                   f"actors/{slug}/", "page"))
            used.add(slug)
    linked = {slug for slug, _ in items}
    for slug in sorted(live - linked - used):
        meta = yaml.safe_load((site / f"content/actors/{slug}.md").read_text(encoding="utf-8").split("---")[1])
        if len(planned) < count // 2 and meta.get("stub") and len(str(meta.get("name", "")).split()) == 1:
            planned.append(Planned({"verb": "reject", "slugs": [slug]}, f"actors/{slug}/", "gone"))
            used.add(slug)
    for _, slugs in sorted(split(items).items(), key=lambda kv: -sum(kv[1].values())):
        target, *sources = [s for s, _ in slugs.most_common() if s in live]
        sources = [s for s in sources if s not in used and target not in used]
        for source in sources:
            if len(planned) < count:
                planned.append(Planned({"verb": "merge", "slugs": [source], "value": target},
                                       f"actors/{source}/", "redirect"))
                used.update({source, target})
    return planned


def post(preview: Preview, token: str, body: dict) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=WAIT)
    data = json.dumps(body).encode("utf-8")
    try:
        conn.request("POST", "/_desk/action", body=data, headers={
            "Content-Type": "application/json", "X-Desk-Token": token, "Origin": f"http://127.0.0.1:{preview.port}"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def get(preview: Preview, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=WAIT)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def landed(preview: Preview, action: Planned, answer: dict) -> bool:
    if action.expect == "page":  # a split: the new profile's page is served
        new = next(Path(w).stem for w in answer["written"] if w.startswith("content/actors/")
                   and Path(w).stem != action.body["slugs"][0])
        status, _ = get(preview, f"{preview.base_path}actors/{new}/")
        return status == 200
    status, html = get(preview, preview.base_path + action.shown)
    return status == 404 if action.expect == "gone" else 'http-equiv="refresh"' in html


def replay(site: Path, actions: list[Planned]) -> list[tuple[Planned, dict, float, float]]:
    """Post each action to the desk of a preview of site; return answers, answer and shown times."""
    done = []
    # The build keys every page on the code (site/cache.code_key): a file of the checkout
    # edited during the run (another session's merge) makes a rebuild render every page.
    code = code_key()
    with Preview(site, port=0, search=False) as preview:
        started = time.perf_counter()
        status, page = get(preview, "/_desk/")
        print(f"desk page: {len(page) // 1024} KB in {time.perf_counter() - started:.2f} s", flush=True)
        token = re.search(r'<meta name="desk-token" content="([^"]+)">', page).group(1)
        for action in actions:
            started = time.perf_counter()
            status, answer = post(preview, token, action.body)
            answered = time.perf_counter() - started
            shown = float("nan")
            if status == 200:
                while time.perf_counter() - started < WAIT:
                    if landed(preview, action, answer):
                        shown = time.perf_counter() - started
                        break
                    time.sleep(0.05)
            print(f"{answer.get('command') or action.body}: {status}, answered {answered:.2f} s, "
                  f"shown {shown:.2f} s", flush=True)
            if code_key() != code:
                code = code_key()
                print("warning: the checkout's code changed during the run, so that rebuild rendered every "
                      "page: run the benchmark from a checkout nobody edits", flush=True)
            done.append((action, answer, answered, shown))
    return done


def reingest_check(site: Path, work: Path) -> tuple[int, int]:
    """Ingest every original of a corrected site again into fresh content/; return (corrections, undone).

    Each correction content/corrections.yml records is checked: a merged slug is no profile
    and no article names it; a rejected name is no profile's; a split story does not name the
    profile it was split from.
    """
    again = work / "again"
    shutil.rmtree(again, ignore_errors=True)
    shutil.copytree(site / "content/actors", again / "content/actors")
    shutil.copy(site / "content/corrections.yml", again / "content/corrections.yml")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", "--root", str(again),
                    str(site / "content/sources/raw")], capture_output=True, text=True, check=True)
    print(f"re-ingest of every original into fresh content/: {time.perf_counter() - started:.0f} s", flush=True)
    return undone_corrections(site, again)


def undone_corrections(site: Path, again: Path) -> tuple[int, int]:
    """Return how many corrections site records, and how many the re-ingested content/ of again undoes."""
    corrections = read_corrections(site)
    names = {}
    for path in (again / "content/actors").glob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        names[path.stem] = fold(str(meta.get("name") or ""))
    by_raw = {}
    for path in (again / "content/articles").rglob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        by_raw[meta.get("raw")] = set(meta.get("actors") or [])
    named = Counter(slug for slugs in by_raw.values() for slug in slugs)
    undone = [f"merged {old}" for old in corrections.merged if old in names or named[old]]
    undone += [f"rejected {name}" for name in corrections.rejected if fold(name) in names.values()]
    undone += [f"split {raw}" for raw, moves in corrections.split.items()
               if raw not in by_raw or moves.keys() & by_raw[raw]]
    for line in undone:
        print(f"  came back: {line}")
    total = len(corrections.merged) + len(corrections.rejected) + len(corrections.split)
    return total, len(undone)


def main() -> int:
    """Ingest (or reuse) the devset dossier, replay the corrections through the desk, report the times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="SlavicNER's folder (raw/, ner/)")
    parser.add_argument("--keep", type=Path, help="the dossier's folder: reused if it holds one, else made and kept")
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--no-reingest", action="store_true", help="skip the re-ingest check")
    parser.add_argument("--check", type=Path, metavar="SITE",
                        help="only the re-ingest check, of a dossier corrected before (kept by --keep)")
    args = parser.parse_args()
    if args.check:
        work = Path(tempfile.mkdtemp(prefix="dossier-desk-"))
        try:
            total, undone = reingest_check(args.check, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"after re-ingest: {undone} of {total} corrections came undone")
        return 0
    stories = read_slavicner(args.path, list(DEVSET_TOPICS), ["ru", "uk"])
    work = Path(tempfile.mkdtemp(prefix="dossier-desk-"))
    site = args.keep or work / "site"
    try:
        if not (site / "ingest.jsonl").is_file():
            seconds, _, errors = ingest(stories, site)
            print(f"ingest of {len(stories)} stories: {seconds:.0f} s, {len(errors)} errors", flush=True)
        if args.keep:  # replayed on a copy: the kept dossier stays as ingest left it
            site = shutil.copytree(site, work / "site", ignore=shutil.ignore_patterns(".cache", "inbox"))
        articles = sum(1 for _ in (site / "content/articles").rglob("*.md"))
        profiles = sum(1 for _ in (site / "content/actors").glob("*.md"))
        print(f"dossier: {articles} articles, {profiles} actor profiles", flush=True)
        actions = plan_actions(site, stories, args.actions)
        print(f"{len(actions)} corrections: " + ", ".join(f"{n} {v}" for v, n in
                                                         Counter(a.body['verb'] for a in actions).items()), flush=True)
        started = time.perf_counter()
        done = replay(site, actions)
        total = time.perf_counter() - started
        answered = sorted(a for _, _, a, _ in done)
        shown = sorted(s for _, _, _, s in done)
        ok = sum(1 for _, answer, _, s in done if "error" not in answer and s == s)
        print(f"{ok} of {len(done)} corrections done and shown; all {total:.0f} s with the preview's start; "
              f"answer median {answered[len(answered) // 2]:.2f} s, max {answered[-1]:.2f} s; "
              f"shown median {shown[len(shown) // 2]:.2f} s, max {shown[-1]:.2f} s")
        for verb in sorted({action.body["verb"] for action, *_ in done}):
            times = sorted(s for action, _, _, s in done if action.body["verb"] == verb)
            print(f"  {verb} ({len(times)}): shown median {times[len(times) // 2]:.2f} s, "
                  f"{times[0]:.2f} to {times[-1]:.2f} s")
        if args.keep:
            corrected = args.keep.with_name(args.keep.name + "-corrected")
            shutil.rmtree(corrected, ignore_errors=True)
            shutil.copytree(site, corrected, ignore=shutil.ignore_patterns(".cache"))
            print(f"the corrected dossier is kept in {corrected} (for --check)")
        if not args.no_reingest:
            total, undone = reingest_check(site, work)
            print(f"after re-ingest: {undone} of {total} corrections came undone")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
